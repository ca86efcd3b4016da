import fs from 'node:fs/promises';
import path from 'node:path';
import type { FieldIssue } from '../errors.ts';
import { ImageRejected, type ImageCodec, type InspectedImage } from '../media/images.ts';
import { inBatches } from '../store/batches.ts';
import type { Db } from '../store/db.ts';

/** An image an import refers to: a file path (resolved) or a media id. */
export interface ImageRef {
  /** Where the reference stands, for messages: `file.json: article 2: body[3].image`. */
  at: string;
  ref: string | number;
  meta: { alt: string; caption?: string; credit?: string; copyright?: string; sourceUrl?: string };
}

/** A picture checked and hashed; its bytes are not kept (an import may name thousands) and are read again when encoded. */
export interface PlannedImage {
  /** Where the file is first referred to, for messages. */
  at: string;
  inspected: InspectedImage;
  file: string;
  meta: ImageRef['meta'];
}

/**
 * Reads and checks every image file an import names, once per file, and checks
 * that media ids exist. Problems are added to `issues`; the files that pass are
 * returned by path. Callers that refer to media ids only (the article form)
 * pass no codec.
 */
export async function readImages(db: Db, images: ImageCodec | null, refs: ImageRef[], issues: FieldIssue[]): Promise<Map<string, PlannedImage>> {
  const ids = refs.flatMap((r) => (typeof r.ref === 'number' ? [r.ref] : []));
  const known = new Set((await inBatches([...new Set(ids)], 1, (slice) => db.selectFrom('images').select('id').where('id', 'in', slice).execute())).map((r) => r.id));
  const planned = new Map<string, PlannedImage>();
  const seen = new Set<string>();
  for (const r of refs) {
    if (typeof r.ref === 'number') {
      if (!known.has(r.ref)) issues.push({ field: r.at, message: `no media with id ${r.ref}` });
      continue;
    }
    if (!images) throw new Error(`readImages: ${r.at} names a file, and no image codec was given`);
    const maxBytes = images.limits.maxBytes;
    if (seen.has(r.ref)) continue;
    seen.add(r.ref);
    const problem = (message: string) => issues.push({ field: r.at, message });
    let data: Buffer;
    try {
      const stat = await fs.stat(r.ref);
      if (!stat.isFile()) throw new Error('not a file');
      if (stat.size > maxBytes) {
        problem(`${path.basename(r.ref)} is ${stat.size} bytes, over the limit of ${maxBytes}`);
        continue;
      }
      data = await fs.readFile(r.ref);
    } catch {
      problem(`file not found: ${r.ref}`);
      continue;
    }
    try {
      planned.set(r.ref, { at: r.at, inspected: await images.inspect(data), file: r.ref, meta: r.meta });
    } catch (e) {
      if (!(e instanceof ImageRejected)) throw e;
      problem(`${path.basename(r.ref)}: ${e.message}`);
    }
  }
  return planned;
}
