import type { FastifyInstance } from 'fastify';
import type { CdnContract } from '../cdn/contract.ts';
import { key, SITE_KEY } from '../cdn/keys.ts';
import type { MediaStorage } from '../media/storage.ts';
import type { SiteState } from '../site/site-state.ts';
import { BRAND_CSS_PREFIX, brandCss } from './brand-css.ts';
import { webManifest } from './manifest.ts';
import type { ThemeAssets } from './theme-assets.ts';

export interface IdentityReaderDeps {
  site: SiteState;
  cdn: CdnContract;
  media: MediaStorage;
  theme: ThemeAssets;
}

/**
 * What browsers fetch of an edition's identity: its brand stylesheet
 * (/brand/fr.<hash>.css), its web app manifest (/fr/manifest.webmanifest), and
 * /favicon.ico, the default edition's (or the theme's).
 */
export function identityReaderRoutes(app: FastifyInstance, deps: IdentityReaderDeps): void {
  const { site, cdn } = deps;

  app.get<{ Params: { file: string } }>(`${BRAND_CSS_PREFIX}:file`, async (req, reply) => {
    const m = /^(.+)\.([0-9a-f]{12})\.css$/.exec(req.params.file);
    const ctx = m ? site.context(m[1]) : undefined;
    const brand = ctx && brandCss(ctx);
    if (!m || !ctx || !brand) return reply.callNotFound();
    // The address names its content: kept for good. An older address (a page cached before a change) is
    // answered with today's colours, kept briefly, rather than leaving that page unstyled.
    const current = brand.href.endsWith(`.${m[2]}.css`);
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', current ? 'public, max-age=31536000, immutable' : cdn.cacheControl.page)
      .headers(cdn.headers({ own: [SITE_KEY, key.edition(ctx.edition.code)] }));
    return reply.send(brand.css);
  });

  app.get<{ Params: { edition: string } }>('/:edition/manifest.webmanifest', async (req, reply) => {
    const ctx = site.context(req.params.edition);
    if (!ctx) return reply.callNotFound();
    reply
      .type('application/manifest+json; charset=utf-8')
      .header('cache-control', cdn.cacheControl.feed)
      .headers(cdn.headers({ own: [SITE_KEY, key.edition(ctx.edition.code)] }));
    return reply.send(JSON.stringify(webManifest(ctx)));
  });

  // Browsers ask for /favicon.ico whatever the page says: the default edition's icon, else the theme's.
  let kept: { key: string; body: Buffer } | undefined;
  app.get('/favicon.ico', async (_req, reply) => {
    const ctx = site.defaultContext();
    const k = ctx?.identity.icons?.ico;
    let body = deps.theme.favicon;
    if (k) {
      if (kept?.key !== k) kept = { key: k, body: await deps.media.read(k) };
      body = kept.body;
    }
    reply
      .type('image/x-icon')
      .header('cache-control', cdn.cacheControl.sitemap)
      .headers(cdn.headers({ own: [SITE_KEY] }));
    return reply.send(body);
  });
}
