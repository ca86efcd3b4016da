import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** The picture limits when the environment does not set them (MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, IMAGE_DECODES). */
export const IMAGE_DEFAULTS = { maxImagePixels: 40_000_000, maxImageSide: 12_000, imageDecodes: 2 } as const;

/** Every setting Dépêche reads from the environment, parsed once at start. */
const EnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  INGEST_DIR: z
    .string()
    .min(1, 'expected a folder path, or unset for DATA_DIR/ingest')
    .refine((p) => !p.includes('\0'), 'expected a folder path without NUL characters')
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected postgres://… or unset for SQLite')
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected postgres://… (a read replica of DATABASE_URL) or unset')
    .optional(),
  REDIS_URL: z
    .string()
    .refine(isRedisUrl, 'expected redis://[:password@]host[:port][/db] or rediss://…, or unset on a single node')
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'expected letters, digits, _ . : or - (at most 64), such as depeche:')
    .default('depeche:'),
  ROLES: z
    .string()
    .default('web,worker')
    .transform((v, ctx) => {
      const r = parseRoles(v);
      if (typeof r === 'string') {
        ctx.addIssue({ code: 'custom', message: r });
        return z.NEVER;
      }
      return r;
    }),
  JOB_LEASE_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds' })
    .int('expected a whole number of seconds')
    .min(1, 'expected at least 1 second')
    .max(3600, 'expected at most 3600 seconds')
    .default(60),
  CONTENT_API_RATE_LIMIT: z.coerce.number({ error: 'expected requests per minute' }).int('expected a whole number').min(0, 'expected 0 (off) or more').default(600),
  ADMIN_API_RATE_LIMIT: z.coerce.number({ error: 'expected requests per minute' }).int('expected a whole number').min(0, 'expected 0 (off) or more').default(600),
  PUBLIC_URL: z.url({ error: 'expected an absolute URL such as https://news.example.org' }).optional(),
  SITE_NAME: z.string().min(1).default('Dépêche'),
  DEFAULT_EDITION: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as fr').default('fr'),
  TIME_ZONE: z.string().default('Europe/Paris').refine(isTimeZone, 'expected an IANA time zone such as Europe/Paris'),
  DEMO_CONTENT: z.enum(['true', 'false'], { error: 'expected true or false' }).default('true'),
  PAGE_CACHE: z.enum(['true', 'false'], { error: 'expected true or false' }).default('true'),
  MAX_IMAGE_BYTES: z.coerce.number({ error: 'expected a number of bytes' }).int('expected a whole number of bytes').positive('expected a number of bytes above 0').default(25 * 1024 * 1024),
  MAX_IMAGE_PIXELS: z.coerce
    .number({ error: 'expected a number of pixels such as 40000000' })
    .int('expected a whole number of pixels')
    .min(1_000_000, 'expected at least 1000000 (one megapixel)')
    .max(268_402_689, 'expected at most 268402689, the most libvips decodes')
    .default(IMAGE_DEFAULTS.maxImagePixels),
  MAX_IMAGE_SIDE: z.coerce
    .number({ error: 'expected a number of pixels such as 12000' })
    .int('expected a whole number of pixels')
    .min(1000, 'expected at least 1000')
    .max(65_535, 'expected at most 65535')
    .default(IMAGE_DEFAULTS.maxImageSide),
  IMAGE_DECODES: z.coerce.number({ error: 'expected a number such as 2' }).int('expected a whole number').min(1, 'expected 1 or more').max(16, 'expected at most 16').default(IMAGE_DEFAULTS.imageDecodes),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_WAIT_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds' })
    .min(0.1, 'expected at least 0.1 seconds')
    .max(120, 'expected at most 120 seconds')
    .default(5),
  INGEST_POLL_SECONDS: z.coerce.number({ error: 'expected a number of seconds' }).int('expected a whole number of seconds').min(0, 'expected 0 (off) or more').default(60),
  CDN_PURGE: z.enum(['none', 'varnish', 'fastly', 'cloudflare'], { error: 'expected none, varnish, fastly or cloudflare' }).default('none'),
  CDN_PURGE_URLS: z.string().optional(),
  CDN_KEY_HEADER: z.enum(['surrogate-key', 'xkey', 'cache-tag'], { error: 'expected surrogate-key, xkey or cache-tag' }).default('surrogate-key'),
  FASTLY_API_TOKEN: z.string().min(1, 'expected a Fastly API token').optional(),
  FASTLY_SERVICE_ID: z.string().regex(/^[A-Za-z0-9]+$/, 'expected a Fastly service id (letters and digits)').optional(),
  CLOUDFLARE_API_TOKEN: z.string().min(1, 'expected a Cloudflare API token').optional(),
  CLOUDFLARE_ZONE_ID: z.string().regex(/^[A-Za-z0-9]+$/, 'expected a Cloudflare zone id (letters and digits)').optional(),
  MEDIA_STORAGE: z.enum(['local', 's3'], { error: 'expected local (DATA_DIR/media) or s3 (an S3-compatible bucket, see S3_BUCKET)' }).default('local'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected a bucket name: 3 to 63 lower-case letters, digits, dots or hyphens')
    .optional(),
  S3_REGION: z.string().regex(/^[a-z0-9-]+$/, 'expected a region name such as eu-west-3 (or auto for R2)').optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'expected the http(s) URL of an S3-compatible server, such as https://s3.fr-par.scw.cloud, or unset for AWS' }).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false'], { error: 'expected true (bucket in the path, for MinIO, Garage…) or false' }).default('false'),
  MEDIA_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected the absolute http(s) URL media are served from, such as https://media.example.org' }).optional(),
  MAX_VIDEO_BYTES: z.coerce
    .number({ error: 'expected a number of bytes' })
    .int('expected a whole number of bytes')
    .positive('expected a number of bytes above 0')
    .default(8 * 1024 ** 3),
  LIVE_MAX_STREAMS: z.coerce.number({ error: 'expected a number of streams such as 20000' }).int('expected a whole number').min(1, 'expected 1 or more').max(1_000_000, 'expected at most 1000000').default(20_000),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'expected mailto:someone@example.org or an https:// URL that push services may use to reach the site, or unset for the public URL')
    .optional(),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const r = parseTrustProxy(v);
      if (typeof r === 'string') {
        ctx.addIssue({ code: 'custom', message: r });
        return z.NEVER;
      }
      return r;
    }),
});

