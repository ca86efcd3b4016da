import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { EMBED_FRAME_ORIGINS } from './content/blocks.ts';
import { contentApiRoutes } from './content/content-api.routes.ts';
import { alertsApiRoutes, alertsFeedRoutes } from './alerts/alerts.reader-routes.ts';
import { alertsRoutes } from './alerts/alerts.routes.ts';
import { pushApiRoutes, serviceWorkerRoute } from './push/push.routes.ts';
import { PushWorker } from './push/push.worker.ts';
import { vapidSource } from './push/vapid.ts';
import { oembedRoutes } from './distribution/oembed.routes.ts';
import { ensureEdition } from './content/edition.service.ts';
import { syndicationRoutes } from './feeds/syndication.routes.ts';
import { isEmpty, loadDemo } from './demo/load-demo.ts';
import { AvifWorker } from './media/avif.worker.ts';
import { imageCodec, type ImageCodec } from './media/images.ts';
import type { MediaStorage } from './media/storage.ts';
import { mediaOrigin, openMediaStorage } from './media/open-storage.ts';
import { S3MediaStorage } from './media/s3-storage.ts';
import { bucketMediaRoutes } from './media/bucket.routes.ts';
import { withWriteLedger } from './media/media-ledger.ts';
import { MediaSweep } from './media/media-sweep.ts';
import { mediaRoutes } from './media/media.routes.ts';
import { subtitlesRoutes } from './video/subtitles.routes.ts';
import type { ThemeSlots } from './render/slots.ts';
import { loadAssets } from './site/assets.ts';
import { installErrorHandler, routerErrors } from './site/error-handler.ts';
import { findSlugAlias } from './structure/slug-aliases.ts';
import { structureRoutes } from './structure/structure.routes.ts';
import { structureReaderRoutes } from './structure/structure.reader-routes.ts';
import { refuseNulAddresses, refuseUnstorableBodies } from './site/storable-input.ts';
import { PageCache } from './site/page-cache.ts';
import { CachedFront } from './site/cached-front.ts';
import { BatchedLogStream } from './log-stream.ts';
import { readerRoutes, securityHeaders } from './site/reader.routes.ts';
import { adminApp } from './site/admin-app.ts';
import { accountsRoutes } from './newsroom/accounts.routes.ts';
import { authPlugin } from './newsroom/auth.plugin.ts';
import { articlesRoutes } from './newsroom/articles.routes.ts';
import { entriesRoutes } from './live/entries.routes.ts';
import { Scheduler } from './newsroom/workflow.service.ts';
import { previewPage } from './site/pages.ts';
import { SiteState } from './site/site-state.ts';
import { repeat } from './jobs/repeat.ts';
import { createSearchEngine } from './search/sql-engine.ts';
import { searchApiRoutes, searchPageRoutes } from './search/search.routes.ts';
import { backfillPass } from './search/rebuild.ts';
import type { SearchEngine } from './search/search.types.ts';
import { migrate, openStore, sqliteStatistics, storeAnswers, type Store } from './store/db.ts';
import { mapStoreError, RETRY_AFTER_SECONDS } from './store/unavailable.ts';
import { Unavailable } from './errors.ts';
import { WebhookWorker } from './webhooks/delivery.worker.ts';
import { ingestRoutes } from './ingest/ingest.routes.ts';
import { redirectsRoutes } from './newsroom/redirects.routes.ts';
import { peopleRoutes } from './people/people.routes.ts';
import { topicsRoutes } from './topics/topics.routes.ts';
import { IngestPoller } from './ingest/poller.ts';
import { cdnContract } from './cdn/contract.ts';
import { purgeAdapter } from './cdn/purge-adapters.ts';
import { PurgeWorker } from './cdn/purge.worker.ts';
import { webhooksRoutes } from './webhooks/webhooks.routes.ts';
import { memoryBus, type Bus } from './bus/bus.ts';
import { announceContentChange, CONTENT_TOPIC } from './bus/content-changes.ts';
import { fallbackCounters, memoryCounters, type Counters } from './bus/counters.ts';
import { databaseCounters } from './bus/database-counters.ts';
import { RedisLink } from './bus/redis-link.ts';
import { redisBus } from './bus/redis-bus.ts';
import { redisCounters } from './bus/redis-counters.ts';
import { byAddress, byBearerToken, rateLimit } from './site/rate-limit.ts';
import { cachedResponder } from './feeds/cached-response.ts';
import { LiveHub } from './live/live-hub.ts';
import { liveFeedHandler, liveRoutes } from './live/live.routes.ts';
import { videoReaderRoutes } from './video/video.reader-routes.ts';
import { tvRoutes } from './tv/tv.routes.ts';
import { editionsRoutes } from './content/editions.routes.ts';
import { tvReaderRoutes } from './tv/tv.reader-routes.ts';
import { SchedulePoller } from './tv/schedule.poller.ts';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import { VideoWorker } from './video/video.worker.ts';
import { videoRoutes } from './video/video.routes.ts';
import { identityRoutes } from './identity/identity.routes.ts';
import { identityReaderRoutes } from './identity/identity.reader-routes.ts';
import { loadTheme } from './identity/theme-assets.ts';

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
  /** The change bus: in the process on one node, Redis pub/sub across nodes (REDIS_URL). */
  bus: Bus;
  /** Rate-limit counters: Redis when configured and up, else this process's. */
  counters: Counters;
  /** Sends the CDN purge outbox; tests drive it with runOnce(). */
  purges: PurgeWorker;
  /** Sends queued web push jobs; tests drive it with runOnce(). */
  push: PushWorker;
  /** Article and name search: the SQL engine of the store's dialect (src/search/). */
  search: SearchEngine;
  /** The event streams of this node's live readers. */
  liveHub: LiveHub;
  /** Imports the channels' polled XMLTV schedules; tests drive it with runOnce(). */
  schedule: SchedulePoller;
  /** Transcodes uploaded videos; tests drive it with runOnce(). */
  videos: VideoWorker;
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
  /** A theme's template slots for the reader's pages (src/render/slots.ts, docs/design.md). */
  slots?: ThemeSlots;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The reader pages' policy; a media host (MEDIA_PUBLIC_URL) is allowed for pictures. */
