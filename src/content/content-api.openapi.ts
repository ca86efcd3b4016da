import { MAX_PAGE } from '../store/ids.ts';
import { DEFAULT_LIMIT, MAX_LIMIT, NAMES_DEFAULT_LIMIT } from './content-api.service.ts';

/**
 * The public Content API described as OpenAPI 3.1, served at
 * /api/content/openapi.json. test/openapi.test.ts checks it against the
 * routes the app really has. docs/content-api.md says the rest.
 */

const error = { $ref: '#/components/schemas/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: STATUS[c], ...json(error) }]));
const STATUS: Record<number, string> = {
  404: 'Not found, or not visible to readers',
  422: 'Invalid query parameters; `field` and `issues` name each one',
  429: 'Too many requests; see Retry-After',
};
const query = (name: string, schema: object, description?: string, required = false) => ({ name, in: 'query', required, schema, ...(description ? { description } : {}) });
const slug = { type: 'string', pattern: '^[a-z0-9-]{1,200}$' };
const edition = (required: boolean) => query('edition', { type: 'string' }, 'An edition code such as `fr`', required);
const limit = (fallback: number) => query('limit', { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: fallback });
const cursor = query('cursor', { type: 'string' }, 'The `nextCursor` of the previous page');
const ok = (description: string, schema: object) => ({ 200: { description, ...json(schema) }, ...errors(422, 429) });
const list = (name: string, item: object) => ({ type: 'object', required: [name, 'nextCursor'], properties: { [name]: { type: 'array', items: item }, nextCursor: { type: ['string', 'null'] } } });
const named = { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' } } };
const segments = { type: 'array', items: { type: 'object', required: ['text'], properties: { text: { type: 'string' }, mark: { const: true } } }, description: 'The text in pieces; those with `mark` matched the query' };
const nameHit = { type: 'object', properties: { kind: { enum: ['tag', 'person', 'author'] }, slug: { type: 'string' }, name: { type: 'string' }, path: { type: 'string' }, url: { type: 'string' } } };
const day = { type: 'string', format: 'date', description: 'YYYY-MM-DD, in the edition’s time zone, inclusive' };

export function contentOpenApi(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Dépêche Content API', version: '1', description: 'Public and read-only: what the reader site shows, as JSON. No authentication.' },
    servers: [{ url: serverUrl }],
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' }, issues: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } } },
        },
        ArticleSummary: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            edition: { type: 'string' },
            slug: { type: 'string' },
            url: { type: 'string' },
            path: { type: 'string' },
            section: named,
            headline: { type: 'string' },
            standfirst: { type: ['string', 'null'] },
            publishedAt: { type: 'string', format: 'date-time' },
            updatedAt: { type: ['string', 'null'], format: 'date-time' },
            authors: { type: 'array', items: named },
            tags: { type: 'array', items: named },
            source: { type: ['object', 'null'] },
            lead: { type: ['object', 'null'] },
          },
        },
      },
    },
    paths: {
      '/api/content/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1', ...json({ type: 'object' }) } } } },
      '/api/content/alerts': {
        get: {
          summary: 'The breaking-news alerts readers of the edition see now, newest first; kept 2 s (pages ask every 3 s)',
          parameters: [edition(false)],
          responses: ok('{ alerts: [{ id, text, url, level, startsAt, expiresAt }] }', {
            type: 'object',
            properties: {
              alerts: {
                type: 'array',
                items: { type: 'object', properties: { id: { type: 'integer' }, text: { type: 'string' }, url: { type: ['string', 'null'] }, level: { enum: ['breaking', 'urgent', 'info'] }, startsAt: { type: 'string' }, expiresAt: { type: ['string', 'null'] } } },
              },
            },
          }),
        },
      },
      '/api/content/push/key': {
        get: { summary: 'The site’s VAPID public key (base64url), the applicationServerKey of a web push subscription', responses: ok('{ publicKey }', { type: 'object', properties: { publicKey: { type: 'string' } } }) },
      },
      '/api/content/push/subscriptions': {
        post: {
          summary: 'Subscribe a browser to web push for an edition: { subscription: { endpoint, keys: { p256dh, auth } }, edition, alerts?, lives? } (lives: key points of every live of the edition sent by push); the same endpoint again updates it, keeping a choice it does not name; a new one wants alerts unless alerts: false; one left wanting neither is removed (200 { subscribed: false })',
          requestBody: json({
            type: 'object',
            required: ['subscription', 'edition'],
            properties: {
              subscription: { type: 'object', properties: { endpoint: { type: 'string' }, keys: { type: 'object', properties: { p256dh: { type: 'string' }, auth: { type: 'string' } } } } },
              edition: { type: 'string' },
              alerts: { type: 'boolean' },
              lives: { type: 'boolean' },
            },
          }),
          responses: {
            201: { description: '{ subscribed: true, alerts, lives }: what the subscription wants now', ...json({ type: 'object' }) },
            200: { description: '{ subscribed: false, alerts: false, lives: false }: it wanted neither any more and was removed', ...json({ type: 'object' }) },
            ...errors(422, 429),
          },
        },
        delete: {
          summary: 'Unsubscribe: { endpoint }',
          requestBody: json({ type: 'object', required: ['endpoint'], properties: { endpoint: { type: 'string' } } }),
          responses: { 204: { description: 'Removed (or was not there)' }, ...errors(422, 429) },
        },
      },
      '/api/content/articles': {
        get: {
          summary: 'Published articles, newest first, a page after the cursor',
          parameters: [edition(false), query('section', slug), query('tag', slug), query('person', slug), query('author', slug), cursor, limit(DEFAULT_LIMIT)],
          responses: ok('{ articles, nextCursor }', list('articles', { $ref: '#/components/schemas/ArticleSummary' })),
        },
      },
      '/api/content/articles/{edition}/{slug}': {
        get: {
          summary: 'One published article in full',
          parameters: [
            { name: 'edition', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'The article: a summary with body, seo, canonicalUrl and translations', ...json({ type: 'object' }) }, ...errors(404, 429) },
        },
      },
      '/api/content/sections': { get: { summary: 'The sections readers see', parameters: [edition(false)], responses: ok('{ sections }', { type: 'object' }) } },
      '/api/content/tags': {
        get: { summary: 'Tags of an edition that a visible article uses, by slug', parameters: [edition(true), query('q', { type: 'string', maxLength: 100 }), cursor, limit(NAMES_DEFAULT_LIMIT)], responses: ok('{ tags, nextCursor }', list('tags', named)) },
      },
      '/api/content/people': {
        get: { summary: 'People quoted in a visible article, by slug', parameters: [query('q', { type: 'string', maxLength: 100 }), edition(false), cursor, limit(NAMES_DEFAULT_LIMIT)], responses: ok('{ people, nextCursor }', list('people', named)) },
      },
      '/api/content/search': {
        get: {
          summary: 'Search an edition’s published articles, as its search page does (docs/search.md)',
          parameters: [
            edition(true),
            query('q', { type: 'string' }, 'Words, "phrases" and -exclusions; cut at 200 characters, never refused for its length'),
            query('sort', { enum: ['relevance', 'date'], default: 'relevance' }),
            query('section', slug, 'A section slug of the edition'),
            query('topic', slug, 'A tag slug of the edition'),
            query('person', slug, 'A quoted person’s slug'),
            query('type', { enum: ['article', 'video', 'wire'] }),
            query('from', day),
            query('to', day),
            query('page', { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 }),
          ],
          responses: ok('The page of results', {
            type: 'object',
            properties: {
              query: { type: 'object', description: 'The query as answered: q (cut when too long), cut, sort and the filters' },
              state: { enum: ['empty', 'stopwords', 'results', 'none'], description: 'empty: no words; stopwords: only words too common to search; none: no article matches' },
              page: { type: 'integer' },
              perPage: { type: 'integer' },
              total: { type: 'integer' },
              totalIsEstimate: { type: 'boolean', description: 'true when `total` is a lower bound' },
              hasMore: { type: 'boolean' },
              articles: {
                type: 'array',
                items: {
                  allOf: [
                    { $ref: '#/components/schemas/ArticleSummary' },
                    { type: 'object', properties: { highlights: { type: 'object', properties: { headline: segments, standfirst: segments, snippet: segments } } } },
                  ],
                },
              },
              names: { type: 'array', items: nameHit, description: 'People, topics and authors whose names match' },
              closestTopics: { type: 'array', items: nameHit, description: 'When nothing matches: the topics nearest to the words typed' },
            },
          }),
        },
      },
      '/api/content/search/suggest': {
        get: {
          summary: 'Suggestions while typing: the last word is a prefix',
          parameters: [edition(true), query('q', { type: 'string' })],
          responses: ok('{ q, suggestions: [{ kind, label, path, url }] }', {
            type: 'object',
            properties: {
              q: { type: 'string' },
              suggestions: { type: 'array', items: { type: 'object', properties: { kind: { enum: ['article', 'tag', 'person', 'author'] }, label: { type: 'string' }, path: { type: 'string' }, url: { type: 'string' } } } },
            },
          }),
        },
      },
    },
  };
}
