import { randomBytes } from 'node:crypto';
import { constants as fsc } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { decodeBody } from './feed-parse.ts';
import { enqueueItems, ninjsItems, type Incoming, type SourceRef } from './items.service.ts';
import type { IngestDeps } from './sources.service.ts';

/**
 * Drop folders: a ninjs source without a URL receives files in
 * INGEST_DIR/<source id>/. The folder is derived from the configuration and the
 * source's id, never from editor input, so no one can point the server at an
 * arbitrary path.
 *
 * A file is claimed by renaming it into processing/ (rename is atomic, so of two
 * processes polling at once only one gets it), then ends in done/ or failed/.
 */

export type DropDeps = IngestDeps & {
  ingestDir: string;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
};

export interface RefusedFile {
  file: string;
  reason: string;
}

export interface DropPollResult {
  added: number;
  duplicates: number;
  failed: RefusedFile[];
}

/** The folder cannot be created or read: the source's poll fails and backs off. */
export class DropFolderFailed extends Error {}

/** This one file cannot be taken: it goes to failed/ and the others go on. */
class FileRefused extends Error {}

const SUBFOLDERS = ['processing', 'done', 'failed'] as const;

/** A claim older than this was left by a process that stopped mid-file; it is put back to be taken again. */
const STALE_CLAIM_MS = 15 * 60_000;

/** The prefix a claimed file gets: claim time and a random part, so names never collide in done/ or failed/. */
const CLAIM_PREFIX = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-[0-9a-f]{8}-/;

/** When a file in processing/ was claimed, read from its name (its times may belong to the sender, who alone could change them). */
function claimedAt(name: string): number | null {
  const m = CLAIM_PREFIX.exec(name);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : null;
}

export function dropFolderOf(ingestDir: string, sourceId: number): string {
  return path.join(ingestDir, String(sourceId));
}

export async function ensureDropFolder(dir: string): Promise<void> {
  for (const sub of SUBFOLDERS) await fs.mkdir(path.join(dir, sub), { recursive: true });
}

/** Files a sender may still be writing are left alone: hidden names, and .tmp / .part ones. */
export function isDeliverable(name: string): boolean {
  return !name.startsWith('.') && !/\.(tmp|part)$/i.test(name) && /\.json$/i.test(name);
}

function claimName(name: string, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d+/, '').replace(/[-:]/g, '');
  return `${stamp}-${randomBytes(4).toString('hex')}-${name.replace(CLAIM_PREFIX, '')}`;
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException)?.code;

/** Renames the file into processing/; null when another process took it first. */
async function claim(dir: string, name: string, at: Date): Promise<string | null> {
  const claimed = path.join(dir, 'processing', claimName(name, at));
  try {
    await fs.rename(path.join(dir, name), claimed);
  } catch (e) {
    if (errno(e) === 'ENOENT') return null;
    throw e;
  }
  return claimed;
}

/** Puts back the files that a stopped process claimed and never finished. */
async function reclaimStale(dir: string, now: Date): Promise<void> {
  for (const name of await fs.readdir(path.join(dir, 'processing'))) {
    const at = claimedAt(name);
    if (at === null || now.getTime() - at < STALE_CLAIM_MS) continue;
    await fs.rename(path.join(dir, 'processing', name), path.join(dir, name)).catch((e) => {
      if (errno(e) !== 'ENOENT') throw e;
    });
  }
}

/** Reads a claimed file: a regular file only (no link, pipe or device), never past maxBytes. */
async function readClaimed(file: string, maxBytes: number): Promise<Buffer> {
  // O_NONBLOCK: opening a named pipe must not wait for a writer.
  const fh = await fs.open(file, fsc.O_RDONLY | fsc.O_NOFOLLOW | fsc.O_NONBLOCK).catch((e) => {
    if (errno(e) === 'ELOOP') throw new FileRefused('a symbolic link; only regular files are read');
    if (errno(e) === 'EACCES' || errno(e) === 'EPERM') throw new FileRefused('cannot be read by the server (permission denied)');
    throw e;
  });
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new FileRefused('not a regular file');
    if (st.size > maxBytes) throw new FileRefused(`larger than ${maxBytes} bytes`);
    const buf = Buffer.alloc(st.size + 1);
    let size = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, size, buf.length - size, size);
      if (!bytesRead) break;
      size += bytesRead;
      if (size === buf.length) throw new FileRefused('still growing; write it under a temporary name and rename it when complete');
    }
    return buf.subarray(0, size);
  } finally {
    await fh.close();
  }
}

async function parse(source: SourceRef, bytes: Buffer, at: Date): Promise<Incoming[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(decodeBody(bytes, null));
  } catch (e) {
    throw new FileRefused(`not JSON (${(e as Error).message.slice(0, 200)})`);
  }
  try {
    return await ninjsItems(source, doc, at);
  } catch (e) {
    // Anything the converter chokes on (a nesting deep enough to exhaust the stack, say) is this file's fault.
    throw new FileRefused(`not a ninjs item or array of items (${(e as Error).message.slice(0, 200)})`);
  }
}

/** Takes every deliverable file in the source's drop folder, oldest name first. */
export async function pollDropFolder(deps: DropDeps, source: SourceRef, opts: { maxBytes: number }, started: Date): Promise<DropPollResult> {
  const dir = dropFolderOf(deps.ingestDir, source.id);
  const result: DropPollResult = { added: 0, duplicates: 0, failed: [] };
  let names: string[];
  try {
    await ensureDropFolder(dir);
    await reclaimStale(dir, started);
    const entries = await fs.readdir(dir, { withFileTypes: true });
    // Links are taken too, only to be refused: left in place they would never be explained.
    names = entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && isDeliverable(e.name)).map((e) => e.name).sort();
  } catch (e) {
    throw new DropFolderFailed(`drop folder ${dir}: ${(e as Error).message}`);
  }
  for (const name of names) {
    let claimed: string | null = null;
    let incoming: Incoming[];
    try {
      claimed = await claim(dir, name, started);
      if (!claimed) continue; // another process has it
      incoming = await parse(source, await readClaimed(claimed, opts.maxBytes), started);
    } catch (e) {
      if (!(e instanceof FileRefused) || !claimed) throw new DropFolderFailed(`drop folder ${dir}: ${name}: ${(e as Error).message}`);
      const moved = path.join('failed', path.basename(claimed));
      await settle(dir, claimed, 'failed');
      deps.log.warn({ source: source.id, file: name, movedTo: path.join(dir, moved), reason: e.message }, 'ingest file refused');
      result.failed.push({ file: name, reason: e.message });
      continue;
    }
    let r: { added: number; duplicates: number };
    try {
      r = await enqueueItems(deps, source.id, incoming);
    } catch (e) {
      // The store failed, not the file: put it back for the next poll.
      await fs.rename(claimed, path.join(dir, path.basename(claimed))).catch(() => {});
      throw e;
    }
    await settle(dir, claimed, 'done');
    deps.log.info({ source: source.id, file: name, ...r }, 'ingest file taken');
    result.added += r.added;
    result.duplicates += r.duplicates;
  }
  return result;
}

async function settle(dir: string, claimed: string, to: 'done' | 'failed'): Promise<void> {
  try {
    await fs.rename(claimed, path.join(dir, to, path.basename(claimed)));
  } catch (e) {
    throw new DropFolderFailed(`drop folder ${dir}: cannot move ${path.basename(claimed)} to ${to}/: ${(e as Error).message}`);
  }
}
