import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Header, Pack, Parser, ReadEntry } from 'tar';
import { ValidationFailed, type FieldIssue } from '../errors.ts';
import { isSafeMediaKey } from '../media/storage.ts';

/** The manifest's name at the root of an export archive; media originals go under `media/`. */
export const MANIFEST = 'depeche-export.json';
export const MEDIA_DIR = 'media';
/** A version 2 archive's data files: NDJSON, numbered in order, between the manifest and the media. */
export const DATA_KINDS = ['articles', 'redirects', 'slug-history', 'home-slots', 'videos', 'channels', 'shows', 'programmes', 'tags', 'people', 'authors', 'pages', 'menu-items', 'slug-aliases', 'translations', 'focal-points'] as const;
export type DataKind = (typeof DATA_KINDS)[number];
export const dataFileName = (kind: DataKind, n: number) => `${kind}/${String(n).padStart(6, '0')}.ndjson`;
const DATA_FILE = /^(articles|redirects|slug-history|home-slots|videos|channels|shows|programmes|tags|people|authors|pages|menu-items|slug-aliases|translations|focal-points)\/\d{6}\.ndjson$/;

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
 * Writes a gzip'd tar: the manifest, the data files as they come (each made
 * and packed before the next is asked for), then each media file read one at
 * a time (the list asked for once the data is written). It goes to a temporary
 * name beside `out` and is renamed at the end, so that a failed export leaves
 * no half file behind.
 */
