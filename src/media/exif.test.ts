import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { iptcCharset, readPhotoMetadata, repairIptc } from './exif.ts';

const UTF8 = Buffer.from([0x1b, 0x25, 0x47]); // ESC % G
const LATIN1 = Buffer.from([0x1b, 0x2e, 0x41]); // ESC . A (ISO 8859-1)

/**
 * A JPEG with an IPTC block, as photo desks' tools write it: a Photoshop 3.0
 * APP13 segment right after SOI holding an 8BIM 0x0404 resource. Values are
 * written as the given bytes, so tests control the encoding.
 */
async function jpegWithIptc(fields: Array<[dataset: number, value: string | Buffer]>, charset?: Buffer, base?: Buffer): Promise<Buffer> {
  const records: Buffer[] = [];
  const record = (rec: number, ds: number, value: Buffer) => {
    const head = Buffer.from([0x1c, rec, ds, 0, 0]);
    head.writeUInt16BE(value.length, 3);
    records.push(head, value);
  };
  if (charset) record(1, 90, charset);
  record(2, 0, Buffer.from([0, 4]));
  for (const [ds, value] of fields) record(2, ds, typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
  const iptc = Buffer.concat(records);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iptc.length);
  const resource = Buffer.concat([Buffer.from('8BIM'), Buffer.from([0x04, 0x04, 0, 0]), size, iptc, Buffer.alloc(iptc.length % 2)]);
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]);
  const head = Buffer.from([0xff, 0xed, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  const jpeg = base ?? (await sharp({ create: { width: 40, height: 30, channels: 3, background: '#884422' } }).jpeg().toBuffer());
  return Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2)]);
}

function xmpPacket(inner: string): string {
  return `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">${inner}</rdf:Description></rdf:RDF></x:xmpmeta>`;
}

const alt = (tag: string, text: string) => `<${tag}><rdf:Alt><rdf:li xml:lang="x-default">${text}</rdf:li></rdf:Alt></${tag}>`;

describe('readPhotoMetadata', () => {
  it('re-decodes IPTC text the file declares as UTF-8 (ESC % G)', async () => {
    const jpeg = await jpegWithIptc([[120, 'Négociations à Genève'], [110, 'Agence Öst'], [116, '© Reuters 2026'], [80, 'Jean Dupré']], UTF8);
    expect(iptcCharset(jpeg)).toBe('utf8');
    expect(await readPhotoMetadata(jpeg)).toEqual({
      caption: 'Négociations à Genève',
      credit: 'Agence Öst',
      copyright: '© Reuters 2026',
      creator: 'Jean Dupré',
    });
  });

  it('repairs UTF-8 IPTC text from tools that do not declare a character set', async () => {
    const jpeg = await jpegWithIptc([[120, 'Réunion à Zürich']]);
    expect(iptcCharset(jpeg)).toBeUndefined();
    expect((await readPhotoMetadata(jpeg)).caption).toBe('Réunion à Zürich');
  });

  it('keeps latin1 IPTC text as it is', async () => {
    const jpeg = await jpegWithIptc([[120, Buffer.from('Genève', 'latin1')]]);
    expect((await readPhotoMetadata(jpeg)).caption).toBe('Genève');
  });

  it('does not re-decode text the file declares as another character set', async () => {
    const jpeg = await jpegWithIptc([[120, Buffer.from('Ã©tÃ©', 'latin1')]], LATIN1);
    expect(iptcCharset(jpeg)).toBe('other');
    expect((await readPhotoMetadata(jpeg)).caption).toBe('Ã©tÃ©');
  });

  it('reads XMP when there is no IPTC, taking x-default and joining several creators', async () => {
    const xmp = xmpPacket(
      alt('dc:description', 'Vue de Zürich') +
        alt('dc:rights', '© Agence') +
        '<dc:creator><rdf:Seq><rdf:li>Éloïse Durand</rdf:li><rdf:li>Li Wei</rdf:li></rdf:Seq></dc:creator>' +
        '<photoshop:Credit>AFP</photoshop:Credit><photoshop:Source>https://example.org/photo/1</photoshop:Source>' +
        '<Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="en">Two men</rdf:li><rdf:li xml:lang="x-default">Deux hommes</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>' +
        alt('dc:title', 'Sommet'),
    );
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#224488' } }).jpeg().withXmp(xmp).toBuffer();
    expect(await readPhotoMetadata(jpeg)).toEqual({
      caption: 'Vue de Zürich',
      credit: 'AFP',
      copyright: '© Agence',
      creator: 'Éloïse Durand, Li Wei',
      title: 'Sommet',
      alt: 'Deux hommes',
      sourceUrl: 'https://example.org/photo/1',
    });
  });

  it('falls back to what the camera wrote in EXIF', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#448822' } })
      .jpeg()
      .withExif({ IFD0: { ImageDescription: 'Harbour at dawn', Artist: 'K. Tanaka', Copyright: 'K. Tanaka 2026' } })
      .toBuffer();
    expect(await readPhotoMetadata(jpeg)).toEqual({ caption: 'Harbour at dawn', creator: 'K. Tanaka', copyright: 'K. Tanaka 2026' });
  });

  it('prefers IPTC over XMP over EXIF for the same field', async () => {
    const base = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#228844' } })
      .jpeg()
      .withXmp(xmpPacket('<photoshop:Credit>XMP credit</photoshop:Credit>' + alt('dc:description', 'XMP caption')))
      .withExif({ IFD0: { ImageDescription: 'EXIF caption', Artist: 'EXIF artist' } })
      .toBuffer();
    const jpeg = await jpegWithIptc([[110, 'IPTC credit']], UTF8, base);
    expect(await readPhotoMetadata(jpeg)).toEqual({ credit: 'IPTC credit', caption: 'XMP caption', creator: 'EXIF artist' });
  });

  it('answers {} for pictures without metadata, and for bytes that are no picture', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).png().toBuffer();
    expect(await readPhotoMetadata(png)).toEqual({});
    expect(await readPhotoMetadata(Buffer.from('just some text, not a photo'))).toEqual({});
    expect(await readPhotoMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xed, 0x00]))).toEqual({});
  });
});

describe('repairIptc', () => {
  it('turns a latin1 reading of UTF-8 back into the text', () => {
    expect(repairIptc('nÃ©gociations', undefined)).toBe('négociations');
    expect(repairIptc('nÃ©gociations', 'utf8')).toBe('négociations');
  });

  it('leaves ASCII, real latin1 and already decoded text alone', () => {
    expect(repairIptc('Reuters', undefined)).toBe('Reuters');
    expect(repairIptc('Genève', undefined)).toBe('Genève');
    expect(repairIptc('東京 Ã©', undefined)).toBe('東京 Ã©');
  });
});