/** A URL ioredis can open: redis:// or rediss://, a host, and a database number if any. */
export function isRedisUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') return false;
  if (!u.hostname) return false;
  const db = u.pathname.replace(/^\//, '');
  return db === '' || /^\d{1,2}$/.test(db);
}

/** ROLES: web, worker, or both (comma-separated). Answers a message when bad. */
export function parseRoles(raw: string): Roles | string {
  const parts = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const expected = 'expected web, worker or web,worker';
  if (!parts.length) return expected;
  for (const p of parts) if (p !== 'web' && p !== 'worker') return `${expected}; "${p}" is neither`;
  return { web: parts.includes('web'), worker: parts.includes('worker') };
}

/** What a process does: serve pages and APIs (web), run the background jobs (worker), or both. */
export interface Roles {
  web: boolean;
  worker: boolean;
}

/** Named ranges the proxy-address matcher knows. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: which peers may tell us the client's address (X-Forwarded-For)
 * and protocol. Unset or `false`: none, the socket's address is the client's.
 * A number: that many proxies in front (hop count). Otherwise a comma-separated
 * list of addresses or CIDR ranges of the proxies. Answers a message when bad.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy | string {
  const v = raw?.trim() ?? '';
  if (v === '' || v === 'false') return false;
  const expected = 'expected false, a number of proxies (1 to 10), or a comma-separated list of proxy addresses or CIDR ranges such as 10.0.0.0/8';
  if (v === 'true') return `${expected}; true would let any client choose the address that is throttled and logged`;
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    if (n === 0) return false;
    return n <= 10 ? n : expected;
  }
  const list = v.split(',').map((s) => s.trim());
  for (const entry of list) {
    if (PROXY_RANGES.has(entry)) continue;
    const [addr, prefix, extra] = entry.split('/');
    const family = isIP(addr ?? '');
    const max = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
    if (!family || !prefixOk || extra !== undefined) return `${expected}; "${entry}" is none of these`;
  }
  return list;
}

export type CdnPurge = 'none' | 'varnish' | 'fastly' | 'cloudflare';

/** The CDN contract (src/cdn/): which purge adapter runs, where it sends, and which header carries the keys. */
export interface CdnConfig {
  purge: CdnPurge;
  /** Varnish base URLs that take xkey purges (CDN_PURGE_URLS). */
  purgeUrls: string[];
  /** The header that carries the surrogate keys besides Surrogate-Key (CDN_KEY_HEADER). */
  keyHeader: 'surrogate-key' | 'xkey' | 'cache-tag';
  fastly: { token: string; serviceId: string; apiUrl: string } | null;
  cloudflare: { token: string; zoneId: string; apiUrl: string } | null;
  /** How often the purge worker looks at the outbox (ms); 0 turns it off. */
  purgeMs: number;
  /** How long a CDN may keep a page (s-maxage, seconds); unset: a day with a purge adapter, a minute without. */
  sharedMaxAge?: number;
}

