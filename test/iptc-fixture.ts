import { makeImage } from './harness.ts';

/**
 * JPEG pictures carrying IPTC metadata the way newsroom tools write it: a
 * Photoshop APP13 segment ("Photoshop 3.0", resource 8BIM 0x0404) holding IPTC
 * records, with the envelope dataset 1:90 declaring UTF-8 (ESC % G).
 * Shared by the unit tests and the browser journeys.
 */

/** The IPTC record 2 datasets the media library reads (src/media/exif.ts). */
export const IPTC = {
  byline: 80,
  credit: 110,
  source: 115,
  copyright: 116,
  caption: 120,
} as const;

export interface IptcFields {
  caption?: string;
  credit?: string;
  copyright?: string;
  /** The photographer (IPTC 2:80 By-line), the library's `creator`. */
  byline?: string;
}

/**
 * Inserts a Photoshop APP13 segment with IPTC records after the SOI of a JPEG,
 * declaring UTF-8 (1:90 = ESC % G). `datasets` maps an IPTC record 2 dataset
 * number (see IPTC) to its text, written as UTF-8.
 */
export function withIptc(jpeg: Buffer, datasets: Record<number, string>): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('withIptc: not a JPEG (no SOI marker)');
  const records: Buffer[] = [];
  const record = (rec: number, ds: number, value: Buffer) => {
    if (value.length > 0x7fff) throw new Error(`withIptc: dataset ${rec}:${ds} is too long for a standard IPTC record`);
    const head = Buffer.from([0x1c, rec, ds, 0, 0]);
    head.writeUInt16BE(value.length, 3);
    records.push(head, value);
  };
  record(1, 90, Buffer.from([0x1b, 0x25, 0x47]));
  for (const [ds, text] of Object.entries(datasets)) record(2, Number(ds), Buffer.from(text, 'utf8'));
  const iptc = Buffer.concat(records);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iptc.length);
  // "8BIM", resource id 0x0404, an empty Pascal name padded to even length, the size, the data padded to even length.
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), Buffer.from('8BIM'), Buffer.from([4, 4, 0, 0]), size, iptc, Buffer.alloc(iptc.length % 2)]);
  const head = Buffer.from([0xff, 0xed, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2)]);
}

/**
 * A generated JPEG (1200 × 800 unless told) whose IPTC says the given caption,
 * credit, copyright and by-line, in UTF-8. Give each picture its own `color`
 * when a test needs distinct library entries: the same bytes uploaded twice are
 * one entry.
 */
export async function jpegWithIptc(fields: IptcFields, image: { width?: number; height?: number; color?: string } = {}): Promise<Buffer> {
  const datasets: Record<number, string> = {};
  if (fields.caption !== undefined) datasets[IPTC.caption] = fields.caption;
  if (fields.credit !== undefined) datasets[IPTC.credit] = fields.credit;
  if (fields.copyright !== undefined) datasets[IPTC.copyright] = fields.copyright;
  if (fields.byline !== undefined) datasets[IPTC.byline] = fields.byline;
  const jpeg = await makeImage(image.width ?? 1200, image.height ?? 800, 'jpeg', image.color ?? '#aa3366');
  return withIptc(jpeg, datasets);
}