export async function writeArchive(
  out: string,
  manifest: string,
  data: AsyncIterable<{ name: string; data: Buffer }>,
  media: () => Array<{ name: string; read: () => Promise<Buffer | { size: number; stream: Readable }> }>,
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
  const add = async (name: string, data: Buffer | { size: number; stream: Readable }) => {
    if (failed) throw failed;
    const size = Buffer.isBuffer(data) ? data.length : data.size;
    const entry = new ReadEntry(new Header({ path: name, type: 'File', size, mode: 0o644, mtime }));
    const drained = new Promise<void>((resolve, reject) => {
      entry.once('end', resolve);
      failInFlight = reject;
    });
    pack.add(entry);
    if (Buffer.isBuffer(data)) entry.end(data);
    else {
      // A video source is streamed: it may be far larger than memory. Its size was read before, and must not change.
      let sent = 0;
      for await (const chunk of data.stream) {
        sent += (chunk as Buffer).length;
        if (sent > size) throw new Error(`${name}: grew while being archived`);
        if (!entry.write(chunk)) await new Promise((resolve) => entry.once('drain', resolve));
      }
      if (sent !== size) throw new Error(`${name}: ${sent} bytes read where ${size} were expected`);
      entry.end();
    }
    // One file in flight at a time: the next is read only once this one is packed.
    await drained;
  };
  try {
    await add(MANIFEST, Buffer.from(manifest, 'utf8'));
    for await (const d of data) await add(d.name, d.data);
    const files = media();
    for (const [i, m] of files.entries()) {
      await add(`${MEDIA_DIR}/${m.name}`, await m.read());
      onFile?.(i + 1, files.length);
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
  /** Largest video source (under `media/videos/`): MAX_VIDEO_BYTES, as for an upload. Pictures' limit when absent. */
  maxVideoBytes?: number;
  /** Largest manifest. */
  maxManifestBytes: number;
  /** Largest data file of a version 2 archive (a thousand rows each when written by us). */
  maxDataFileBytes: number;
  /** All files together, unpacked: at most what the disk can hold (see archive.service.ts). */
  maxTotalBytes: number;
  maxEntries: number;
  /**
   * Unpacked bytes per compressed byte, over the whole stream so far. Pictures
   * are compressed already and JSON shrinks about tenfold: only a file made to
   * explode (zeros) comes near this.
   */
  maxRatio: number;
}

export const DEFAULT_LIMITS: Omit<ArchiveLimits, 'maxFileBytes' | 'maxTotalBytes'> = {
  maxManifestBytes: 512 * 1024 * 1024,
  maxDataFileBytes: 256 * 1024 * 1024,
  maxEntries: 1_000_000,
  maxRatio: 1000,
};

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

/**
 * Unpacks an archive into `dir` (an empty temporary folder) and returns the
 * manifest's text and the media names found. The manifest comes first; once
 * it is read, `named(manifest)` gives the media keys it names, and any other
 * media file is refused before a byte of it is written, so what an archive may
 * unpack to is bounded by its own manifest (each file by `maxFileBytes`).
 * Only the manifest, plain files under `media/` and their folders are
 * accepted: a link, a device, an absolute path, a `..`, an unknown entry or a
 * size over the limits refuses the whole archive, naming every entry at fault.
 *
 * Whatever goes wrong (a damaged stream, a limit, a full disk), the returned
 * promise settles: every file being written is tied to one abort signal,
 * fired on the first failure.
 */
export async function extractArchive(
  file: string,
  dir: string,
  limits: ArchiveLimits,
  named: (manifest: string) => Set<string> | null,
  onData?: (name: string, data: Buffer) => void,
): Promise<{ manifest: string; media: Set<string>; data: string[] }> {
  const issues: FieldIssue[] = [];
  const media = new Set<string>();
  /** Folders the media files make: a file may not take a folder's name, nor a folder a file's. */
  const folders = new Set<string>();
  const manifestChunks: Buffer[] = [];
  /** The media keys the manifest names; undefined until the manifest is read, null when it cannot be. */
  let expected: Set<string> | null | undefined;
  let sawManifest = false;
  let total = 0;
  let entries = 0;
  const failed = new AbortController();
  let writing: Promise<void> | undefined;
  /** Data files (version 2), in archive order, unpacked under `dir` by the same name. */
  const dataFiles: string[] = [];
  const dataWrites: Array<Promise<void>> = [];
  let pendingData = 0;
  const input = createReadStream(file);
  const parser = new Parser({ strict: true, maxDecompressionRatio: limits.maxRatio });
  const stop = (message: string) => {
    issues.push({ field: path.basename(file), message });
    parser.abort(new Error(message));
  };

  parser.on('entry', (entry: ReadEntry) => {
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
    if (name === MANIFEST) {
      if (sawManifest) return refuse('the manifest appears twice');
      sawManifest = true;
      if (size > limits.maxManifestBytes) return stop(`${MANIFEST}: ${size} bytes, over the limit of ${limits.maxManifestBytes}`);
      total += size;
      entry.on('data', (d: Buffer) => manifestChunks.push(d));
      // Read before the parser moves on to the next entry.
      entry.on('end', () => {
        expected = named(Buffer.concat(manifestChunks).toString('utf8'));
        // An unreadable manifest is reported by the caller; the media need not be unpacked for that.
        if (expected === null) parser.abort(new Error('unreadable manifest'));
      });
      return;
    }
    if (DATA_FILE.test(name) && onData) {
      if (expected === undefined) return stop(`${entry.path}: comes before ${MANIFEST}, which must be the archive's first file`);
      if (dataFiles.includes(name)) return refuse('appears twice');
      if (size > limits.maxDataFileBytes) return stop(`${entry.path}: ${size} bytes, over the limit of ${limits.maxDataFileBytes}`);
      total += size;
      if (total > limits.maxTotalBytes) return stop(`unpacks to more than ${limits.maxTotalBytes} bytes, the room for unpacking (half the free space of the disk under DATA_DIR)`);
      dataFiles.push(name);
      const chunks: Buffer[] = [];
      entry.on('data', (d: Buffer) => chunks.push(d));
      // Read (for the pictures it names) before the parser moves on, then written beside the media.
      entry.on('end', () => {
        const data = Buffer.concat(chunks);
        onData(name, data);
        const target = path.join(dir, name);
        // The archive is read no further until the file is on disk: JSON unpacks fast (a hundredfold for repetitive
        // text), and without this the files waiting for the disk would pile up in memory.
        input.pause();
        pendingData++;
        dataWrites.push(
          (async () => {
            await fs.mkdir(path.dirname(target), { recursive: true });
            await fs.writeFile(target, data, { flag: 'wx' });
          })()
            .catch((e: Error) => {
              if (!failed.signal.aborted) stop(`cannot unpack ${entry.path}: ${e.message}`);
            })
            .finally(() => {
              if (--pendingData === 0) input.resume();
            }),
        );
      });
      return;
    }
    const key = name.startsWith(`${MEDIA_DIR}/`) ? name.slice(MEDIA_DIR.length + 1) : null;
    if (key === null || !isSafeMediaKey(key)) return refuse('unexpected entry (expected the manifest or a file under media/, as a plain path)');
    if (expected === undefined) return stop(`${entry.path}: comes before ${MANIFEST}, which must be the archive's first file`);
    if (media.has(key) || folders.has(key)) return refuse('appears twice');
    const parents = key.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    if (parents.some((p) => media.has(p))) return refuse('lies inside another media file of the archive');
    if (!expected?.has(key)) return refuse(`not named by ${MANIFEST}`);
    const maxBytes = key.startsWith('videos/') ? (limits.maxVideoBytes ?? limits.maxFileBytes) : limits.maxFileBytes;
    if (size > maxBytes) return refuse(`${size} bytes, over the limit of ${maxBytes}`);
    total += size;
    if (total > limits.maxTotalBytes) return stop(`unpacks to more than ${limits.maxTotalBytes} bytes, the room for unpacking (half the free space of the disk under DATA_DIR)`);
    media.add(key);
    for (const p of parents) folders.add(p);
    const target = path.join(dir, MEDIA_DIR, key);
    // The parser hands out the next entry only once this one has ended: one file is written at a time.
    writing = (async () => {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await pipeline(entry, createWriteStream(target, { flags: 'wx' }), { signal: failed.signal });
    })().catch((e: Error) => {
      if (!failed.signal.aborted) stop(`cannot unpack ${entry.path}: ${e.message}`);
    });
  });

  let finished = false;
  try {
    // The parser is an event emitter with write() and end(), not a stream: piped by hand.
    await new Promise<void>((resolve, reject) => {
      input.on('error', reject);
      parser.on('error', reject);
      parser.on('end', resolve);
      input.pipe(parser as unknown as NodeJS.WritableStream);
    });
    finished = true;
  } catch (e) {
    input.destroy();
    // Stopped by us above (the issue says why), or a damaged archive.
    if (!issues.length && expected !== null) {
      const message = (e as Error).message;
      issues.push({
        field: path.basename(file),
        message: /decompression ratio/.test(message)
          ? `unpacks to more than ${limits.maxRatio} times its size: refused as a decompression bomb, not an export archive`
          : `not a readable archive: ${message}`,
      });
    }
  } finally {
    // The file being written when the stream failed would wait forever for the rest of its entry.
    if (!finished) failed.abort();
    await writing;
    await Promise.all(dataWrites);
  }
  if (!sawManifest && !issues.length) issues.push({ field: path.basename(file), message: `no ${MANIFEST} in the archive` });
  if (issues.length) throw new ValidationFailed(issues);
  return { manifest: Buffer.concat(manifestChunks).toString('utf8'), media, data: dataFiles };
}
