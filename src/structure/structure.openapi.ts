import { json, errors, ok, idSchema, id, edition } from '../newsroom/openapi-parts.ts';

/** Sections, menus and static pages in the Admin API description (src/newsroom/openapi.ts spreads it in). */

const editionQuery = { name: 'edition', in: 'query', schema: { type: 'string' } };
const slug = { type: 'string', maxLength: 80, description: 'Lowercase letters (any script) and digits joined by single hyphens; not a word the site uses in its own addresses' };

const section = {
  type: 'object',
  description: 'On creation: edition and name; fields left out keep their value',
  properties: {
    edition: { type: 'string', description: 'On creation only' },
    name: { type: 'string', maxLength: 100 },
    slug: { ...slug, description: `${slug.description}. A change keeps the former address (page, feeds, articles) answering 301` },
    parentId: { ...idSchema, type: ['integer', 'null'], description: 'A top-level section of the same edition (one level of nesting)' },
    inNav: { type: 'boolean', description: 'Shown in the navigation' },
    description: { type: ['string', 'null'], maxLength: 2000 },
  },
};

const menuItem = {
  type: 'object',
  required: ['kind'],
  properties: {
    kind: { enum: ['section', 'page', 'topic', 'url'] },
    targetId: { ...idSchema, type: ['integer', 'null'], description: 'The section, page or topic (of this edition)' },
    url: { type: ['string', 'null'], maxLength: 2000, description: 'For kind url: an http(s) address or a path of this site starting with /' },
    label: { type: ['string', 'null'], maxLength: 100, description: 'Null: the target’s own name' },
  },
};

const page = {
  type: 'object',
  description: 'On creation: edition and title; fields left out keep their value',
  properties: {
    edition: { type: 'string', description: 'On creation only' },
    title: { type: 'string', maxLength: 200 },
    slug: { ...slug, description: `${slug.description}. Defaults by kind and language (a-propos, mentions-legales…). A published page’s former slug answers 301` },
    description: { type: ['string', 'null'], maxLength: 500 },
    kind: { enum: ['about', 'contact', 'legal', 'privacy', 'charter', 'other'] },
    body: { type: 'array', maxItems: 500, items: { type: 'object' }, description: 'Article blocks (docs/import-format.md); a figure’s image is a media id; no video blocks' },
    status: { enum: ['draft', 'published'] },
    inFooter: { type: 'boolean' },
    position: { type: 'integer', minimum: 0, maximum: 10000 },
    version: { type: 'integer', minimum: 1, description: 'On change: the version edited; another save in between is a 409' },
  },
};

export const structureOpenApiPaths = {
  '/api/admin/sections': {
    get: { summary: 'Sections in navigation order (signed in): { sections: [{ id, edition, slug, name, position, inNav, parentId, description, implicit, aliases }] }', parameters: [editionQuery], responses: { 200: ok('{ sections }'), ...errors(401) } },
    post: { summary: 'Make a section (editor+); its slug defaults to its name’s', requestBody: json(section), responses: { 201: ok('{ section }'), ...errors(401, 403, 409, 422) } },
  },
  '/api/admin/sections/order': {
    put: {
      summary: 'Put every section of an edition in a new navigation order, in one transaction (editor+)',
      requestBody: json({ type: 'object', required: ['edition', 'ids'], properties: { edition: { type: 'string' }, ids: { type: 'array', items: idSchema, description: 'Every section of the edition, once each' } } }),
      responses: { 200: ok('{ sections }'), ...errors(401, 403, 422) },
    },
  },
  '/api/admin/sections/{id}': {
    get: { summary: 'One section (signed in)', parameters: [id], responses: { 200: ok('{ section }'), ...errors(401, 404) } },
    patch: { summary: 'Rename, move, hide, nest or describe a section (editor+)', parameters: [id], requestBody: json(section), responses: { 200: ok('{ section }'), ...errors(401, 403, 404, 409, 422) } },
  },
  '/api/admin/menus/{edition}': {
    get: { summary: 'The edition’s header and footer menus (editor+): { edition, header: [item], footer: [item] }', parameters: [edition], responses: { 200: ok('{ edition, header, footer }'), ...errors(401, 403, 404) } },
    put: {
      summary: 'Replace the header menu, the footer menu or both with the ordered lists sent, in one transaction (editor+); 422 names e.g. header[2].url',
      parameters: [edition],
      requestBody: json({ type: 'object', properties: { header: { type: 'array', maxItems: 50, items: menuItem }, footer: { type: 'array', maxItems: 50, items: menuItem } } }),
      responses: { 200: ok('{ edition, header, footer }'), ...errors(401, 403, 404, 422) },
    },
  },
  '/api/admin/pages': {
    get: { summary: 'Static pages (editor+): { pages: [{ id, edition, slug, title, description, kind, body, status, inFooter, position, version, createdAt, updatedAt, publishedAt, path, aliases }] }', parameters: [editionQuery], responses: { 200: ok('{ pages }'), ...errors(401, 403) } },
    post: { summary: 'Write a static page (editor+)', requestBody: json(page), responses: { 201: ok('{ page }'), ...errors(401, 403, 409, 422) } },
  },
  '/api/admin/pages/{id}': {
    get: { summary: 'One static page (editor+)', parameters: [id], responses: { 200: ok('{ page }'), ...errors(401, 403, 404) } },
    patch: { summary: 'Change a static page (editor+)', parameters: [id], requestBody: json(page), responses: { 200: ok('{ page }'), ...errors(401, 403, 404, 409, 422) } },
    delete: { summary: 'Remove a static page and the menu links to it (editor+)', parameters: [id], responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404) } },
  },
};
