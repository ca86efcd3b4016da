import { XMLParser } from 'fast-xml-parser';
import { ValidationFailed, type FieldIssue } from '../errors.ts';

/**
 * Whether the document itself declares a DTD or entities: a `<!DOCTYPE` or
 * `<!ENTITY` outside CDATA sections and comments. Inside CDATA it is a post's
 * text (an article about HTML, a pasted embed), not a declaration, and must
 * not get the export refused. One linear pass.
 */
export function declaresDtd(xml: string): boolean {
  const outside = /<!\[CDATA\[|<!--|<!DOCTYPE|<!ENTITY/gi;
  let m: RegExpExecArray | null;
  while ((m = outside.exec(xml))) {
    const open = m[0].toUpperCase();
    if (open === '<!DOCTYPE' || open === '<!ENTITY') return true;
    const close = open === '<![CDATA[' ? ']]>' : '-->';
    const end = xml.indexOf(close, outside.lastIndex);
    if (end < 0) return false; // an unterminated section: the parser refuses the document
    outside.lastIndex = end + close.length;
  }
  return false;
}

/**
 * An export's bytes as text, in the encoding its XML declaration names
 * (UTF-8 when it names none, as XML says). Anything else than UTF-8 is
 * reported, and an encoding we cannot read refuses the file by name.
 */
export function decodeXml(bytes: Uint8Array, name: string): { text: string; notes: FieldIssue[] } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), notes: [] };
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const declared = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (!declared || /^utf-?8$/i.test(declared)) return { text: new TextDecoder('utf-8').decode(bytes), notes: [] };
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared.toLowerCase());
  } catch {
    throw new ValidationFailed([{ field: name, message: `refused: the file declares the encoding "${declared}", which cannot be read; convert it to UTF-8` }]);
  }
  return { text: decoder.decode(bytes), notes: [{ field: name, message: `read as ${declared}, the encoding the file declares` }] };
}

/**
 * Parses an export file with fast-xml-parser. A document type declaration is
 * refused before parsing: WordPress never writes one, and it is how external
 * entities and entity-expansion bombs get in.
 */
export function parseXmlSafely(text: string, name: string, arrays: ReadonlySet<string>): Record<string, unknown> {
  if (declaresDtd(text)) {
    throw new ValidationFailed([{ field: name, message: 'refused: the file declares a DOCTYPE or entities (<!DOCTYPE/<!ENTITY); a WordPress export has none, and they can read local files or expand without end' }]);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (tagName) => arrays.has(tagName),
  });
  try {
    return parser.parse(text, true) as Record<string, unknown>;
  } catch (e) {
    throw new ValidationFailed([{ field: name, message: `malformed XML: ${(e as Error).message.split('\n')[0]}` }]);
  }
}