/**
 * Checks the CDN variables together: an adapter without what it needs is
 * refused here, naming the variable. Answers the config or the problems.
 */
export function parseCdn(e: { CDN_PURGE: CdnPurge; CDN_PURGE_URLS?: string; CDN_KEY_HEADER: CdnConfig['keyHeader']; FASTLY_API_TOKEN?: string; FASTLY_SERVICE_ID?: string; CLOUDFLARE_API_TOKEN?: string; CLOUDFLARE_ZONE_ID?: string }): CdnConfig | string[] {
  const problems: string[] = [];
  const purgeUrls = (e.CDN_PURGE_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  for (const u of purgeUrls) {
    let ok = false;
    try {
      const url = new URL(u);
      ok = (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.search && !url.hash;
    } catch {}
    if (!ok) problems.push(`CDN_PURGE_URLS: "${u}" is not an http(s) base URL such as http://127.0.0.1:6081`);
  }
  const need = (name: string, value: string | undefined) => {
    if (!value) problems.push(`${name}: required when CDN_PURGE=${e.CDN_PURGE}`);
    return value ?? '';
  };
  let fastly: CdnConfig['fastly'] = null;
  let cloudflare: CdnConfig['cloudflare'] = null;
  if (e.CDN_PURGE === 'varnish' && purgeUrls.length === 0) problems.push('CDN_PURGE_URLS: required when CDN_PURGE=varnish (comma-separated Varnish base URLs such as http://127.0.0.1:6081)');
  if (e.CDN_PURGE === 'fastly') fastly = { token: need('FASTLY_API_TOKEN', e.FASTLY_API_TOKEN), serviceId: need('FASTLY_SERVICE_ID', e.FASTLY_SERVICE_ID), apiUrl: 'https://api.fastly.com' };
  if (e.CDN_PURGE === 'cloudflare') cloudflare = { token: need('CLOUDFLARE_API_TOKEN', e.CLOUDFLARE_API_TOKEN), zoneId: need('CLOUDFLARE_ZONE_ID', e.CLOUDFLARE_ZONE_ID), apiUrl: 'https://api.cloudflare.com/client/v4' };
  if (problems.length) return problems;
  return { purge: e.CDN_PURGE, purgeUrls, keyHeader: e.CDN_KEY_HEADER, fastly, cloudflare, purgeMs: 200 };
}

/** Whom to believe about the client's address: nobody, a number of hops, or these proxies. */
export type TrustProxy = false | number | string[];

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  mediaDir: string;
  /** Where ninjs sources without a URL get their drop folders (INGEST_DIR/<source id>/). */
  ingestDir: string;
  /** readUrl: DATABASE_READ_URL, a replica for reader queries (pages, feeds, sitemaps, Content API). */
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string; readUrl?: string };
  /** REDIS_URL: unset on a single node. */
  redisUrl?: string;
  /** Put before every Redis key and channel, so that several sites (or test runs) share one Redis. */
  redisPrefix: string;
  /** ROLES: web serves pages and APIs, worker runs the scheduler, deliveries, wire polling and image variants. */
  roles: Roles;
  /** How long a claimed job stays with its worker before another may take it over (JOB_LEASE_SECONDS, ms). */
  jobLeaseMs: number;
  /** Content API requests a minute per client address (CONTENT_API_RATE_LIMIT); 0: no limit. */
  contentApiRateLimit: number;
  /** Admin API requests a minute per API token (ADMIN_API_RATE_LIMIT); 0: no limit. */
  adminApiRateLimit: number;
  publicUrl: string;
  siteName: string;
  defaultEdition: string;
  timeZone: string;
  demoContent: boolean;
  pageCache: boolean;
  maxImageBytes: number;
  /** Width × height of the largest picture accepted (MAX_IMAGE_PIXELS). */
  maxImagePixels: number;
  /** The longest side of a picture accepted (MAX_IMAGE_SIDE). */
  maxImageSide: number;
  /** Picture decodes that may run at once in one process (IMAGE_DECODES); the rest wait. */
  imageDecodes: number;
  logLevel: string;
  /** How long a statement waits for a database connection or SQLite's write lock before the request answers 503 (ms). */
  databaseWaitMs: number;
  /** How often a node checks whether another process changed content (ms). */
  contentPollMs: number;
  /** How often a web node checks the lives its readers follow for events the bus did not announce (ms); 0 turns it off. */
  livePollMs: number;
  /** The most live event streams one web node holds open (LIVE_MAX_STREAMS); past it, `…/events` answers 503 with Retry-After. */
  liveMaxStreams: number;
  /** Make AVIF variants in the background. */
  backgroundImages: boolean;
  /** How often a node looks for scheduled articles that are due (ms); 0 turns it off. */
  schedulerMs: number;
  /** How often a node looks for webhook deliveries that are due (ms); 0 turns it off. */
  webhooksMs: number;
  /** How often a node polls the wire feeds that are due (ms); 0 turns it off. */
  ingestMs: number;
  /** How often a worker node refreshes SQLite's planner statistics (ms, `PRAGMA optimize`); 0 turns it off. */
  statisticsMs: number;
  /** How often a worker node looks for articles missing from the search index, written before it existed (ms); 0 turns it off. */
  searchBackfillMs: number;
  /** Which proxies' X-Forwarded-For and X-Forwarded-Proto are believed (TRUST_PROXY). */
  trustProxy: TrustProxy;
  cdn: CdnConfig;
  /** Where media files live and where readers fetch them (docs/media-storage.md). */
  media: MediaConfig;
  /** Web push (docs/alerts-and-push.md). */
  push: PushConfig;
  /** The video library (docs/video.md). */
  video: VideoConfig;
  /** How often a worker node looks for XMLTV schedule sources that are due (ms); 0 turns it off. */
  scheduleMs: number;
}

