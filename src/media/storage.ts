import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Where media files live. The local folder serves one process or a shared volume;
 * an S3-compatible store can take its place behind the same interface.
 */
export interface MediaStorage {
  /** Writes files that become visible only when the batch is committed. */
  batch(): MediaBatch;
  exists(key: string): Promise<boolean>;
  read(key: string): Promise<Buffer>;
  write(key: string, data: Buffer): Promise<void>;
  /** Absolute path for serving, when the store is a local folder. */
  localRoot: string;
}

export interface MediaBatch {
  put(key: string, data: Buffer): Promise<void>;
  /** Moves the staged files into place. */
  commit(): Promise<void>;
  /** Forgets the staged files: the store is as it was. */
  discard(): Promise<void>;
}

/** A media key is a plain relative path: no absolute path, no `..`, no `./` or `//`, no odd characters. */
export function isSafeMediaKey(key: string): boolean {
  return /^[a-z0-9][a-z0-9/._-]*$/i.test(key) && !key.includes('..') && path.posix.normalize(key) === key && !key.endsWith('/');
}

function safeKey(key: string): string {
  if (!isSafeMediaKey(key)) throw new Error(`bad media key: ${key}`);
  return key;
}

export function localMediaStorage(root: string): MediaStorage {
  const abs = (key: string) => path.join(root, safeKey(key));
  return {
    localRoot: root,
    async exists(key) {
      try {
        await fs.access(abs(key));
        return true;
      } catch {
        return false;
      }
    },
    read: (key) => fs.readFile(abs(key)),
    async write(key, data) {
      const file = abs(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${randomUUID()}.tmp`;
      await fs.writeFile(tmp, data);
      await fs.rename(tmp, file);
    },
    batch() {
      const staging = path.join(root, '.staging', randomUUID());
      const keys: string[] = [];
      return {
        async put(key, data) {
          const file = path.join(staging, safeKey(key));
          await fs.mkdir(path.dirname(file), { recursive: true });
          await fs.writeFile(file, data);
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
