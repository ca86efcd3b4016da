import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { EMBED_FRAME_ORIGINS } from './content/blocks.ts';
import { contentApiRoutes } from './content/content-api.routes.ts';
import { oembedRoutes } from './distribution/oembed.routes.ts';
import { ensureEdition } from './content/edition.service.ts';
import { syndicationRoutes } from './feeds/syndication.routes.ts';
import { isEmpty, loadDemo } from './demo/load-demo.ts';
import { AvifWorker } from './media/avif.worker.ts';
import { imageCodec, type ImageCodec } from './media/images.ts';
import { localMediaStorage, type MediaStorage } from './media/storage.ts';
import { mediaRoutes } from './media/media.routes.ts';
import { loadAssets } from './site/assets.ts';
import { installErrorHandler, routerErrors } from './site/error-handler.ts';
import { refuseNulAddresses, refuseUnstorableBodies } from './site/storable-input.ts';
import { PageCache } from './site/page-cache.ts';
import { CachedFront } from './site/cached-front.ts';
import { BatchedLogStream } from './log-stream.ts';
import { readerRoutes, securityHeaders } from './site/reader.routes.ts';
import { adminApp } from './site/admin-app.ts';
import { accountsRoutes } from './newsroom/accounts.routes.ts';
import { authPlugin } from './newsroom/auth.plugin.ts';
import { articlesRoutes } from './newsroom/articles.routes.ts';
import { Scheduler } from './newsroom/workflow.service.ts';
import { previewPage } from './site/pages.ts';
import { SiteState } from './site/site-state.ts';
import { migrate, openStore, storeAnswers, type Store } from './store/db.ts';
import { mapStoreError, RETRY_AFTER_SECONDS } from './store/unavailable.ts';
import { Unavailable } from './errors.ts';
import { WebhookWorker } from './webhooks/delivery.worker.ts';
import { ingestRoutes } from './ingest/ingest.routes.ts';
import { redirectsRoutes } from './newsroom/redirects.routes.ts';
import { IngestPoller } from './ingest/poller.ts';
import { webhooksRoutes } from './webhooks/webhooks.routes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface App {
  server: FastifyInstance;
  store: Store;
  media: MediaStorage;
  /** Checks and decodes pictures, at most IMAGE_DECODES at once for the whole process. */
  images: ImageCodec;
  site: SiteState;
  cache: PageCache;
  /** Sends the webhook outbox; tests drive it with runOnce(). */
  webhooks: WebhookWorker;
  /** Polls the wire feeds; tests drive it with runOnce(). */
  ingest: IngestPoller;
  close(): Promise<void>;
}

export interface AppOptions {
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** An already open store (tests share one). */
  store?: Store;
  /** Where the log goes instead of standard output (tests read it). */
  logStream?: { write(line: string): void };
  /** Told of every route as it is registered (the OpenAPI test lists them). */
  onRoute?: (route: { method: string | string[]; url: string }) => void;
}

const CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  `frame-src ${EMBED_FRAME_ORIGINS.join(' ')}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** Trusts the nearest `hops` peers, whoever they are: for a site that only its proxies can reach. */
function trustHops(hops: number) {
  return (_address: string, i: number) => i < hops;
}

/**
 * The composition root: opens the store, prepares it, and wires every part of
 * the site together. Listening is left to the caller.
 */
export async function buildApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const now = opts.now ?? (() => new Date());
  // Kept pages are answered in front of Fastify (site/cached-front.ts), on the server it makes for Fastify.
  const front = new CachedFront();
  // One JSON line per request on standard output, written in batches off the main thread; what waits is written on exit.
  const logStream = new BatchedLogStream(1);
  const flushLog = () => logStream.flushSync();
  process.on('exit', flushLog);
  const server: FastifyInstance = Fastify({
    logger: { level: config.logLevel, stream: opts.logStream ?? logStream },
    serverFactory: front.serverFactory,
    genReqId: front.genReqId,
    // Fastify's two lines per request are replaced by our one (the onResponse hook below).
    logController: new LogController({ disableRequestLogging: true }),
    // X-Forwarded-For names the address that login throttling counts and the logs keep: believed only from
    // the proxies TRUST_PROXY names. A hop count is taken as such (Fastify itself would trust nothing).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    forceCloseConnections: 'idle',
    // Undecodable addresses and overlong segments: answered by our error handler, like every other error.
    frameworkErrors: routerErrors(() => server),
  });
  const log = server.log;
  const store = opts.store ?? openStore(config.database, { waitMs: config.databaseWaitMs, log });
  if (opts.onRoute) server.addHook('onRoute', opts.onRoute);
  const media = localMediaStorage(config.mediaDir);
  // One codec, so one bound on decodes, for uploads, the demo import and the AVIF worker.
  const images = imageCodec(config);

  await migrate(store);
  await ensureEdition(store.db, { code: config.defaultEdition, name: config.siteName, timeZone: config.timeZone, isDefault: true });
  if (config.demoContent && (await isEmpty({ db: store.db }))) {
    const started = Date.now();
    const articles = await loadDemo({ db: store.db, media, images, config, now });
    log.info({ articles: articles.length, ms: Date.now() - started }, 'demo content loaded');
  }

  const assets = loadAssets(path.join(ROOT, 'public'));
  const site = new SiteState(store.db, { assets: assets.urls, siteName: config.siteName, publicUrl: config.publicUrl, log, now });
  const cache = new PageCache(config.pageCache);
  site.onChange(() => cache.clear());
  front.attach(cache, log);
  // Draining: every request goes through Fastify, which answers 503 and closes the connection.
  server.addHook('preClose', (done) => {
    front.close();
    done();
  });
  await site.refresh(true);
  site.watch(config.contentPollMs);

  const avif = new AvifWorker({ db: store.db, media, images, log, now });
  if (config.backgroundImages) await avif.start();

  // One log line per request.
  server.addHook('onResponse', (req, reply, done) => {
    req.log.info({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    done();
  });

  installErrorHandler(server, site);
  refuseNulAddresses(server);
  const articleDeps = { db: store.db, now, config };
  const scheduler = new Scheduler({ ...articleDeps, log }, config.schedulerMs);
  const webhooks = new WebhookWorker({ db: store.db, now, log });
  const ingest = new IngestPoller({ db: store.db, now, log, ingestDir: config.ingestDir });
  // The Admin API in its own plugin scope: its auth and CSRF hooks never run for reader pages.
  await server.register(async (admin) => {
    const authDeps = { db: store.db, now };
    await authPlugin(admin, authDeps);
    refuseUnstorableBodies(admin);
    accountsRoutes(admin, { ...authDeps, publicUrl: config.publicUrl });
    articlesRoutes(admin, {
      ...articleDeps,
      previewHeaders: securityHeaders(CSP),
      preview: async (id) => {
        // The catalog may not know a section created a moment ago.
        await site.refresh();
        return previewPage({ db: store.db, now }, (code) => site.context(code), id);
      },
    });
    await mediaRoutes(admin, { db: store.db, media, images, now });
    webhooksRoutes(admin, { db: store.db, now });
    ingestRoutes(admin, articleDeps);
    redirectsRoutes(admin, { db: store.db, now });
  });
  adminApp(server, { root: path.join(ROOT, 'dist', 'admin') });
  contentApiRoutes(server, { db: store.db, now, publicUrl: config.publicUrl });
  syndicationRoutes(server, { db: store.db, now, site, cache, publicUrl: config.publicUrl });
  oembedRoutes(server, { db: store.db, now, site });
  server.get('/healthz', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await storeAnswers(store, config.databaseWaitMs);
    } catch (err) {
      const e = mapStoreError(err);
      if (!(e instanceof Unavailable)) req.log.error({ err }, 'health check failed');
      return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ ok: false, code: 'unavailable', message: 'the database does not answer' });
    }
    return reply.send({ ok: true, contentVersion: site.version });
  });
  await server.register(fastifyStatic, {
    root: config.mediaDir,
    prefix: '/media/',
    immutable: true,
    maxAge: '365d',
    index: false,
    allowedPath: (p) => !p.split('/').some((part) => part.startsWith('.')),
    wildcard: true,
  });
  readerRoutes(server, { db: store.db, now, site, cache, assets: assets.files, csp: CSP });

  let closed = false;
  if (config.schedulerMs > 0) scheduler.start();
  if (config.webhooksMs > 0) webhooks.start(config.webhooksMs);
  if (config.ingestMs > 0) ingest.start(config.ingestMs);
  server.addHook('onClose', async () => {
    scheduler.stop();
    await webhooks.stop();
    await ingest.stop();
    site.stop();
    await avif.stop();
    if (!opts.store) await store.close();
    process.off('exit', flushLog);
    logStream.flushSync();
  });
  return {
    server,
    store,
    media,
    images,
    site,
    cache,
    webhooks,
    ingest,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
    },
  };
}
