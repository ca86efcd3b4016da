import { XMLParser } from 'fast-xml-parser';
import { ValidationFailed } from '../errors.ts';

/**
 * Parses an export file with fast-xml-parser. A document type declaration is
 * refused before parsing: WordPress never writes one, and it is how external
 * entities and entity-expansion bombs get in.
 */
export function parseXmlSafely(text: string, name: string, arrays: ReadonlySet<string>): Record<string, unknown> {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
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