const csp = (mediaHost?: string) => [
  "default-src 'self'",
  `img-src 'self' data:${mediaHost ? ` ${mediaHost}` : ''}`,
  // The video player (docs/video-player.md): media from the site or the media host, hls.js's fetches of
  // playlists and segments, and the blob: URLs of its MediaSource and of its worker.
  `media-src 'self' blob:${mediaHost ? ` ${mediaHost}` : ''}`,
  `connect-src 'self'${mediaHost ? ` ${mediaHost}` : ''}`,
  "worker-src 'self' blob:",
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
  // Every file written is noted until a committed row names it: the sweep finds what a failure left behind.
  const storage = openMediaStorage(config);
  const media = withWriteLedger(storage, { db: store.db, now });
  const CSP = csp(mediaOrigin(config.media.publicUrl));
  // Redis, when several nodes share it: the change bus, and counters that every node sees.
  // Through an outage each falls back to what one node has (the database poll, its own counters).
  const link = config.redisUrl ? new RedisLink(config.redisUrl, config.redisPrefix, log) : undefined;
  const bus = link ? redisBus(link, log) : memoryBus(log);
  const counters = link ? fallbackCounters(redisCounters(link), memoryCounters(), () => link.ready) : memoryCounters();
  const loginCounters = link ? fallbackCounters(redisCounters(link), databaseCounters(store.db), () => link.ready) : databaseCounters(store.db);
  const contentChanged = () => announceContentChange(bus);
  // One codec, so one bound on decodes, for uploads, the demo import and the AVIF worker.
  const images = imageCodec(config);

  await migrate(store);
  // The engine of the store's own database; an external one would be chosen here (docs/search.md).
  const search = createSearchEngine(store.dialect);
  await ensureEdition(store.db, { code: config.defaultEdition, name: config.siteName, timeZone: config.timeZone, isDefault: true });
  // Only web nodes load the demo: a worker starting beside them would load it a second time.
  if (config.roles.web && config.demoContent && (await isEmpty({ db: store.db }))) {
    const started = Date.now();
    const demo = await loadDemo({ db: store.db, media, images, config, now });
    log.info({ articles: demo.articles.length, programmes: demo.programmes, video: demo.video?.id, ms: Date.now() - started }, 'demo content loaded');
    if (demo.noVideo) log.info({ reason: demo.noVideo }, `no demo video: ${demo.noVideo}`);
  }

  const assets = loadAssets(path.join(ROOT, 'public'));
  const theme = await loadTheme(path.join(ROOT, 'public'), assets);
  const site = new SiteState(store.db, { assets: assets.urls, siteName: config.siteName, publicUrl: config.publicUrl, mediaUrl: config.media.publicUrl, log, now, slots: opts.slots });
  const cache = new PageCache(config.pageCache);
  // Each change drops the pages that show what it changed (and every 404, 410 and redirect: MISS_KEY is
  // among its keys); a change to the whole site, or one whose keys are not known, empties the cache.
  site.onChange((changed) => (changed ? cache.purge(changed) : cache.clear()));
  front.attach(cache, log, () => site.hasOwnHosts());
  // Live readers' event streams on this node; fed by the bus (and a slow poll of live_events).
  const liveHub = new LiveHub({ db: store.db, bus, context: (code) => site.context(code), log, now }, { pollMs: config.livePollMs, maxStreams: config.liveMaxStreams });
  // Draining: every request goes through Fastify, which answers 503 and closes the connection.
  // Open event streams end here, or server.close() would wait for them.
  server.addHook('preClose', (done) => {
    front.close();
    liveHub.close();
    done();
  });
  await site.refresh(true);
  let unfollow = () => {};
  if (config.roles.web) {
    site.watch(config.contentPollMs);
    unfollow = bus.subscribe(CONTENT_TOPIC, () => site.refreshSoon());
    liveHub.start();
  }

  const avif = new AvifWorker({ db: store.db, media, images, log, now, onChange: contentChanged }, 2000, config.jobLeaseMs);
  const worker = config.roles.worker;
  const sweep = new MediaSweep({ db: store.db, media, log, now });
  if (worker && config.backgroundImages) {
    await avif.start();
    sweep.start();
  }
  // tus keeps uploads in progress beside the media: a folder of this node, or the media bucket (any node resumes).
  const s3 = config.media.s3;
  // An upload left unfinished for a week is dropped (by the web nodes, which hold the local folder).
  const TUS_EXPIRY_MS = 7 * 24 * 3600_000;
  const tusS3 = storage instanceof S3MediaStorage && s3 ? new S3Store({ s3ClientConfig: { bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, forcePathStyle: s3.forcePathStyle }, expirationPeriodInMilliseconds: TUS_EXPIRY_MS }) : undefined;
  const tusStore = tusS3 ?? new FileStore({ directory: config.video.uploadDir, expirationPeriodInMilliseconds: TUS_EXPIRY_MS });
  const tusSweep = config.roles.web ? repeat(() => tusStore.deleteExpired(), 3600_000, (err) => log.warn({ err }, 'could not drop expired video uploads'), 60_000) : undefined;
  const videos = new VideoWorker(
    {
      db: store.db,
      media,
      images,
      log,
      now,
      video: config.video,
      workDir: path.join(config.dataDir, 'video-work'),
      // On a local storage ffmpeg reads the source where it lies, however large.
      localPath: storage.kind === 'local' ? (key) => path.join(config.mediaDir, key) : undefined,
      publicUrl: config.publicUrl,
      mediaUrl: config.media.publicUrl,
      tusSource: tusS3 ? { stream: (key) => tusS3.read(key), remove: (key) => tusS3.remove(key) } : undefined,
      onChange: contentChanged,
    },
    { idleMs: config.video.jobsMs || 2000, leaseMs: config.jobLeaseMs },
  );
  if (worker && config.video.jobsMs > 0) videos.start();
  const roleNames = (['web', 'worker'] as const).filter((r) => config.roles[r]);
  log.info({ roles: roleNames, redis: Boolean(link), readReplica: store.read !== store.db }, 'node roles');

  // One log line per request.
  server.addHook('onResponse', (req, reply, done) => {
    req.log.info({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    done();
  });

  const cdn = cdnContract({ purging: config.cdn.purge !== 'none', keyHeader: config.cdn.keyHeader, sharedMaxAge: config.cdn.sharedMaxAge });
  installErrorHandler(server, site, cdn, (url) => findSlugAlias(store.read, url));
  refuseNulAddresses(server);
  const articleDeps = { db: store.db, now, config };
  const scheduler = new Scheduler({ ...articleDeps, log, onChange: contentChanged }, config.schedulerMs);
  const webhooks = new WebhookWorker({ db: store.db, now, log }, { leaseMs: config.jobLeaseMs });
  const ingest = new IngestPoller({ db: store.db, now, log, ingestDir: config.ingestDir });
  // The second round of each purge comes once every node has seen the change and dropped the changed pages from its page cache.
  const purges = new PurgeWorker({ db: store.db, now, log, adapter: purgeAdapter(config.cdn) }, { echoMs: config.contentPollMs + 100 });
  // The VAPID key pair, generated by the first node that needs it and shared by all (site_secrets).
  const vapid = vapidSource(store.db, config.push.subject, now);
  // One worker polls each channel's XMLTV URL (a lease on channels.schedule_locked_until).
  const schedule = new SchedulePoller({ db: store.db, now, log }, { leaseMs: Math.max(config.jobLeaseMs, 60_000) });
  const push = new PushWorker({ db: store.db, now, log, vapid }, { leaseMs: config.jobLeaseMs, concurrency: config.push.concurrency, timeoutMs: config.push.timeoutMs, batch: config.push.batch });
  if (config.roles.web) await webRoutes();
  server.get('/healthz', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await storeAnswers(store, config.databaseWaitMs);
    } catch (err) {
      const e = mapStoreError(err);
      if (!(e instanceof Unavailable)) req.log.error({ err }, 'health check failed');
      return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ ok: false, code: 'unavailable', message: 'the database does not answer' });
    }
    // A worker follows no content changes: the version it would report is the one it started with.
    return reply.send(config.roles.web ? { ok: true, roles: roleNames, contentVersion: site.version } : { ok: true, roles: roleNames });
  });
  /** Pages and APIs: a worker-only node serves none of them, only /healthz. */
  async function webRoutes() {
    // The Admin API in its own plugin scope: its auth and CSRF hooks never run for reader pages.
    await server.register(async (admin) => {
      const authDeps = { db: store.db, now, counters: loginCounters };
      rateLimit(admin, counters, { limit: config.adminApiRateLimit, windowMs: 60_000, key: byBearerToken('admin'), now });
      await authPlugin(admin, authDeps);
      // Every successful write of the Admin API has committed by the time its answer is sent: every node hears of it.
      admin.addHook('onResponse', (req, reply, done) => {
        if (UNSAFE_METHODS.has(req.method) && reply.statusCode < 400) contentChanged();
        done();
      });
      refuseUnstorableBodies(admin);
      accountsRoutes(admin, { ...authDeps, publicUrl: config.publicUrl });
      articlesRoutes(admin, {
        ...articleDeps,
        search,
        previewHeaders: securityHeaders(CSP),
        preview: async (id) => {
          // The catalog may not know a section created a moment ago.
          await site.refresh();
          return previewPage({ db: store.db, now }, (code) => site.context(code), id);
        },
      });
      await mediaRoutes(admin, { db: store.db, media, images, now });
      await subtitlesRoutes(admin, { db: store.db, media, now, publicUrl: config.publicUrl, mediaUrl: config.media.publicUrl });
      await videoRoutes(admin, {
        db: store.db,
        media,
        now,
        publicUrl: config.publicUrl,
        mediaUrl: config.media.publicUrl,
        defaultEdition: config.defaultEdition,
        maxBytes: config.video.maxBytes,
        uploadDir: config.video.uploadDir,
        probe: { ffprobe: config.video.ffprobe, timeoutMs: config.video.probeTimeoutMs, maxPixels: config.video.maxPixels, maxDurationMs: config.video.maxDurationMs },
        tus: { store: tusStore, local: !tusS3 },
        respectForwardedHeaders: config.trustProxy !== false,
      });
      webhooksRoutes(admin, { db: store.db, now });
      ingestRoutes(admin, articleDeps);
      // Entries tell every node's live pages through the bus, after their commit.
      entriesRoutes(admin, { ...articleDeps, bus });
      redirectsRoutes(admin, { db: store.db, now });
      structureRoutes(admin, { db: store.db, now });
      peopleRoutes(admin, { db: store.db, now, mediaUrl: config.media.publicUrl });
      topicsRoutes(admin, { db: store.db, now });
      alertsRoutes(admin, { db: store.db, now, publicUrl: config.publicUrl });
      tvRoutes(admin, { db: store.db, now, log });
      editionsRoutes(admin, { db: store.db, now });
      await identityRoutes(admin, { db: store.db, media, images, now, mediaUrl: config.media.publicUrl });
    });
    adminApp(server, { root: path.join(ROOT, 'dist', 'admin') });
    // Reader queries go to the read replica when there is one (DATABASE_READ_URL).
    const alertDeps = { db: store.read, now, site, cache, cdn };
    const searchDeps = { db: store.read, search, now, site, cdn, csp: CSP, publicUrl: config.publicUrl, mediaUrl: config.media.publicUrl };
    await server.register(async (api) => {
      rateLimit(api, counters, { limit: config.contentApiRateLimit, windowMs: 60_000, key: byAddress('content'), now, headers: { 'access-control-allow-origin': '*' } });
      contentApiRoutes(api, { db: store.read, now, publicUrl: config.publicUrl, mediaUrl: config.media.publicUrl, cdn });
      searchApiRoutes(api, searchDeps);
      pushApiRoutes(api, { db: store.db, now, allowLoopback: config.push.allowLoopback, vapid });
    });
    serviceWorkerRoute(server, path.join(ROOT, 'public', 'sw.js'));
    // Outside the Content API's rate limit: every open page asks every 3 s, and many readers may share one
    // address (an office, a mobile carrier's NAT); the answer comes from memory and is kept 2 s by a CDN.
    alertsApiRoutes(server, alertDeps);
    alertsFeedRoutes(server, alertDeps);
    const liveDeps = { db: store.read, now, site, serveFeed: cachedResponder({ site, cache, cdn }) };
    syndicationRoutes(server, { db: store.read, now, site, cache, cdn, publicUrl: config.publicUrl, mediaUrl: config.media.publicUrl, articleFeed: liveFeedHandler(liveDeps) });
    oembedRoutes(server, { db: store.read, now, site, cdn });
    if (storage instanceof S3MediaStorage) bucketMediaRoutes(server, storage);
    else {
      await server.register(fastifyStatic, {
        root: config.mediaDir,
        prefix: '/media/',
        immutable: true,
        maxAge: '365d',
        index: false,
        allowedPath: (p) => !p.split('/').some((part) => part.startsWith('.')),
        wildcard: true,
      });
    }
    // Before the reader routes: /fr/recherche is the search page, not a section.
    searchPageRoutes(server, searchDeps);
    identityReaderRoutes(server, { site, cdn, media, theme });
    const reader = readerRoutes(server, { db: store.read, now, site, cache, cdn, assets: assets.files, csp: CSP });
    liveRoutes(server, { ...liveDeps, hub: liveHub, serve: reader.serve });
    videoReaderRoutes(server, { db: store.read, now, site, serve: reader.serve, csp: CSP });
    structureReaderRoutes(server, { db: store.read, now, site, serve: reader.serve });
    tvReaderRoutes(server, { db: store.read, now, site, cdn, csp: CSP, serve: reader.serve });
  }

  let closed = false;
  if (worker && config.schedulerMs > 0) scheduler.start();
  if (worker && config.webhooksMs > 0) webhooks.start(config.webhooksMs);
  if (worker && config.ingestMs > 0) ingest.start(config.ingestMs);
  if (worker && config.push.intervalMs > 0) push.start(config.push.intervalMs);
  if (worker && config.scheduleMs > 0) schedule.start(config.scheduleMs);
  // Without a CDN to purge, the outbox is only emptied, now and then.
  if (worker && config.cdn.purgeMs > 0) purges.start(config.cdn.purge === 'none' ? Math.max(config.cdn.purgeMs, 5000) : config.cdn.purgeMs);
  // Articles written before the search index existed (or before its analysis changed) are indexed in the background, a batch per pass.
  const searchBackfill = worker && config.searchBackfillMs > 0 ? repeat(() => backfillPass(store.db), config.searchBackfillMs, (err) => log.error({ err }, 'search backfill pass failed')) : undefined;
  // SQLite's planner statistics, refreshed while the archive grows (bounded per index, see sqliteStatistics);
  // not only when the process closes, which a long-running node may never do. PostgreSQL's autovacuum does it itself.
  const statistics = worker && store.dialect === 'sqlite' && config.statisticsMs > 0 ? repeat(() => sqliteStatistics(store.db), config.statisticsMs, (err) => log.error({ err }, 'SQLite statistics pass failed')) : undefined;
  server.addHook('onClose', async () => {
    statistics?.stop();
    await searchBackfill?.stop();
    scheduler.stop();
    await webhooks.stop();
    await ingest.stop();
    await purges.stop();
    await push.stop();
    await schedule.stop();
    site.stop();
    unfollow();
    liveHub.close();
    await avif.stop();
    await videos.stop();
    await tusSweep?.stop();
    await bus.close();
    await link?.close();
    await sweep.stop();
    if (storage instanceof S3MediaStorage) storage.client.destroy();
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
    bus,
    counters,
    purges,
    push,
    search,
    liveHub,
    schedule,
    videos,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
    },
  };
}
