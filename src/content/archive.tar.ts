import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Header, Pack, Parser, ReadEntry } from 'tar';
import { ValidationFailed, type FieldIssue } from '../errors.ts';
import { isSafeMediaKey } from '../media/storage.ts';

/** The manifest's name at the root of an export archive; media originals go under `media/`. */
export const MANIFEST = 'depeche-export.json';
export const MEDIA_DIR = 'media';

/** True when the file starts with the gzip magic bytes, whatever its name. */
export async function isGzip(file: string): Promise<boolean> {
  const fh = await fs.open(file, 'r').catch(() => null);
  if (!fh) return false;
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * Writes a gzip'd tar: the manifest, then each media file read one at a time.
 * It goes to a temporary name beside `out` and is renamed at the end, so that
 * a failed export leaves no half file behind.
 */
export async function writeArchive(
  out: string,
  manifest: string,
  media: Array<{ name: string; read: () => Promise<Buffer> }>,
  onFile?: (done: number, total: number) => void,
): Promise<void> {
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${randomUUID()}.tmp`);
  const mtime = new Date();
  const pack = new Pack({ gzip: true, portable: true });
  const sink = createWriteStream(tmp, { flags: 'wx' });
  const written = pipeline(pack, sink);
  // A failure of the disk stops the loop below. One handler for the whole run: it fails the file in flight.
  let failed: unknown;
  let failInFlight: ((e: unknown) => void) | undefined;
  written.catch((e) => {
    failed ??= e;
    failInFlight?.(e);
  });
  const add = async (name: string, data: Buffer) => {
    if (failed) throw failed;
    const entry = new ReadEntry(new Header({ path: name, type: 'File', size: data.length, mode: 0o644, mtime }));
    const drained = new Promise<void>((resolve, reject) => {
      entry.once('end', resolve);
      failInFlight = reject;
    });
    pack.add(entry);
    entry.end(data);
    // One file in flight at a time: the next is read only once this one is packed.
    await drained;
  };
  try {
    await add(MANIFEST, Buffer.from(manifest, 'utf8'));
    for (const [i, m] of media.entries()) {
      await add(`${MEDIA_DIR}/${m.name}`, await m.read());
      onFile?.(i + 1, media.length);
    }
    pack.end();
    await written;
    await fs.rename(tmp, out);
  } catch (e) {
    // Closing the file ends the pipeline (the packer alone may not say it is done).
    sink.destroy();
    pack.destroy();
    await written.catch(() => {});
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

export interface ArchiveLimits {
  /** Largest media file; a larger picture would be refused by the import anyway. */
  maxFileBytes: number;
  /** Largest manifest. */
  maxManifestBytes: number;
  /** All files together, unpacked: what a small archive may expand to is bounded. */
  maxTotalBytes: number;
  maxEntries: number;
}

export const DEFAULT_LIMITS: Omit<ArchiveLimits, 'maxFileBytes'> = {
  maxManifestBytes: 512 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024 * 1024,
  maxEntries: 1_000_000,
};

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

/**
 * Unpacks an archive into `dir` (an empty temporary folder) and returns the
 * manifest's text and the media names found. Only the manifest, plain files
 * under `media/` and their folders are accepted: a link, a device, an absolute
 * path, a `..`, an unknown entry or a size over the limits refuses the whole
 * archive, naming every entry at fault.
 */
export async function extractArchive(file: string, dir: string, limits: ArchiveLimits): Promise<{ manifest: string; media: Set<string> }> {
  const issues: FieldIssue[] = [];
  const media = new Set<string>();
  /** Folders the media files make: a file may not take a folder's name, nor a folder a file's. */
  const folders = new Set<string>();
  const writes: Array<Promise<void>> = [];
  const manifestChunks: Buffer[] = [];
  let sawManifest = false;
  let total = 0;
  let entries = 0;
  const input = createReadStream(file);
  const parser = new Parser({ strict: true });
  let current: ReadEntry | undefined;
  const stop = (message: string) => {
    issues.push({ field: path.basename(file), message });
    parser.abort(new Error(message));
  };

  parser.on('entry', (entry: ReadEntry) => {
    current = entry;
    const name = entry.path.replace(/^(\.\/)+/, '');
    const refuse = (message: string) => {
      issues.push({ field: `${path.basename(file)}: ${entry.path}`, message });
      entry.resume();
    };
    entries++;
    if (entries > limits.maxEntries) return stop(`more than ${limits.maxEntries} entries`);
    if (path.isAbsolute(entry.path) || /^[a-z]:/i.test(entry.path) || entry.path.includes('\\')) return refuse('absolute path (not allowed in an archive)');
    if (name.split('/').includes('..')) return refuse('path leaves the archive (..)');
    if (entry.type === 'Directory') {
      if (name === MEDIA_DIR || name === `${MEDIA_DIR}/` || name.startsWith(`${MEDIA_DIR}/`)) return entry.resume();
      return refuse('unexpected folder');
    }
    if (!FILE_TYPES.has(entry.type)) return refuse(`${entry.type === 'SymbolicLink' || entry.type === 'Link' ? 'link' : entry.type} (only plain files are allowed in an archive)`);
    const size = entry.size ?? 0;
    total += size;
    if (total > limits.maxTotalBytes) return stop(`unpacks to more than ${limits.maxTotalBytes} bytes`);
    if (name === MANIFEST) {
      if (sawManifest) return refuse('the manifest appears twice');
      sawManifest = true;
      if (size > limits.maxManifestBytes) return refuse(`${size} bytes, over the limit of ${limits.maxManifestBytes}`);
      entry.on('data', (d: Buffer) => manifestChunks.push(d));
      return;
    }
    const key = name.startsWith(`${MEDIA_DIR}/`) ? name.slice(MEDIA_DIR.length + 1) : null;
    if (key === null || !isSafeMediaKey(key)) return refuse('unexpected entry (expected the manifest or a file under media/, as a plain path)');
    if (media.has(key) || folders.has(key)) return refuse('appears twice');
    const parents = key.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    if (parents.some((p) => media.has(p))) return refuse('lies inside another media file of the archive');
    if (size > limits.maxFileBytes) return refuse(`${size} bytes, over the limit of ${limits.maxFileBytes}`);
    media.add(key);
    for (const p of parents) folders.add(p);
    const target = path.join(dir, MEDIA_DIR, key);
    writes.push(
      (async () => {
        await fs.mkdir(path.dirname(target), { recursive: true });
        await pipeline(entry, createWriteStream(target, { flags: 'wx' }));
      })().catch((e: Error) => stop(`cannot unpack ${entry.path}: ${e.message}`)),
    );
  });

  try {
    // The parser is an event emitter with write() and end(), not a stream: piped by hand.
    await new Promise<void>((resolve, reject) => {
      input.on('error', reject);
      parser.on('error', reject);
      parser.on('end', resolve);
      input.pipe(parser as unknown as NodeJS.WritableStream);
    });
  } catch (e) {
    input.destroy();
    // An entry cut short by the failure would never end: its write is abandoned.
    current?.destroy?.();
    // Stopped by us above (the issue says why), or a damaged archive.
    if (!issues.length) issues.push({ field: path.basename(file), message: `not a readable archive: ${(e as Error).message}` });
  }
  const results = await Promise.allSettled(writes);
  for (const r of results) if (r.status === 'rejected' && !issues.length) issues.push({ field: path.basename(file), message: `cannot unpack: ${(r.reason as Error).message}` });
  if (!sawManifest && !issues.length) issues.push({ field: path.basename(file), message: `no ${MANIFEST} in the archive` });
  if (issues.length) throw new ValidationFailed(issues);
  return { manifest: Buffer.concat(manifestChunks).toString('utf8'), media };
}
