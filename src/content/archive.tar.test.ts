import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationFailed } from '../errors.ts';
import { dataFileName, DEFAULT_LIMITS, extractArchive, isGzip, writeArchive } from './archive.tar.ts';

describe('export archive files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-archive-unit-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  const limits = { ...DEFAULT_LIMITS, maxFileBytes: 1000, maxTotalBytes: 1_000_000 };
  const named = () => new Set(media.map((m) => m.name));
  const media = ['aa/one/original.jpg', 'bb/two/original.png'].map((name, i) => ({ name, read: async () => Buffer.alloc(300, i + 1) }));
  const none = async function* (): AsyncGenerator<{ name: string; data: Buffer }> {};

  it('packs the manifest and media, and unpacks them byte for byte', async () => {
    const file = path.join(dir, 'site.tar.gz');
    const seen: number[] = [];
    await writeArchive(file, '{"format":"depeche-export"}', none(), () => media, (done) => seen.push(done));
    expect(seen).toEqual([1, 2]);
    expect(await isGzip(file)).toBe(true);
    const out = await fs.mkdtemp(path.join(dir, 'out-'));
    const r = await extractArchive(file, out, limits, named);
    expect(r.manifest).toBe('{"format":"depeche-export"}');
    expect([...r.media].sort()).toEqual(['aa/one/original.jpg', 'bb/two/original.png']);
    expect(await fs.readFile(path.join(out, 'media/bb/two/original.png'))).toEqual(Buffer.alloc(300, 2));
  });

  it('packs data files between the manifest and the media, made one at a time, and unpacks them beside the media, read as they come', async () => {
    const file = path.join(dir, 'data.tar.gz');
    const made: string[] = [];
    const data = async function* () {
      for (const name of [dataFileName('articles', 1), dataFileName('articles', 2), dataFileName('redirects', 1)]) {
        made.push(name);
        yield { name, data: Buffer.from(`{"n":"${name}"}\n`) };
      }
    };
    await writeArchive(file, '{}', data(), () => {
      // Asked for once every data file is packed.
      expect(made).toHaveLength(3);
      return media;
    });
    const out = await fs.mkdtemp(path.join(dir, 'out-'));
    const read: string[] = [];
    const r = await extractArchive(file, out, limits, named, (name, bytes) => read.push(`${name} ${bytes.toString('utf8').trim()}`));
    expect(r.data).toEqual(['articles/000001.ndjson', 'articles/000002.ndjson', 'redirects/000001.ndjson']);
    expect(read).toEqual(r.data.map((n) => `${n} {"n":"${n}"}`));
    expect(await fs.readFile(path.join(out, 'redirects/000001.ndjson'), 'utf8')).toBe('{"n":"redirects/000001.ndjson"}\n');
    expect([...r.media].sort()).toEqual(['aa/one/original.jpg', 'bb/two/original.png']);
    // Without a reader for data files (a version 1 archive), they are refused like any unknown entry.
    await expect(extractArchive(file, await fs.mkdtemp(path.join(dir, 'out-')), limits, named)).rejects.toThrow('articles/000001.ndjson: unexpected entry');
  });

  it('leaves neither the file nor a temporary one when a picture cannot be read', async () => {
    const sub = await fs.mkdtemp(path.join(dir, 'failed-'));
    const broken = [...media, { name: 'cc/three/original.jpg', read: () => Promise.reject(new Error('disk on fire')) }];
    await expect(writeArchive(path.join(sub, 'site.tar.gz'), '{}', none(), () => broken)).rejects.toThrow('disk on fire');
    expect(await fs.readdir(sub)).toEqual([]);
  });

  it('refuses an archive that unpacks to more than the total limit, or has too many entries', async () => {
    const file = path.join(dir, 'big.tar.gz');
    await writeArchive(file, '{}', none(), () => media);
    const tooBig = extractArchive(file, await fs.mkdtemp(path.join(dir, 'out-')), { ...limits, maxTotalBytes: 400 }, named);
    await expect(tooBig).rejects.toThrow(ValidationFailed);
    await expect(tooBig).rejects.toThrow('big.tar.gz: unpacks to more than 400 bytes');
    await expect(extractArchive(file, await fs.mkdtemp(path.join(dir, 'out-')), { ...limits, maxEntries: 2 }, named)).rejects.toThrow('more than 2 entries');
  });

  it('tells a gzip file by its first bytes, not its name', async () => {
    const plain = path.join(dir, 'fake.tar.gz');
    await fs.writeFile(plain, '[]');
    expect(await isGzip(plain)).toBe(false);
    expect(await isGzip(path.join(dir, 'absent.tgz'))).toBe(false);
  });
});
