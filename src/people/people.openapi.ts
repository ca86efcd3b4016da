import { MAX_ID, MAX_PAGE } from '../store/ids.ts';
import { json, errors, ok, idSchema, id } from '../newsroom/openapi-parts.ts';

/** People, topics and authors in the Admin API description (src/newsroom/openapi.ts spreads it in). */

const q = { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Part of the name (or, for people, of another name they go by)' };
const page = { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 } };
const text = (max: number) => ({ type: ['string', 'null'], maxLength: max });
const slug = { type: 'string', maxLength: 80, description: 'Letters, digits and single hyphens; the former slug keeps answering 301' };
const merge = { content: { 'application/json': { schema: { type: 'object', required: ['into'], additionalProperties: false, properties: { into: { ...idSchema, description: 'The one that stays' } } } } } };

const personPatch = json({
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    slug,
    description: text(2000),
    photoImageId: { type: ['integer', 'null'], minimum: 1, maximum: MAX_ID, description: 'A picture of the media library' },
    aliases: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 200 } },
    wikidata: { type: ['string', 'null'], pattern: '^(|Q[1-9][0-9]{0,11})$' },
    roles: { type: 'object', additionalProperties: text(300), description: 'The role each edition shows, by edition code; null removes it' },
  },
});
const topicPatch = json({
  type: 'object',
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, slug, description: text(2000), featured: { type: 'boolean', description: 'Shown on the edition’s home page' } },
});
const authorPatch = json({
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    slug,
    bio: text(3000),
    role: text(300),
    photoImageId: { type: ['integer', 'null'], minimum: 1, maximum: MAX_ID },
    social: { type: 'array', maxItems: 12, items: { type: 'object', required: ['network', 'url'], properties: { network: { type: 'string', minLength: 1, maxLength: 40 }, url: { type: 'string', format: 'uri', description: 'http(s) only' } } } },
  },
});

export const peopleOpenApiPaths = {
  '/api/admin/people': {
    get: { summary: 'People quoted, by name, 50 a page; merged ones left out (docs/people-and-topics.md)', parameters: [q, page], responses: { 200: ok('{ page, perPage, total, hasMore, people: [{ id, slug, name, description, photo, aliases, wikidata, roles, role, articles, mergedInto }] }'), ...errors(401, 422) } },
  },
  '/api/admin/people/{id}': {
    get: { summary: 'One person', parameters: [id], responses: { 200: ok('{ person }'), ...errors(401, 404) } },
    patch: { summary: 'Change name, slug, description, photo, other names, Wikidata item, role per edition (editor)', parameters: [id], requestBody: personPatch, responses: { 200: ok('{ person }'), ...errors(401, 403, 404, 409, 422) } },
  },
  '/api/admin/people/{id}/merge': {
    post: { summary: 'Merge this person into `into` (editor): quotes move, this one’s page answers 301 to the kept one', parameters: [id], requestBody: merge, responses: { 200: ok('{ person }: the kept one'), ...errors(401, 403, 404, 409, 422) } },
  },
  '/api/admin/topics': {
    get: {
      summary: 'Topics by name, featured first, 50 a page; merged ones left out',
      parameters: [q, { name: 'edition', in: 'query', schema: { type: 'string' } }, { name: 'featured', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } }, page],
      responses: { 200: ok('{ page, perPage, total, hasMore, topics: [{ id, edition, slug, name, description, featured, articles, mergedInto }] }'), ...errors(401, 422) },
    },
  },
  '/api/admin/topics/{id}': {
    get: { summary: 'One topic', parameters: [id], responses: { 200: ok('{ topic }'), ...errors(401, 404) } },
    patch: { summary: 'Rename, describe or feature a topic on the home page (editor)', parameters: [id], requestBody: topicPatch, responses: { 200: ok('{ topic }'), ...errors(401, 403, 404, 409, 422) } },
  },
  '/api/admin/topics/{id}/merge': {
    post: { summary: 'Merge this topic into `into`, of the same edition (editor): articles move, this one’s page answers 301', parameters: [id], requestBody: merge, responses: { 200: ok('{ topic }: the kept one'), ...errors(401, 403, 404, 409, 422) } },
  },
  '/api/admin/authors': {
    get: { summary: 'Authors by name, 50 a page', parameters: [q, page], responses: { 200: ok('{ page, perPage, total, hasMore, authors: [{ id, slug, name, bio, role, photo, social, articles, mergedInto }]; merged ones left out }'), ...errors(401, 422) } },
  },
  '/api/admin/authors/{id}': {
    get: { summary: 'One author', parameters: [id], responses: { 200: ok('{ author }'), ...errors(401, 404) } },
    patch: { summary: 'Change name, slug, bio, role, photo and social links (editor)', parameters: [id], requestBody: authorPatch, responses: { 200: ok('{ author }'), ...errors(401, 403, 404, 409, 422) } },
  },
  '/api/admin/authors/{id}/merge': {
    post: { summary: 'Merge this author into `into` (editor): bylines move, this one’s page answers 301 to the kept one', parameters: [id], requestBody: merge, responses: { 200: ok('{ author }: the kept one'), ...errors(401, 403, 404, 409, 422) } },
  },
};