export interface VideoConfig {
  /** The largest upload accepted, by tus or multipart (MAX_VIDEO_BYTES). */
  maxBytes: number;
  /** Where tus keeps uploads in progress on a local media storage (DATA_DIR/uploads). */
  uploadDir: string;
  /** How often a worker node looks for video jobs (ms); 0 turns it off. */
  jobsMs: number;
  /** The programs started, by name on PATH (Debian's ffmpeg package). */
  ffmpeg: string;
  ffprobe: string;
  /** How long ffprobe may look at an upload before it is refused (ms). */
  probeTimeoutMs: number;
  /** The largest frame accepted (width × height) and the longest duration (ms). */
  maxPixels: number;
  maxDurationMs: number;
  /** The niceness ffmpeg runs at (0–19): transcodes yield to web pages sharing the machine. */
  niceness: number;
}

export interface PushConfig {
  /** VAPID_SUBJECT, or the public URL when it is https, else mailto:webmaster@ its host. */
  subject: string;
  /** How often a worker node looks for push jobs (ms); 0 turns it off. */
  intervalMs: number;
  /** Messages in flight at once per worker. */
  concurrency: number;
  /** How long a push service has to answer one message (ms). */
  timeoutMs: number;
  /** Subscriptions read per batch (the job's cursor moves a batch at a time). */
  batch: number;
  /** Accept http:// push endpoints on loopback: tests and the benchmark only. */
  allowLoopback: boolean;
}

/** The bucket S3_BUCKET and friends name; credentials come from the AWS SDK's default chain. */
export interface S3Config {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
}

