import icoEndec from 'ico-endec';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageCodec, ImageRejected } from '../media/images.ts';
import { makeIcons } from './icons.ts';

const codec = imageCodec({ maxImageBytes: 10_000_000, maxImagePixels: 40_000_000, maxImageSide: 10_000, imageDecodes: 1 });
const picture = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 4, background: { r: 200, g: 16, b: 46, alpha: 1 } } }).png().toBuffer();

describe('icons from one picture', () => {
  it('makes the favicon, touch and manifest icons at their sizes, and an ICO of three', async () => {
    const icons = await makeIcons(codec, await picture(800, 600), '#ffffff');
    for (const size of [32, 180, 192, 512]) {
      const meta = await sharp(icons[`${size}` as '32']).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size]);
    }
    // Apple's icon has no transparency; the others keep the margins of a picture that is not square.
    expect((await sharp(icons['180']).stats()).isOpaque).toBe(true);
    expect((await sharp(icons['512']).stats()).isOpaque).toBe(false);
    expect(icoEndec.decode(icons.ico).map((i) => [i.width, i.height, i.imageType])).toEqual([
      [16, 16, 'png'],
      [32, 32, 'png'],
      [48, 48, 'png'],
    ]);
  });

  it('draws an SVG sharp at 512 px', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" fill="#c8102e"/></svg>');
    const icons = await makeIcons(codec, svg, '#ffffff');
    expect((await sharp(icons['512']).metadata()).width).toBe(512);
  });

  it('refuses a picture too small to make a 512 px icon, saying its size', async () => {
    await expect(makeIcons(codec, await picture(300, 300), '#ffffff')).rejects.toThrow(/300 × 300 pixels.*512 × 512/);
  });

  it('refuses what is not a picture, and an SVG with a script', async () => {
    await expect(makeIcons(codec, Buffer.from('not a picture'), '#fff')).rejects.toBeInstanceOf(ImageRejected);
    await expect(makeIcons(codec, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'), '#fff')).rejects.toThrow(/script/);
  });
});
