import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentTypeOf, localMediaStorage, type MediaStorage } from './storage.ts';

describe('local media storage', () => {
  let root: string;
  let media: MediaStorage;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-storage-'));
    media = localMediaStorage(root);
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const drain = async (r: Readable) => {
    const chunks: Buffer[] = [];
    for await (const c of r) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  it('writes from a buffer or a stream, and reads, heads, streams and removes', async () => {
    await media.write('aa/bb/original.jpg', Buffer.from('one'));
    await media.write('aa/bb/800.webp', Readable.from([Buffer.from('tw'), Buffer.from('o!')]));
    expect((await media.read('aa/bb/800.webp')).toString()).toBe('two!');
    expect((await drain(await media.stream('aa/bb/original.jpg'))).toString()).toBe('one');
    expect(await media.head('aa/bb/800.webp')).toMatchObject({ key: 'aa/bb/800.webp', size: 4 });
    expect(await media.head('aa/bb/none.jpg')).toBeNull();
    await media.remove('aa/bb/original.jpg');
    await media.remove('aa/bb/original.jpg');
    expect(await media.exists('aa/bb/original.jpg')).toBe(false);
    await expect(media.stream('aa/bb/original.jpg')).rejects.toThrow();
  });

  it('lists the library without staged or half-written files', async () => {
    await media.write('aa/bb/original.jpg', Buffer.from('one'));
    const batch = media.batch();
    await batch.put('cc/dd/original.png', Buffer.from('staged'));
    await fs.writeFile(path.join(root, 'aa/bb/x.jpg.1234.tmp'), 'partial');
    const listed = async () => {
      const keys: string[] = [];
      for await (const page of media.list()) keys.push(...page.map((o) => o.key));
      return keys;
    };
    expect(await listed()).toEqual(['aa/bb/original.jpg']);
    await batch.commit();
    expect(await listed()).toEqual(['aa/bb/original.jpg', 'cc/dd/original.png']);
  });

  it('refuses keys that climb out of the folder', async () => {
    await expect(media.write('../x.jpg', Buffer.from('x'))).rejects.toThrow(/bad media key/);
    await expect(media.read('/etc/passwd')).rejects.toThrow(/bad media key/);
  });

  it('names the type of a key from its extension', () => {
    expect(contentTypeOf('aa/bb/1200.avif')).toBe('image/avif');
    expect(contentTypeOf('aa/bb/social.jpg')).toBe('image/jpeg');
    expect(contentTypeOf('aa/bb/file.bin')).toBe('application/octet-stream');
  });
});
