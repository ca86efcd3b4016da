import { ADMIN_SORTS, DEFAULT_ADMIN_SORT } from './api-shapes.ts';

/**
 * The Admin API described as OpenAPI 3.1, served at /api/admin/openapi.json.
 * test/openapi.test.ts checks it against the routes the app really has.
 */
import { MAX_ID, MAX_PAGE } from '../store/ids.ts';
import { tvOpenApiPaths } from '../tv/tv.openapi.ts';
import { structureOpenApiPaths } from '../structure/structure.openapi.ts';
import { peopleOpenApiPaths } from '../people/people.openapi.ts';
import { editionsOpenApiPaths } from '../content/editions.openapi.ts';
import { identityOpenApiPaths } from '../identity/identity.openapi.ts';

const error = { $ref: '#/components/schemas/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: STATUS[c], ...json(error) }]));
const STATUS: Record<number, string> = {
  400: 'A malformed file (a WebVTT file: `issues` name each line, `{ field: "vtt", line, message }`)',
  401: 'Not signed in, or an unknown token',
  403: 'The role may not do this, or the CSRF token is missing',
  404: 'Not found',
  409: 'Refused by the workflow or a clash; `issues` says why',
  412: 'If-Match names an old version; the body carries `currentVersion`, `current` and `changes`',
  422: 'Invalid input; `issues` names each field',
  428: 'If-Match is required',
  429: 'Too many failed logins; see Retry-After',
};
// The bounds of src/store/ids.ts: an id or version beyond them is 404 in a path, 422 naming the parameter in a query.
const idSchema = { type: 'integer', minimum: 1, maximum: MAX_ID };
const id = { name: 'id', in: 'path', required: true, schema: idSchema };
const version = { name: 'version', in: 'path', required: true, schema: idSchema };
const page = { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 } };
const limit = (max: number, fallback: number) => ({ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: max, default: fallback } });
const edition = { name: 'edition', in: 'path', required: true, schema: { type: 'string' } };
const ifMatch = { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The article version the client edited, as `"3"`' };
const lang = { name: 'lang', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$' }, description: 'A language tag: fr, en, pt-BR' };
const videoIfMatch = { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The video version the client edited, as `"3"`' };
const uploadId = { name: 'uploadId', in: 'path', required: true, schema: { type: 'string' } };
const video = json({ type: 'object', properties: { video: { type: 'object', description: 'id, status (waiting|transcoding|ready|failed), progress, hls, mp4, poster, error, title, description, credit, copyright, licence, language, durationMs, width, height, edition, slug, section, published, publishedAt, chapters, subtitles, renditions, sprite, spriteVtt, posterImage, version, createdAt, usedIn, job (docs/video.md)' } } });
const entryId = { name: 'entryId', in: 'path', required: true, schema: idSchema };
const entryIfMatch = { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The entry version the client edited, as `"3"`' };
const entry = json({ type: 'object', properties: { entry: { $ref: '#/components/schemas/Entry' } } });
const article = json({ type: 'object', properties: { article: { $ref: '#/components/schemas/Article' } } });
const ok = (description: string, body?: object) => ({ description, ...(body ?? {}) });
const anyJson = json({ type: 'object' });
const focalCoordinate = { type: ['number', 'null'], minimum: 0, maximum: 1, description: '0–1 (three decimals kept); null = the centre' };
const nullableText = { type: ['string', 'null'] };
const mediaPatchSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    alt: { type: 'string', maxLength: 1000 },
    caption: { ...nullableText, maxLength: 2000 },
    credit: { ...nullableText, maxLength: 300 },
    copyright: { ...nullableText, maxLength: 300 },
    creator: { ...nullableText, maxLength: 300 },
    sourceUrl: { ...nullableText, format: 'uri' },
    focalX: { ...focalCoordinate, description: 'From the left edge: 0–1 (three decimals kept); null = the centre' },
    focalY: { ...focalCoordinate, description: 'From the top edge: 0–1 (three decimals kept); null = the centre' },
  },
};
const multipart = { content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } };

export function adminOpenApi(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Dépêche Admin API', version: '1', description: 'Everything the newsroom admin does. Sign in with POST /api/admin/session (cookie + X-CSRF-Token on writes) or send `Authorization: Bearer <token>`.' },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'depeche_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' }, issues: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } } },
        },
        Live: {
          type: 'object',
          required: ['startedAt', 'endedAt'],
          properties: { startedAt: { type: 'string', format: 'date-time' }, endedAt: { type: ['string', 'null'], format: 'date-time' }, openPosting: { type: 'boolean' }, push: { type: 'boolean' } },
        },
        EntryInput: {
          type: 'object',
          required: ['body'],
          description: 'One entry of a live; figures name media ids. What GET answers may be sent back as it is (read-only fields are ignored, null means none)',
          properties: {
            status: { enum: ['draft', 'published'], default: 'published' },
            postedAt: { type: 'string', format: 'date-time' },
            title: { type: 'string', maxLength: 300 },
            author: { type: 'string', description: 'A name; by default the person posting, unless a source is given' },
            source: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, url: { type: 'string' } } },
            body: { type: 'array', items: { type: 'object' }, description: 'Blocks as in articles (paragraph, heading, figure, quote, pullquote, list, embed)' },
            pinned: { type: 'boolean' },
            keyPoint: { type: 'boolean' },
            correction: { type: 'string', description: 'The public note of a correction: set, readers see the entry as corrected' },
          },
        },
        Entry: {
          allOf: [
            { $ref: '#/components/schemas/EntryInput' },
            {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                articleId: { type: 'integer' },
                url: { type: 'string', format: 'uri', description: 'The public permalink (…/<slug>/entree/<id>); readers reach it once the entry is published in a published live' },
                version: { type: 'integer', description: 'The entry’s own version: If-Match on PUT' },
                articleDraftId: { type: ['integer', 'null'] },
                ingestItemId: { type: ['integer', 'null'] },
                createdAt: { type: 'string', format: 'date-time' },
                updatedAt: { type: ['string', 'null'], format: 'date-time' },
                postedBy: { type: 'string', description: 'The user or API token that posted it' },
              },
            },
          ],
        },
        ArticleInput: { $ref: '/schema/article.schema.json', description: 'The import format (docs/import-format.md); images are media ids.' },
        Article: {
          allOf: [
            { $ref: '#/components/schemas/ArticleInput' },
            {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                version: { type: 'integer' },
                status: { enum: ['draft', 'in_review', 'scheduled', 'published', 'unpublished'] },
                scheduledAt: { type: ['string', 'null'], format: 'date-time' },
                ownerId: { description: 'The account that owns it; null when an API token made it', type: ['integer', 'null'] },
                ownerTokenId: { description: 'The API token that owns it, when one made it', type: ['integer', 'null'] },
                path: { type: 'string' },
                url: { type: 'string' },
                live: {
                  description: 'Set: the article is a live (docs/live.md). Writable: null makes it an ordinary article again; left out of a PUT, it stays as it is. Its entries are never embedded: see /api/admin/articles/{id}/entries',
                  oneOf: [{ type: 'null' }, { $ref: '#/components/schemas/Live' }],
                },
                translations: {
                  description: 'The other articles of its translation group (read-only; link with translationOf)',
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { id: { type: 'integer' }, edition: { type: 'string' }, slug: { type: 'string' }, headline: { type: 'string' }, status: { type: 'string' } },
                  },
                },
                translationSource: {
                  description:
                    'Read-only, in GET, PUT and POST …/translations answers: for a translation made with POST …/translations, its source and whether the source’s text changed since the version translated, with the changes ({ field, before, after }); null otherwise',
                  oneOf: [
                    { type: 'null' },
                    {
                      type: 'object',
                      properties: {
                        id: { type: 'integer' },
                        edition: { type: 'string' },
                        headline: { type: 'string' },
                        translatedVersion: { type: 'integer' },
                        currentVersion: { type: 'integer' },
                        changed: { type: 'boolean' },
                        changes: { type: 'array', items: { type: 'object' } },
                      },
                    },
                  ],
                },
              },
            },
          ],
        },
      },
    },
    security: [{ session: [] }, { token: [] }],
    paths: {
      '/api/admin/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: ok('OpenAPI 3.1', anyJson) } } },
      '/api/admin/setup': {
        get: { summary: 'Whether the first admin account is still to be created', security: [], responses: { 200: ok('{ needed }', anyJson) } },
        post: { summary: 'Create the first admin account and sign in', security: [], requestBody: anyJson, responses: { 201: ok('{ user, csrf }', anyJson), ...errors(403, 422) } },
      },
      '/api/admin/session': {
        get: { summary: 'Who is signed in (with the admin language, fr or en), and the CSRF token', responses: { 200: ok('{ user: { id, name, role, kind, language }, csrf }', anyJson), ...errors(401) } },
        patch: { summary: 'Change one’s own admin language { language: fr | en }', requestBody: anyJson, responses: { 200: ok('{ user }', anyJson), ...errors(401, 403, 422) } },
        post: { summary: 'Sign in with { email, password }', security: [], requestBody: anyJson, responses: { 201: ok('{ user, csrf, expiresAt } and the session cookie', anyJson), ...errors(401, 422, 429) } },
        delete: { summary: 'Sign out: the session ends on the server', responses: { 204: ok('Signed out'), ...errors(401, 403) } },
      },
      '/api/admin/users': {
        get: { summary: 'Accounts (admin)', responses: { 200: ok('{ users }', anyJson), ...errors(401, 403) } },
        post: { summary: 'Create an account (admin) { email, name, role, password, language? }', requestBody: anyJson, responses: { 201: ok('The account', anyJson), ...errors(401, 403, 409, 422) } },
      },
      '/api/admin/users/{id}/sessions': { delete: { summary: 'End every session of an account', parameters: [id], responses: { 204: ok('Ended'), ...errors(401, 403) } } },
      '/api/admin/tokens': {
        get: { summary: 'API tokens (admin); never the secret', responses: { 200: ok('{ tokens }', anyJson), ...errors(401, 403) } },
        post: { summary: 'Create a token { name, role }; the secret is shown once', requestBody: anyJson, responses: { 201: ok('{ id, token }', anyJson), ...errors(401, 403, 422) } },
      },
      '/api/admin/tokens/{id}': { delete: { summary: 'Revoke a token', parameters: [id], responses: { 204: ok('Revoked'), ...errors(401, 403, 404) } } },
      '/api/admin/audit': { get: { summary: 'Who did what, newest first (editor)', parameters: [{ name: 'subject', in: 'query', schema: { type: 'string' } }, limit(500, 100)], responses: { 200: ok('{ entries }', anyJson), ...errors(401, 403, 422) } } },
      '/api/admin/articles': {
        get: {
          summary:
            'Articles, filtered and searched, 25 a page. Without q: sort by a column (headline, status, section, edition, changed, published; - first for descending, -changed by default, ties by id), pages past 40 by cursor (nextCursor, prevCursor). With q: every field of every status is searched (headline, standfirst, body, quotes and speakers, captions and credits, tags, people, authors, SEO fields, source), ordered by relevance (sort=relevance, the default) or, sort by a column, the 1000 most recent matches in that order; each article carries `found`, and the answer `total`. 422 names any parameter it cannot use',
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Words (each required, the last also as the start of a word), "a phrase", -excluded; stemmed and accent-insensitive in each article’s language' },
            { name: 'status', in: 'query', schema: { enum: ['draft', 'in_review', 'scheduled', 'published', 'unpublished'] } },
            ...['section', 'author', 'topic', 'person'].map((name) => ({ name, in: 'query', schema: { type: 'string', pattern: '^[\\p{Ll}\\p{Lo}\\p{Lm}\\p{M}\\p{Nd}]+(-[\\p{Ll}\\p{Lo}\\p{Lm}\\p{M}\\p{Nd}]+)*$' }, description: `The ${name === 'topic' ? 'tag' : name}’s slug` })),
            { name: 'edition', in: 'query', schema: { type: 'string' } },
            { name: 'owner', in: 'query', schema: idSchema, description: 'The id of the user who owns the articles' },
            { name: 'type', in: 'query', schema: { enum: ['article', 'video', 'wire'] } },
            ...['from', 'to'].map((name) => ({ name, in: 'query', schema: { type: 'string', format: 'date' }, description: 'A day, inclusive, in the edition’s time zone (UTC without edition=), on the time of publication, else of scheduling, else of creation' })),
            page,
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
            { name: 'sort', in: 'query', schema: { type: 'string', enum: ['relevance', ...ADMIN_SORTS.flatMap((k) => [k, `-${k}`])] }, description: `${DEFAULT_ADMIN_SORT} by default, relevance with q` },
          ],
          responses: {
            200: ok(
              '{ articles: [{ …, publishedAt, updatedAt, changedAt, found?: [{ field, segments: [{ text, mark? }] }] }], page, hasMore, nextCursor, prevCursor, total?, totalIsEstimate?, sort? }; found (with q) lists the fields the words are in (headline, standfirst, body, quotes, speakers, captions, tags, people, authors, seo, source) with a passage as plain text segments, the words marked',
              anyJson,
            ),
            ...errors(401, 422),
          },
        },
        post: { summary: 'Create a draft', requestBody: json({ $ref: '#/components/schemas/ArticleInput' }), responses: { 201: ok('The article; ETag is its version', article), ...errors(401, 403, 409, 422) } },
      },
      '/api/admin/articles/{id}': {
        get: { summary: 'One article; ETag is its version', parameters: [id], responses: { 200: ok('The article', article), ...errors(401, 404) } },
        put: {
          summary:
            'Save; needs If-Match. updatedAt is the server’s: a save of a visible published article that changes what readers see (headline, standfirst, section, tags, authors, source, lead, body) sets it to now, unless silentFix: true (editor+) marks a minor correction; an updatedAt sent is ignored',
          parameters: [id, ifMatch], requestBody: json({ $ref: '#/components/schemas/ArticleInput' }),
          responses: { 200: ok('The article', article), ...errors(401, 403, 404, 409, 412, 422, 428) },
        },
        delete: { summary: 'Delete (editor, or the owner of a draft)', parameters: [id], responses: { 204: ok('Deleted'), ...errors(401, 403, 404) } },
      },
      '/api/admin/articles/{id}/transitions': {
        post: {
          summary:
            'Move through the workflow: { to: in_review | scheduled | published | unpublished | draft, at?, overrides? }. Publishing and scheduling check the article; a 409 lists each problem in `issues`, and a problem the editor may pass over carries `override: "subtitles"` (a video without subtitles in its language): send `overrides: { subtitles: "<reason>" }` to publish anyway; the reason is written to the audit log and kept with the article for its scheduled publication (docs/subtitles.md). A video not ready always blocks.',
          parameters: [id],
          requestBody: anyJson,
          responses: { 200: ok('The article', article), ...errors(401, 403, 404, 409, 422) },
        },
      },
      '/api/admin/articles/{id}/revisions': { get: { summary: 'Every saved version', parameters: [id], responses: { 200: ok('{ revisions }', anyJson), ...errors(401, 404) } } },
      '/api/admin/articles/{id}/revisions/{version}': { get: { summary: 'The article at a version', parameters: [id, version], responses: { 200: ok('The article', article), ...errors(401, 404) } } },
      '/api/admin/articles/{id}/compare': {
        get: {
          summary: 'What changed between two versions',
          parameters: [id, { name: 'from', in: 'query', required: true, schema: idSchema }, { name: 'to', in: 'query', required: true, schema: idSchema }],
          responses: { 200: ok('{ from, to, changes: [{ field, before, after }] }', anyJson), ...errors(401, 404, 422) },
        },
      },
      '/api/admin/articles/{id}/revisions/{version}/restore': {
        post: { summary: 'Save an old version as the newest; needs If-Match', parameters: [id, version, ifMatch], responses: { 200: ok('The article', article), ...errors(401, 403, 404, 412, 428) } },
      },
      '/api/admin/articles/{id}/translations': {
        post: {
          summary: 'Make a draft translation in another edition { edition, section? }: blocks, lead and pictures copied, linked to this version',
          parameters: [id],
          requestBody: anyJson,
          responses: { 201: ok('{ article } with translationSource', article), ...errors(401, 403, 404, 422) },
        },
      },
      '/api/admin/articles/{id}/translation-source/up-to-date': {
        post: { summary: 'Mark a translation as checked against its source’s current version', parameters: [id], responses: { 200: ok('{ translationSource }', anyJson), ...errors(401, 403, 404) } },
      },
      '/api/admin/articles/{id}/preview': { get: { summary: 'The public page of the article in its current state', parameters: [id], responses: { 200: { description: 'HTML', content: { 'text/html': {} } }, ...errors(401, 404) } } },
      '/api/admin/home/{edition}': {
        get: { summary: 'Stories pinned on the edition’s home page', parameters: [edition], responses: { 200: ok('{ slots }', anyJson), ...errors(401) } },
        put: { summary: 'Pin stories in order { articleIds } (editor)', parameters: [edition], requestBody: anyJson, responses: { 200: ok('{ slots }', anyJson), ...errors(401, 403, 422) } },
      },
      ...editionsOpenApiPaths,
      '/api/admin/tags': { get: { summary: 'Topics by name, for filters', parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }, { name: 'edition', in: 'query', schema: { type: 'string' } }], responses: { 200: ok('{ tags: [{ id, edition, slug, name }] }', anyJson), ...errors(401) } } },
      '/api/admin/media': {
        get: { summary: 'The media library, newest first; q keeps the pictures whose alt text, caption, credit, copyright, creator or file name hold every word (each the start of a word, any case and accents)', parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }, page, { name: 'perPage', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 30 } }], responses: { 200: ok('{ media, hasMore }', anyJson), ...errors(401, 422) } },
        post: { summary: 'Upload an image; caption, credit, copyright and creator are read from its IPTC/XMP/EXIF metadata', requestBody: multipart, responses: { 201: ok('The media item', anyJson), ...errors(401, 403, 422) } },
      },
      '/api/admin/media/{id}': {
        get: { summary: 'One media item, with its focal point (focalX, focalY: 0–1 from the left and the top, null = the centre)', parameters: [id], responses: { 200: ok('The media item', anyJson), ...errors(401, 404) } },
        patch: {
          summary: 'Edit alt, caption, credit, copyright, creator, sourceUrl and the focal point the reader pages crop around; every page showing the picture is refreshed',
          parameters: [id],
          requestBody: json(mediaPatchSchema),
          responses: { 200: ok('The media item', anyJson), ...errors(401, 403, 404, 422) },
        },
      },
      '/api/admin/webhooks': {
        get: { summary: 'Webhook subscribers (admin); never the secret', responses: { 200: ok('{ webhooks: [{ id, url, events, active, createdAt }] }', anyJson), ...errors(401, 403) } },
        post: {
          summary: 'Add a subscriber { url, secret?, events?, active? }; events among article.published, article.updated, article.unpublished, live.entry.published, live.entry.updated, live.entry.deleted, alert.published, alert.ended, video.ready; a generated secret is shown once (docs/webhooks.md)',
          requestBody: anyJson,
          responses: { 201: ok('{ webhook: { id, url, events, active, createdAt, secret } }', anyJson), ...errors(401, 403, 422) },
        },
      },
      '/api/admin/webhooks/{id}': { delete: { summary: 'Remove a subscriber and its delivery log (admin)', parameters: [id], responses: { 204: ok('Removed'), ...errors(401, 403, 404) } } },
      '/api/admin/webhooks/{id}/deliveries': {
        get: {
          summary: 'The delivery log, newest first (admin)',
          parameters: [id, limit(500, 100)],
          responses: { 200: ok('{ deliveries: [{ id, event, articleId, status, attempts, lastStatusCode, lastError, nextAttemptAt, createdAt, deliveredAt }] }', anyJson), ...errors(401, 403, 404, 422) },
        },
      },
      '/api/admin/ingest/sources': {
        get: { summary: 'Wire ingest sources (editor+) with their poll state (docs/ingest.md)', responses: { 200: ok('{ sources: [{ id, name, kind, url, dropFolder, edition, section, nextPollAt, failures, lastError, lastPolledAt, createdAt }] }', anyJson), ...errors(401, 403) } },
        post: { summary: 'Add a source { name, kind: rss | atom | ninjs, url (http/https; optional for ninjs, which then gets a drop folder), edition, section } (editor+)', requestBody: anyJson, responses: { 201: ok('{ source }', anyJson), ...errors(401, 403, 422) } },
      },
      '/api/admin/ingest/sources/{id}': { delete: { summary: 'Remove a source and its queued items (editor+)', parameters: [id], responses: { 204: ok('Removed'), ...errors(401, 403, 404) } } },
      '/api/admin/ingest/items': {
        get: {
          summary: 'The incoming queue, newest first (contributor+); q keeps the items whose title or summary hold every word (each the start of a word, any case and accents)',
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string' } },
            { name: 'status', in: 'query', schema: { type: 'string', enum: ['new', 'adopted', 'dismissed'] } },
            { name: 'source', in: 'query', schema: idSchema },
            limit(500, 100),
          ],
          responses: { 200: ok('{ items: [{ id, sourceId, guid, title, summary, link, publishedAt, updatedAt, status, adoptedArticleId, createdAt, payload, notes: [{ field, message }] }] }', anyJson), ...errors(401, 403, 422) },
        },
      },
      '/api/admin/ingest/items/{id}/adopt': {
        post: { summary: 'Make a draft of the item, keeping its source and original time (contributor+); 409 when already adopted or dismissed', parameters: [id], responses: { 201: ok('{ item, article }', anyJson), ...errors(401, 403, 404, 409, 422) } },
      },
      '/api/admin/ingest/items/{id}/dismiss': {
        post: { summary: 'Set the item aside (contributor+); 409 when already adopted', parameters: [id], responses: { 200: ok('{ item }', anyJson), ...errors(401, 403, 404, 409) } },
      },
      '/api/admin/ingest/ninjs': {
        post: {
          summary: 'Queue a ninjs document (one item or an array) into a ninjs source (editor+)',
          parameters: [{ name: 'source', in: 'query', required: true, schema: idSchema }],
          requestBody: anyJson,
          responses: { 202: ok('{ added, duplicates }', anyJson), ...errors(401, 403, 404, 422) },
        },
      },
      '/api/admin/lives': {
        get: {
          summary: 'The lives that run (started, not ended), newest first, at most 100: where the wire desk may send an item',
          parameters: [{ name: 'edition', in: 'query', schema: { type: 'string' } }],
          responses: { 200: ok('{ lives: [{ id, edition, headline, status, startedAt }] }', anyJson), ...errors(401) },
        },
      },
      '/api/admin/articles/{id}/entries': {
        get: {
          summary: 'A live’s entries, newest first, drafts included; before= an entry id for the next page',
          parameters: [id, { name: 'status', in: 'query', schema: { enum: ['draft', 'published'] } }, { name: 'before', in: 'query', schema: idSchema }, limit(200, 50)],
          responses: { 200: ok('{ entries, hasMore }', json({ type: 'object', properties: { entries: { type: 'array', items: { $ref: '#/components/schemas/Entry' } }, hasMore: { type: 'boolean' } } })), ...errors(401, 404, 422) },
        },
        post: {
          summary: 'Post an entry into a live; publishing needs an editor, or a live open to posting (contributors send status draft otherwise); 409 when the article is not a live',
          parameters: [id],
          requestBody: json({ $ref: '#/components/schemas/EntryInput' }),
          responses: { 201: ok('{ entry }; ETag is its version', entry), ...errors(401, 403, 404, 409, 422) },
        },
      },
      '/api/admin/articles/{id}/entries/from-wire': {
        post: {
          summary: 'Make an entry of a wire item { itemId, status? }: its title, text and source; published when the actor may publish into the live, else a draft. The item stays in the queue',
          parameters: [id],
          requestBody: json({ type: 'object', required: ['itemId'], properties: { itemId: { type: 'integer' }, status: { enum: ['draft', 'published'] } } }),
          responses: { 201: ok('{ entry }', entry), ...errors(401, 403, 404, 409, 422) },
        },
      },
      '/api/admin/articles/{id}/entries/{entryId}': {
        get: { summary: 'One entry; ETag is its version', parameters: [id, entryId], responses: { 200: ok('{ entry }', entry), ...errors(401, 404) } },
        put: {
          summary: 'Change an entry; needs If-Match with the entry’s version (another entry of the live never conflicts). Contributors change their own entries only; publishing needs an editor or open posting. 412 carries currentVersion and current (the entry as it is now)',
          parameters: [id, entryId, entryIfMatch],
          requestBody: json({ $ref: '#/components/schemas/EntryInput' }),
          responses: { 200: ok('{ entry }', entry), ...errors(401, 403, 404, 409, 412, 422, 428) },
        },
        delete: { summary: 'Remove an entry (editor, or the one who posted it while they may change it)', parameters: [id, entryId], responses: { 204: ok('Removed'), ...errors(401, 403, 404) } },
      },
      '/api/admin/articles/{id}/entries/{entryId}/article': {
        post: { summary: 'Make a full article draft of the entry, linked from it (entry.articleDraftId); 409 when it has one', parameters: [id, entryId], responses: { 201: ok('{ article, entry }', anyJson), ...errors(401, 403, 404, 409) } },
      },
      '/api/admin/articles/{id}/live/end': {
        post: { summary: 'End the live now (editor): live.endedAt is set, the page stays as an archive; a new article version', parameters: [id], responses: { 200: ok('The article', article), ...errors(401, 403, 404, 409) } },
      },
      '/api/admin/redirects': {
        get: {
          summary: 'Former addresses leading to articles, newest first, 50 a page (editor+); q matches part of the address (docs/migrating.md)',
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string' } },
            page,
          ],
          responses: { 200: ok('{ page, perPage, total, hasMore, redirects: [{ path, articleId, edition, headline, status, articlePath, live, createdAt }] }', anyJson), ...errors(401, 403, 422) },
        },
        post: {
          summary:
            'Store a former address { from: path or URL of the former site, articleId, replace? } (editor+); 422 names the field for an unusable address, the home page, an address of this site’s own pages or an unknown article; 409 when the address is stored already, unless replace: true (then 200)',
          requestBody: json({ type: 'object', required: ['from', 'articleId'], properties: { from: { type: 'string' }, articleId: { type: 'integer' }, replace: { type: 'boolean' } } }),
          responses: { 201: ok('{ redirect, replaced: false }', anyJson), 200: ok('{ redirect, replaced: true }', anyJson), ...errors(401, 403, 409, 422) },
        },
        delete: {
          summary: 'Remove a former address, named by ?path= as listed (editor+); it answers 404 again',
          parameters: [{ name: 'path', in: 'query', required: true, schema: { type: 'string' } }],
          responses: { 204: ok('Removed'), ...errors(401, 403, 404, 422) },
        },
      },
      '/api/admin/alerts': {
        get: { summary: 'Breaking-news alerts: the current ones first, then the recent ones, newest first (contributor+)', responses: { 200: ok('{ alerts: [{ id, text, url, level, editions, startsAt, expiresAt, endedAt, ingestItemId, createdBy, createdAt, current }] }', anyJson), ...errors(401) } },
        post: {
          summary:
            'Publish an alert (editor+): banner on every page of its editions within seconds, web push to their subscribers, webhook alert.published. { text, url?, level: breaking|urgent|info, editions, expiresAt?, startsAt? }, or { fromIngestItem: id } to make it from a wire flash (its title, link and edition; other fields override)',
          requestBody: json({
            type: 'object',
            properties: {
              text: { type: 'string', maxLength: 280 },
              url: { type: ['string', 'null'], description: 'A path on the site (/fr/…) or an http(s) URL' },
              level: { enum: ['breaking', 'urgent', 'info'], default: 'breaking' },
              editions: { type: 'array', items: { type: 'string' }, minItems: 1 },
              startsAt: { type: 'string', format: 'date-time' },
              expiresAt: { type: ['string', 'null'], format: 'date-time' },
              fromIngestItem: idSchema,
            },
          }),
          responses: { 201: ok('{ alert }', anyJson), ...errors(401, 403, 404, 422) },
        },
      },
      '/api/admin/alerts/{id}': {
        delete: { summary: 'End an alert now (editor+); its banner goes within seconds, webhook alert.ended. Ending an ended alert answers 204 too', parameters: [id], responses: { 204: ok('Ended'), ...errors(401, 403, 404) } },
      },
      ...tvOpenApiPaths,
      ...structureOpenApiPaths,
      ...peopleOpenApiPaths,
      ...identityOpenApiPaths,
      '/api/admin/videos': {
        get: {
          summary: 'The video library, newest first; state (waiting, transcoding, ready, failed), edition, and q (in the title or file name) filter it',
          parameters: [{ name: 'state', in: 'query', schema: { type: 'string', enum: ['waiting', 'transcoding', 'ready', 'failed'] } }, { name: 'q', in: 'query', schema: { type: 'string' } }, { name: 'edition', in: 'query', schema: { type: 'string' } }, page, { name: 'perPage', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 30 } }],
          responses: { 200: ok('{ videos, page, perPage, hasMore }', anyJson), ...errors(401, 422) },
        },
        post: {
          summary: 'Upload a video (multipart: field file up to MAX_VIDEO_BYTES, and optional title, edition, language, description, credit, copyright, licence); probed, then queued for transcoding (docs/video.md)',
          requestBody: multipart,
          responses: { 201: ok('{ video }', video), 413: { description: 'Over MAX_VIDEO_BYTES', ...json(error) }, ...errors(401, 403, 422) },
        },
      },
      '/api/admin/videos/{id}': {
        get: { summary: 'One video: its transcode state (status, progress, error), outputs (hls, mp4, poster, sprite), words and uses', parameters: [id], responses: { 200: ok('{ video }', video), ...errors(401, 404) } },
        patch: { summary: 'Edit title, description, credit, copyright, licence, language, edition, slug, section, published, chapters; needs If-Match', parameters: [id, videoIfMatch], requestBody: anyJson, responses: { 200: ok('{ video }', video), ...errors(401, 403, 404, 412, 422, 428) } },
        delete: { summary: 'Remove a video; 409 naming the articles while any shows it', parameters: [id], responses: { 204: ok('Removed'), ...errors(401, 403, 404, 409) } },
      },
      '/api/admin/videos/{id}/retry': {
        post: { summary: 'Queue a failed transcode again; it goes on after the steps it had finished', parameters: [id], responses: { 202: ok('{ video }', video), ...errors(401, 403, 404, 409) } },
      },
      '/api/admin/videos/{id}/poster': {
        post: { summary: 'Change the poster: { atMs } queues a poster job for that frame (202), { image } takes a picture of the library (200); articles leading with the video show it', parameters: [id], requestBody: anyJson, responses: { 200: ok('{ video }', video), 202: ok('{ video }, the poster job waiting', video), ...errors(401, 403, 404, 409, 422) } },
      },
      '/api/admin/videos/uploads': {
        post: { summary: 'tus 1.0 creation (Upload-Length, Upload-Metadata: filename and the multipart fields); answers Location', responses: { 201: ok('Created; Location names the upload'), 413: { description: 'Over MAX_VIDEO_BYTES' }, ...errors(401, 403, 422) } },
      },
      '/api/admin/videos/uploads/{uploadId}': {
        patch: { summary: 'tus 1.0: bytes from Upload-Offset (HEAD tells the offset to resume from); the last answers Video-Id, or 422 when the file is refused', parameters: [uploadId], responses: { 204: ok('Stored; Upload-Offset and, at the end, Video-Id'), 409: { description: 'Upload-Offset is not the stored length' }, ...errors(401, 403, 404, 422) } },
        delete: { summary: 'tus 1.0 termination: drop an unfinished upload', parameters: [uploadId], responses: { 204: ok('Dropped'), ...errors(401, 403, 404) } },
      },
      '/api/admin/videos/uploads/{uploadId}/video': {
        get: { summary: 'The video a finished tus upload became (for a client that missed Video-Id)', parameters: [uploadId], responses: { 200: ok('{ video }', video), ...errors(401, 404) } },
      },
      '/api/admin/media/{id}/file': {
        put: { summary: 'Replace the picture; every article using it shows the new one', parameters: [id], requestBody: multipart, responses: { 200: ok('The media item', anyJson), ...errors(401, 403, 404, 409, 422) } },
      },
      '/api/admin/videos/{id}/subtitles': {
        get: { summary: 'The video’s subtitles, by language (docs/subtitles.md)', parameters: [id], responses: { 200: ok('{ subtitles: [{ language, label, cues, url, updatedAt }] }', anyJson), ...errors(401, 404) } },
      },
      '/api/admin/videos/{id}/subtitles/{lang}': {
        get: { summary: 'One language’s subtitles, with its WebVTT text (vtt) and its cues (cueList)', parameters: [id, lang], responses: { 200: ok('{ subtitles }', anyJson), ...errors(401, 404) } },
        put: {
          summary: 'Set a language’s subtitles: a WebVTT file (text/vtt, label in ?label=), or JSON { vtt, label? } or { cues: [{ startMs, endMs, text }], label? }; a malformed file is 400 naming its lines',
          parameters: [id, lang, { name: 'label', in: 'query', schema: { type: 'string', maxLength: 100 } }],
          requestBody: { content: { 'text/vtt': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object' } } } },
          responses: { 200: ok('{ subtitles }', anyJson), ...errors(400, 401, 403, 404, 422) },
        },
        delete: { summary: 'Remove a language’s subtitles', parameters: [id, lang], responses: { 204: ok('Removed'), ...errors(401, 403, 404) } },
      },
    },
  };
}
