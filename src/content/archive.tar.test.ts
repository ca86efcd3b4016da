import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationFailed } from '../errors.ts';
import { DEFAULT_LIMITS, extractArchive, isGzip, writeArchive } from './archive.tar.ts';

describe('export archive files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-archive-unit-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  const limits = { ...DEFAULT_LIMITS, maxFileBytes: 1000, maxTotalBytes: 1_000_000 };
  const named = () => new Set(media.map((m) => m.name));
  const media = ['aa/one/original.jpg', 'bb/two/original.png'].map((name, i) => ({ name, read: async () => Buffer.alloc(300, i + 1) }));

  it('packs the manifest and media, and unpacks them byte for byte', async () => {
    const file = path.join(dir, 'site.tar.gz');
    const seen: number[] = [];
    await writeArchive(file, '{"format":"depeche-export"}', media, (done) => seen.push(done));
    expect(seen).toEqual([1, 2]);
    expect(await isGzip(file)).toBe(true);
    const out = await fs.mkdtemp(path.join(dir, 'out-'));
    const r = await extractArchive(file, out, limits, named);
    expect(r.manifest).toBe('{"format":"depeche-export"}');
    expect([...r.media].sort()).toEqual(['aa/one/original.jpg', 'bb/two/original.png']);
    expect(await fs.readFile(path.join(out, 'media/bb/two/original.png'))).toEqual(Buffer.alloc(300, 2));
  });

  it('leaves neither the file nor a temporary one when a picture cannot be read', async () => {
    const sub = await fs.mkdtemp(path.join(dir, 'failed-'));
    const broken = [...media, { name: 'cc/three/original.jpg', read: () => Promise.reject(new Error('disk on fire')) }];
    await expect(writeArchive(path.join(sub, 'site.tar.gz'), '{}', broken)).rejects.toThrow('disk on fire');
    expect(await fs.readdir(sub)).toEqual([]);
  });

  it('refuses an archive that unpacks to more than the total limit, or has too many entries', async () => {
    const file = path.join(dir, 'big.tar.gz');
    await writeArchive(file, '{}', media);
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
