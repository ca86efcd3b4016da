import sharp from 'sharp';
const [n, variant, w, h] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
if (process.argv[6] === 'lean') { sharp.cache(false); sharp.concurrency(1); }
let peak = 0; const t = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 2);
const png = await sharp({ create: { width: w, height: h, channels: 3, background: '#345' } }).png().toBuffer();
const base = process.memoryUsage.rss(); peak = base;
const MB = (x: number) => Math.round(x / 2 ** 20);
async function perPipeline(seq: boolean) {
  for (const width of [480, 800, 1200, 1600, 2400]) {
    const b = sharp(png, { limitInputPixels: 2e8, sequentialRead: seq }).rotate().resize({ width, withoutEnlargement: true });
    await b.clone().jpeg({ quality: 78, mozjpeg: true }).toBuffer();
    await b.clone().webp({ quality: 74 }).toBuffer();
  }
}
async function once() {
  const { data, info } = await sharp(png, { limitInputPixels: 2e8, sequentialRead: true }).rotate().resize({ width: 2400, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  for (const width of [480, 800, 1200, 1600, 2400]) {
    const b = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).resize({ width });
    await b.clone().jpeg({ quality: 78, mozjpeg: true }).toBuffer();
    await b.clone().webp({ quality: 74 }).toBuffer();
  }
}
const t0 = Date.now();
await Promise.all(Array.from({ length: n }, () => (variant === 'once' ? once() : perPipeline(variant === 'seq'))));
clearInterval(t);
console.log(variant, process.argv.slice(2).join(' '), 'base', MB(base), 'peak', MB(peak), 'ms', Date.now() - t0);
