import exifr from 'exifr';

/** What a photo says about itself, to prefill the media library's fields. */
export interface PhotoMetadata {
  caption?: string;
  credit?: string;
  copyright?: string;
  creator?: string;
  title?: string;
  /** IPTC's alt text (Iptc4xmpCore:AltTextAccessibility), which agencies have started to fill. */
  alt?: string;
  sourceUrl?: string;
}

type Segment = Record<string, unknown> | undefined;

const MAX_LENGTH = 2000;

/**
 * Reads caption, credit, copyright and creator from IPTC, XMP and EXIF, in that
 * order of preference: IPTC is what agencies and photo desks fill, XMP mirrors
 * it, EXIF is what the camera wrote. Unreadable metadata is no reason to refuse
 * a picture, so this never throws.
 */
export async function readPhotoMetadata(data: Buffer): Promise<PhotoMetadata> {
  try {
    // mergeOutput: false keeps each segment apart; merged, XMP's photoshop:Credit overwrites IPTC's Credit.
    const out = (await exifr.parse(data, {
      tiff: true,
      ifd0: true,
      exif: true,
      xmp: true,
      iptc: true,
      gps: false,
      interop: false,
      ifd1: false,
      icc: false,
      jfif: false,
      ihdr: false,
      mergeOutput: false,
      translateValues: false,
      reviveValues: false,
      silentErrors: true,
    } as any)) as Record<string, Segment> | undefined;
    if (!out) return {};
    const charset = iptcCharset(data);
    const iptc = (key: string) => repairIptc(text(out.iptc?.[key]), charset);
    const xmp = (ns: string, key: string) => text(out[ns]?.[key]);
    const exif = (key: string) => text(out.ifd0?.[key]);
    const meta: PhotoMetadata = {
      caption: iptc('Caption') ?? xmp('dc', 'description') ?? exif('ImageDescription'),
      credit: iptc('Credit') ?? xmp('photoshop', 'Credit'),
      copyright: iptc('CopyrightNotice') ?? xmp('dc', 'rights') ?? exif('Copyright'),
      creator: iptc('Byline') ?? xmp('dc', 'creator') ?? exif('Artist'),
      title: iptc('Headline') ?? xmp('photoshop', 'Headline') ?? iptc('ObjectName') ?? xmp('dc', 'title'),
      alt: xmp('Iptc4xmpCore', 'AltTextAccessibility'),
      sourceUrl: [xmp('dc', 'source'), xmp('photoshop', 'Source'), iptc('Source')].find(isHttpUrl),
    };
    return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
  } catch {
    return {};
  }
}

/**
 * A metadata value as one line of text. XMP gives language alternatives
 * ({lang, value}, x-default first choice) and sequences (several creators);
 * IPTC repeats a dataset as an array.
 */
function text(value: unknown): string | undefined {
  let v = value;
  if (Array.isArray(v)) {
    const alts = v.filter(isLangAlt);
    if (alts.length) v = (alts.find((a) => a.lang === 'x-default') ?? alts[0]).value;
    else v = v.map((x) => text(x)).filter(Boolean).join(', ');
  } else if (isLangAlt(v)) v = v.value;
  if (typeof v !== 'string') return undefined;
  // Cameras pad EXIF strings with NULs and spaces.
  const s = v.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim().slice(0, MAX_LENGTH);
  return s || undefined;
}

function isLangAlt(v: unknown): v is { lang: string; value: unknown } {
  return typeof v === 'object' && v !== null && 'lang' in v && 'value' in v;
}

function isHttpUrl(s: string | undefined): s is string {
  return !!s && /^https?:\/\/\S+$/i.test(s);
}

/** What IPTC dataset 1:90 (CodedCharacterSet) declares: 'utf8', another set, or nothing. */
type IptcCharset = 'utf8' | 'other' | undefined;

/**
 * exifr reads every IPTC string as latin1, so UTF-8 text comes back as
 * "nÃ©gociations". When the file declares UTF-8 we re-decode; when it declares
 * nothing, we re-decode only text that is valid UTF-8 once read as bytes, which
 * real latin1 text almost never is ("Genève" in latin1 is E8 76, not UTF-8).
 */
export function repairIptc(s: string | undefined, charset: IptcCharset): string | undefined {
  if (s === undefined || charset === 'other') return s;
  // Only a latin1 reading of bytes can be repaired; anything above U+00FF was decoded by someone else.
  if (!/[\u0080-\u00ff]/.test(s) || /[^\u0000-\u00ff]/.test(s)) return s;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(s, 'latin1'));
  } catch {
    return s;
  }
}

const ESC_PERCENT_G = Buffer.from([0x1b, 0x25, 0x47]);

/**
 * Finds dataset 1:90 in a JPEG's Photoshop APP13 segment. exifr only reads
 * record 2, so the envelope record is read here, walking the structure rather
 * than searching the bytes, which could match inside the compressed picture.
 */
export function iptcCharset(data: Buffer): IptcCharset {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 4 <= data.length && data[at] === 0xff) {
    const marker = data[at + 1];
    if (marker === 0xda || marker === 0xd9) break; // start of scan, end of image: no more metadata
    const length = data.readUInt16BE(at + 2);
    const segment = data.subarray(at + 4, at + 2 + length);
    if (marker === 0xed && segment.subarray(0, 14).toString('latin1') === 'Photoshop 3.0\0') {
      const iptc = photoshopResource(segment.subarray(14), 0x0404);
      const coded = iptc && iptcDataset(iptc, 1, 90);
      if (coded) return coded.equals(ESC_PERCENT_G) ? 'utf8' : 'other';
    }
    at += 2 + length;
  }
  return undefined;
}

/** One resource of a Photoshop image resource block: "8BIM", id, padded Pascal name, size, padded data. */
function photoshopResource(block: Buffer, id: number): Buffer | undefined {
  let at = 0;
  while (at + 12 <= block.length && block.toString('latin1', at, at + 4) === '8BIM') {
    const resId = block.readUInt16BE(at + 4);
    const nameLength = block[at + 6];
    const sizeAt = at + 6 + nameLength + 1 + ((nameLength + 1) % 2);
    if (sizeAt + 4 > block.length) return undefined;
    const size = block.readUInt32BE(sizeAt);
    const start = sizeAt + 4;
    if (resId === id) return block.subarray(start, Math.min(start + size, block.length));
    at = start + size + (size % 2);
  }
  return undefined;
}

/** The value of an IPTC dataset: 1C, record, dataset, 2-byte size, value. */
function iptcDataset(iptc: Buffer, record: number, dataset: number): Buffer | undefined {
  let at = 0;
  while (at + 5 <= iptc.length && iptc[at] === 0x1c) {
    const size = iptc.readUInt16BE(at + 3);
    if (size & 0x8000) return undefined; // extended sizes are only used for large binary data
    if (iptc[at + 1] === record && iptc[at + 2] === dataset) return iptc.subarray(at + 5, at + 5 + size);
    at += 5 + size;
  }
  return undefined;
}
