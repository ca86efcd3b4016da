import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What the store knows of one stored file. */
export interface MediaObject {
  key: string;
  size: number;
  lastModified: Date;
  /** An entity tag for the bytes (S3's, or one made from size and time for a local file). */
  etag: string;
}

/** Bytes to write: a whole buffer (a variant just encoded) or a stream (an original being copied). */
export type MediaBody = Buffer | Readable;

/**
 * Where media files live. The local folder serves one process or a shared
 * volume; an S3-compatible bucket (s3-storage.ts) serves any number of nodes.
 * Keys are content-addressed (src/media/images.ts), so a key's bytes never change.
 */
export interface MediaStorage {
  readonly kind: 'local' | 's3';
  /** Writes files that become visible only when the batch is committed. */
  batch(): MediaBatch;
  exists(key: string): Promise<boolean>;
  /** Size, time and entity tag; null when there is no such file. */
  head(key: string): Promise<MediaObject | null>;
  read(key: string): Promise<Buffer>;
  /** The bytes as a stream, without holding them all. */
  stream(key: string): Promise<Readable>;
  write(key: string, data: MediaBody, contentType?: string): Promise<void>;
  /** Removes a file; no error when it is not there. */
  remove(key: string): Promise<void>;
  /** Every stored file, a page at a time, for sweeps and migrations. Staged files are not listed. */
  list(): AsyncIterable<MediaObject[]>;
}

export interface MediaBatch {
  put(key: string, data: MediaBody, contentType?: string): Promise<void>;
  /** Moves the staged files into place. */
  commit(): Promise<void>;
  /** Forgets the staged files: the store is as it was. */
  discard(): Promise<void>;
}

/** A media key is a plain relative path: no absolute path, no `..`, no `./` or `//`, no odd characters. */
export function isSafeMediaKey(key: string): boolean {
  return /^[a-z0-9][a-z0-9/._-]*$/i.test(key) && !key.includes('..') && path.posix.normalize(key) === key && !key.endsWith('/');
}

export function safeKey(key: string): string {
  if (!isSafeMediaKey(key)) throw new Error(`bad media key: ${key}`);
  return key;
}

const TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  mp4: 'video/mp4',
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  vtt: 'text/vtt',
};

/** The type a media key's extension names (keys end with their format's extension). */
export function contentTypeOf(key: string): string {
  return TYPES[key.slice(key.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

async function writeFileFrom(file: string, data: MediaBody): Promise<void> {
  if (Buffer.isBuffer(data)) await fs.writeFile(file, data);
  else await pipeline(data, createWriteStream(file));
}

export function localMediaStorage(root: string): MediaStorage {
  const abs = (key: string) => path.join(root, safeKey(key));
  const head = async (key: string): Promise<MediaObject | null> => {
    try {
      const st = await fs.stat(abs(key));
      if (!st.isFile()) return null;
      return { key, size: st.size, lastModified: st.mtime, etag: `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"` };
    } catch {
      return null;
    }
  };
  return {
    kind: 'local',
    async exists(key) {
      return (await head(key)) !== null;
    },
    head,
    read: async (key) => fs.readFile(abs(key)),
    async stream(key) {
      const file = abs(key);
      // Opened before it is handed over, so a missing file is an error here and not in the middle of a reply.
      const handle = await fs.open(file, 'r');
      return createReadStream('', { fd: handle, autoClose: true });
    },
    async write(key, data) {
      const file = abs(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${randomUUID()}.tmp`;
      try {
        await writeFileFrom(tmp, data);
        await fs.rename(tmp, file);
      } catch (e) {
        await fs.rm(tmp, { force: true });
        throw e;
      }
    },
    async remove(key) {
      await fs.rm(abs(key), { force: true });
    },
    async *list() {
      const page: MediaObject[] = [];
      async function* walk(dir: string, prefix: string): AsyncGenerator<string> {
        let entries;
        try {
          entries = await fs.readdir(dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
          // Staging folders and half-written temporary files are not part of the library.
          if (e.name.startsWith('.') || e.name.endsWith('.tmp')) continue;
          const rel = prefix ? `${prefix}/${e.name}` : e.name;
          if (e.isDirectory()) yield* walk(path.join(dir, e.name), rel);
          else if (e.isFile() && isSafeMediaKey(rel)) yield rel;
        }
      }
      for await (const key of walk(root, '')) {
        const h = await head(key);
        if (h) page.push(h);
        if (page.length >= 500) yield page.splice(0);
      }
      if (page.length) yield page;
    },
    batch() {
      const staging = path.join(root, '.staging', randomUUID());
      const keys: string[] = [];
      return {
        async put(key, data) {
          const file = path.join(staging, safeKey(key));
          await fs.mkdir(path.dirname(file), { recursive: true });
          await writeFileFrom(file, data);
          keys.push(key);
        },
        async commit() {
          for (const key of keys) {
            await fs.mkdir(path.dirname(abs(key)), { recursive: true });
            await fs.rename(path.join(staging, key), abs(key));
          }
          await fs.rm(staging, { recursive: true, force: true });
          await fs.rmdir(path.dirname(staging)).catch(() => {});
        },
        async discard() {
          await fs.rm(staging, { recursive: true, force: true });
          await fs.rmdir(path.dirname(staging)).catch(() => {});
        },
      };
    },
  };
}
