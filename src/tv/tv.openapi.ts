import { json, errors, ok, idSchema, id, edition } from '../newsroom/openapi-parts.ts';

/** The live channel's and the schedule's part of the Admin API description (src/newsroom/openapi.ts spreads it in). */

const nullableText = (max: number) => ({ type: ['string', 'null'], maxLength: max });

const channel = {
  type: 'object',
  description: 'Fields left out keep their value',
  properties: {
    name: { type: 'string', maxLength: 200 },
    streams: { type: 'array', maxItems: 5, items: { type: 'string', description: 'An https URL of an HLS playlist (.m3u8); the first is played' } },
    enabled: { type: 'boolean', description: 'With at least one stream, the channel is on air: "DIRECT" in the site header' },
    scheduleUrl: { type: ['string', 'null'], description: 'An http(s) URL of an XMLTV file, polled by the worker' },
    scheduleChannel: { type: ['string', 'null'], description: 'The XMLTV channel id to take from it' },
    schedulePollMinutes: { type: 'integer', minimum: 5, maximum: 10080, default: 60 },
  },
};

const show = {
  type: 'object',
  properties: { edition: { type: 'string', description: 'On creation only' }, title: { type: 'string', maxLength: 300 }, slug: { type: 'string', maxLength: 120 }, description: nullableText(5000), imageId: { ...idSchema, type: ['integer', 'null'] } },
};

const programme = {
  type: 'object',
  description: 'Times carry their offset. On creation: edition, startsAt, endsAt, and a title or a showId (without a show, the programme joins the show of its title)',
  properties: {
    edition: { type: 'string' },
    showId: { ...idSchema, type: ['integer', 'null'] },
    title: { type: 'string', maxLength: 300 },
    episodeTitle: nullableText(300),
    description: nullableText(5000),
    startsAt: { type: 'string', format: 'date-time' },
    endsAt: { type: 'string', format: 'date-time' },
    season: { type: ['integer', 'null'], minimum: 1 },
    episode: { type: ['integer', 'null'], minimum: 1 },
    category: nullableText(100),
    videoId: { ...idSchema, type: ['integer', 'null'], description: 'The replay' },
    articleIds: { type: 'array', maxItems: 20, items: idSchema, description: 'Articles about it' },
  },
};

export const tvOpenApiPaths = {
  '/api/admin/channels/{edition}': {
    get: {
      summary: 'The edition’s live channel (contributor+): { channel: { edition, name, streams, enabled, onAir, scheduleUrl, scheduleChannel, schedulePollMinutes, schedulePolledAt, scheduleError, timeZone, updatedAt } }',
      parameters: [edition],
      responses: { 200: ok('{ channel }'), ...errors(401, 404) },
    },
    put: { summary: 'Change the edition’s live channel (admin); 422 names each bad field', parameters: [edition], requestBody: json(channel), responses: { 200: ok('{ channel }'), ...errors(401, 403, 404, 422) } },
  },
  '/api/admin/channels/{edition}/schedule-import': {
    post: {
      summary: 'Fetch and import the channel’s XMLTV URL now (editor+), as the worker would: { outcome: { ok, result | error }, channel }',
      parameters: [edition],
      responses: { 200: ok('{ outcome, channel }'), ...errors(401, 403, 404, 422) },
    },
  },
  '/api/admin/shows': {
    get: { summary: 'Shows, by edition and title (contributor+)', parameters: [{ name: 'edition', in: 'query', schema: { type: 'string' } }], responses: { 200: ok('{ shows: [{ id, edition, slug, title, description, imageId, createdAt, updatedAt }] }'), ...errors(401) } },
    post: { summary: 'Make a show (editor+); its slug defaults to its title’s; 409 when the slug is taken', requestBody: json(show), responses: { 201: ok('{ show }'), ...errors(401, 403, 409, 422) } },
  },
  '/api/admin/shows/{id}': {
    get: { summary: 'One show (contributor+)', parameters: [id], responses: { 200: ok('{ show }'), ...errors(401, 404) } },
    patch: { summary: 'Change a show (editor+)', parameters: [id], requestBody: json(show), responses: { 200: ok('{ show }'), ...errors(401, 403, 404, 409, 422) } },
    delete: { summary: 'Remove a show (editor+); 409 while programmes belong to it', parameters: [id], responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404, 409) } },
  },
  '/api/admin/programmes': {
    get: {
      summary: 'The programmes running at some moment of one day of an edition, in its time zone (?edition=fr&date=YYYY-MM-DD, today by default), or one show’s (?show=<id>) (contributor+)',
      parameters: [
        { name: 'edition', in: 'query', schema: { type: 'string' } },
        { name: 'date', in: 'query', schema: { type: 'string', format: 'date' } },
        { name: 'show', in: 'query', schema: idSchema },
      ],
      responses: { 200: ok('{ programmes: [{ id, edition, showId, show, title, episodeTitle, description, startsAt, endsAt, season, episode, category, videoId, articleIds, source }], from, to, timeZone }'), ...errors(401, 422) },
    },
    post: { summary: 'Add a programme to the schedule (editor+); imports never replace it', requestBody: json(programme), responses: { 201: ok('{ programme }'), ...errors(401, 403, 422) } },
  },
  '/api/admin/programmes/{id}': {
    get: { summary: 'One programme (contributor+)', parameters: [id], responses: { 200: ok('{ programme }'), ...errors(401, 404) } },
    patch: { summary: 'Change a programme (editor+); an imported one becomes the newsroom’s (source: admin), which imports keep', parameters: [id], requestBody: json(programme), responses: { 200: ok('{ programme }'), ...errors(401, 403, 404, 409, 422) } },
    delete: { summary: 'Remove a programme (editor+)', parameters: [id], responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404) } },
  },
};
