import { json, errors, edition } from '../newsroom/openapi-parts.ts';
/** The edition identity's part of the Admin API description (src/newsroom/openapi.ts spreads it in). */

const identity = {
  description: '{ identity: { edition, name, logo: { url, mime, width, height } | null, icons: { "32", "180", "192", "512", "ico": url } | null, colours, defaultColours, social, socialNetworks, socialImageId, socialImage } }',
  ...json({ type: 'object' }),
};
const colour = { type: ['string', 'null'], pattern: '^#[0-9a-fA-F]{6}$' };
const file = (field: string, what: string) => ({
  content: { 'multipart/form-data': { schema: { type: 'object', required: [field], properties: { [field]: { type: 'string', format: 'binary', description: what } } } } },
});

export const identityOpenApiPaths = {
  '/api/admin/editions/{edition}/identity': {
    get: { summary: 'The edition’s identity: logo, icons, brand colours, social accounts, default social picture (admin)', parameters: [edition], responses: { 200: identity, ...errors(401, 403, 404) } },
    patch: {
      summary:
        'Change the brand colours, social accounts or default social picture (admin). A field given replaces its value, null clears it. Colours are #rrggbb and must keep WCAG AA contrast (4.5:1) for ink, link and accent on paper, accentInk on accent, headerInk on header; a refusal names the colour and the measured ratio',
      parameters: [edition],
      requestBody: json({
        type: 'object',
        properties: {
          colours: { type: ['object', 'null'], properties: { ink: colour, paper: colour, link: colour, accent: colour, accentInk: colour, header: colour, headerInk: colour } },
          social: { type: ['array', 'null'], maxItems: 12, items: { type: 'object', required: ['network', 'url'], properties: { network: { type: 'string' }, url: { type: 'string', description: 'https only' } } } },
          socialImageId: { type: ['integer', 'null'], minimum: 1, description: 'A picture of the library: link previews of pages without their own picture show it' },
        },
      }),
      responses: { 200: identity, ...errors(401, 403, 404, 422) },
    },
  },
  '/api/admin/editions/{edition}/identity/logo': {
    put: {
      summary: 'Upload the logo (admin): an SVG (cleaned; one with scripts, event handlers, foreignObject or references to other files is refused) or a PNG, in the multipart field logo',
      parameters: [edition],
      requestBody: file('logo', 'SVG or PNG'),
      responses: { 200: identity, ...errors(401, 403, 404, 413, 422) },
    },
    delete: { summary: 'Remove the logo: the header shows the edition’s name (admin)', parameters: [edition], responses: { 200: identity, ...errors(401, 403, 404) } },
  },
  '/api/admin/editions/{edition}/identity/icon': {
    put: {
      summary: 'Upload the one picture the favicon (.ico and 32 px PNG) and touch icons (180, 192, 512 px) are made from (admin): PNG, JPEG or WebP of at least 512 × 512, or an SVG, in the multipart field icon',
      parameters: [edition],
      requestBody: file('icon', 'PNG, JPEG, WebP or SVG'),
      responses: { 200: identity, ...errors(401, 403, 404, 413, 422) },
    },
    delete: { summary: 'Remove the icons: pages show the theme’s (admin)', parameters: [edition], responses: { 200: identity, ...errors(401, 403, 404) } },
  },
};