export interface MediaConfig {
  /** MEDIA_STORAGE: the local folder (mediaDir) or the bucket. */
  storage: 'local' | 's3';
  /** The S3 settings, whenever S3_BUCKET is set (`depeche media migrate` uses them with local storage too). */
  s3?: S3Config;
  /** MEDIA_PUBLIC_URL without its trailing slash: pages link media there rather than to /media/. */
  publicUrl?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parses the environment; reports every bad variable at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // Settings that only make sense together, checked along with the rest so every problem is told at once.
  if (env.MEDIA_STORAGE === 's3' && !env.S3_BUCKET) problems.push('S3_BUCKET: required when MEDIA_STORAGE=s3; name the bucket that holds the media');
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  const cdn = parseCdn(e);
  if (Array.isArray(cdn)) throw new ConfigError(cdn);
  const dataDir = path.resolve(e.DATA_DIR);
  const mediaDir = path.join(dataDir, 'media');
  const ingestDir = e.INGEST_DIR ? path.resolve(e.INGEST_DIR) : path.join(dataDir, 'ingest');
  // Media is served to anyone under /media/: wire copy dropped there would be public before any editor saw it.
  if (ingestDir === mediaDir || ingestDir.startsWith(mediaDir + path.sep)) {
    throw new ConfigError([`INGEST_DIR: must not be inside ${mediaDir}, which is served publicly; leave it unset for DATA_DIR/ingest`]);
  }
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError(['DATABASE_READ_URL: a read replica needs DATABASE_URL (PostgreSQL) for writes; unset it on SQLite']);
  }
  const host = e.HOST;
  const publicUrl = (e.PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    host,
    port: e.PORT,
    dataDir,
    mediaDir,
    ingestDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres' as const, url: e.DATABASE_URL, ...(e.DATABASE_READ_URL ? { readUrl: e.DATABASE_READ_URL } : {}) }
      : { kind: 'sqlite' as const, file: path.join(dataDir, 'depeche.db') },
    publicUrl,
    siteName: e.SITE_NAME,
    defaultEdition: e.DEFAULT_EDITION,
    timeZone: e.TIME_ZONE,
    demoContent: e.DEMO_CONTENT === 'true',
    pageCache: e.PAGE_CACHE === 'true',
    maxImageBytes: e.MAX_IMAGE_BYTES,
    maxImagePixels: e.MAX_IMAGE_PIXELS,
    maxImageSide: e.MAX_IMAGE_SIDE,
    imageDecodes: e.IMAGE_DECODES,
    logLevel: e.LOG_LEVEL,
    databaseWaitMs: Math.round(e.DATABASE_WAIT_SECONDS * 1000),
    contentPollMs: 500,
    livePollMs: 5000,
    liveMaxStreams: e.LIVE_MAX_STREAMS,
    backgroundImages: true,
    schedulerMs: 5000,
    webhooksMs: 2000,
    ingestMs: e.INGEST_POLL_SECONDS * 1000,
    statisticsMs: 4 * 3600_000,
    searchBackfillMs: 60_000,
    trustProxy: e.TRUST_PROXY,
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    redisPrefix: e.REDIS_KEY_PREFIX,
    roles: e.ROLES,
    jobLeaseMs: e.JOB_LEASE_SECONDS * 1000,
    contentApiRateLimit: e.CONTENT_API_RATE_LIMIT,
    adminApiRateLimit: e.ADMIN_API_RATE_LIMIT,
    cdn,
    push: {
      subject: e.VAPID_SUBJECT ?? (publicUrl.startsWith('https://') ? publicUrl : `mailto:webmaster@${new URL(publicUrl).hostname}`),
      intervalMs: 2000,
      concurrency: 64,
      timeoutMs: 10_000,
      batch: 500,
      allowLoopback: false,
    },
    video: {
      maxBytes: e.MAX_VIDEO_BYTES,
      uploadDir: path.join(dataDir, 'uploads'),
      jobsMs: 2000,
      ffmpeg: 'ffmpeg',
      ffprobe: 'ffprobe',
      probeTimeoutMs: 20_000,
      maxPixels: 4096 * 2304,
      maxDurationMs: 6 * 3600_000,
      niceness: 19,
    },
    scheduleMs: 60_000,
    media: {
      storage: e.MEDIA_STORAGE,
      s3: e.S3_BUCKET
        ? { bucket: e.S3_BUCKET, region: e.S3_REGION ?? env.AWS_REGION ?? 'us-east-1', endpoint: e.S3_ENDPOINT?.replace(/\/+$/, ''), forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true' }
        : undefined,
      publicUrl: e.MEDIA_PUBLIC_URL?.replace(/\/+$/, ''),
    },
  });
}
