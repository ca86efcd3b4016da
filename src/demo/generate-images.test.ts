import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderDemoImage, writeDemoImages, type DemoImageSpec } from './generate-images.ts';

// Small sizes keep the suite fast; the drawing code is size-independent.
const base: DemoImageSpec = { file: 'images/a.jpg', width: 320, height: 180, palette: ['#0b1f3a', '#1e5aa8', '#f2c14e'], motif: 'skyline', seed: 7 };
const MOTIFS: DemoImageSpec['motif'][] = ['skyline', 'waves', 'mountains', 'studio', 'stadium', 'circuit', 'fields', 'crowd', 'abstract'];

describe('renderDemoImage', () => {
  it('renders a JPEG of exactly the spec size', async () => {
    const meta = await sharp(await renderDemoImage({ ...base, width: 400, height: 250 })).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 400, height: 250 });
  });

  it('is deterministic for the same spec', async () => {
    const [a, b] = await Promise.all([renderDemoImage(base), renderDemoImage({ ...base, palette: [...base.palette] })]);
    expect(a.equals(b)).toBe(true);
  });

  it('varies with the seed', async () => {
    const [a, b] = await Promise.all([renderDemoImage(base), renderDemoImage({ ...base, seed: 8 })]);
    expect(a.equals(b)).toBe(false);
  });

  it.each(MOTIFS)('renders the %s motif as a real picture, not a flat fill', async (motif) => {
    const data = await renderDemoImage({ ...base, motif, width: 300, height: 200 });
    const meta = await sharp(data).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 300, height: 200 });
    const { channels } = await sharp(data).stats();
    expect(Math.max(...channels.map((c) => c.stdev))).toBeGreaterThan(8);
  });

  it('works with a palette of fewer than three colours', async () => {
    const meta = await sharp(await renderDemoImage({ ...base, palette: ['#336699'] })).metadata();
    expect(meta.width).toBe(320);
  });

  it('rejects colours that are not hex', async () => {
    await expect(renderDemoImage({ ...base, palette: ['red"/><script>', '#fff', '#000'] })).rejects.toThrow(/palette colour/);
  });
});

describe('writeDemoImages', () => {
  it('writes every spec into nested folders and skips files that already exist', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'depeche-demo-images-'));
    try {
      const specs: DemoImageSpec[] = [
        { ...base, file: 'images/one.jpg', motif: 'waves' },
        { ...base, file: 'images/deep/two.jpg', motif: 'circuit', width: 240, height: 160 },
        { ...base, file: 'images/existing.jpg', motif: 'crowd' },
      ];
      await mkdir(path.join(dir, 'images'), { recursive: true });
      await writeFile(path.join(dir, 'images/existing.jpg'), 'not a picture');

      await writeDemoImages(specs, dir);

      expect((await sharp(path.join(dir, 'images/one.jpg')).metadata()).width).toBe(320);
      expect((await sharp(path.join(dir, 'images/deep/two.jpg')).metadata()).height).toBe(160);
      expect(await readFile(path.join(dir, 'images/existing.jpg'), 'utf8')).toBe('not a picture');

      // A second run leaves the files it wrote alone too.
      const before = (await stat(path.join(dir, 'images/one.jpg'))).mtimeMs;
      await writeDemoImages(specs, dir);
      expect((await stat(path.join(dir, 'images/one.jpg'))).mtimeMs).toBe(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file path that escapes the output folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'depeche-demo-images-'));
    try {
      await expect(writeDemoImages([{ ...base, file: '../escaped.jpg' }], dir)).rejects.toThrow(/escapes/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
