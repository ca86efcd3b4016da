import { json, errors } from '../newsroom/openapi-parts.ts';

/** The editions' part of the Admin API description (src/newsroom/openapi.ts spreads it in). */

const code = { name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: 'The edition’s code: fr, en, ar' };

const fields = {
  name: { type: 'string', minLength: 1, maxLength: 100 },
  timeZone: { type: 'string', description: 'IANA time zone: Europe/Paris, Asia/Beirut' },
  language: { type: 'string', maxLength: 35, description: 'BCP 47 language of its pages; empty: the code' },
  dir: { type: 'string', enum: ['ltr', 'rtl'], description: 'Text direction; when left out, inferred from the language (ar, he, fa, ur… → rtl)' },
  numbering: { type: ['string', 'null'], description: 'Intl numbering system of dates and counts (latn, arab…); null: the language’s own' },
  baseUrl: { type: 'string', maxLength: 300, description: 'Its own address (https://ar.example.com); empty: the site’s, with the code as path prefix' },
  position: { type: 'integer', minimum: 0, maximum: 1000 },
};

const edition = {
  type: 'object',
  properties: { code: { type: 'string' }, ...fields, isDefault: { type: 'boolean' } },
};

export const editionsOpenApiPaths = {
  '/api/admin/editions': {
    get: { summary: 'Editions, in their order (signed in): { editions: [{ code, name, language, dir, numbering, timeZone, baseUrl, position, isDefault }] }', responses: { 200: { description: '{ editions }', ...json({ type: 'object', properties: { editions: { type: 'array', items: edition } } }) }, ...errors(401) } },
    post: {
      summary: 'Create an edition (admin). The first one, or one with isDefault, becomes the default and the other stops being it',
      requestBody: json({
        type: 'object',
        required: ['code', 'name', 'timeZone'],
        additionalProperties: false,
        properties: { code: { type: 'string', maxLength: 35, description: 'Lowercase BCP 47 tag, the path prefix; not a reserved word' }, ...fields, isDefault: { type: 'boolean' } },
      }),
      responses: { 201: { description: '{ edition }', ...json({ type: 'object', properties: { edition } }) }, ...errors(401, 403, 409, 422) },
    },
  },
  '/api/admin/editions/{code}': {
    get: { summary: 'One edition (signed in)', parameters: [code], responses: { 200: { description: '{ edition }', ...json({ type: 'object', properties: { edition } }) }, ...errors(401, 404) } },
    patch: {
      summary: 'Change an edition (admin); fields left out keep their value, the code stays. isDefault: true makes it the default in the same transaction as the former one stops being it',
      parameters: [code],
      requestBody: json({ type: 'object', additionalProperties: false, properties: { ...fields, isDefault: { type: 'boolean', enum: [true] } } }),
      responses: { 200: { description: '{ edition }', ...json({ type: 'object', properties: { edition } }) }, ...errors(401, 403, 404, 422) },
    },
  },
};
