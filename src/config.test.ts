import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to SQLite under ./data on 127.0.0.1:3000', () => {
    const c = loadConfig({});
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(3000);
    expect(c.database.kind).toBe('sqlite');
    expect(c.database.kind === 'sqlite' && c.database.file.endsWith('data/depeche.db')).toBe(true);
    expect(c.publicUrl).toBe('http://127.0.0.1:3000');
    expect(c.demoContent).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });
  it('caps a node’s live event streams at LIVE_MAX_STREAMS, 20000 unless set', () => {
    expect(loadConfig({}).liveMaxStreams).toBe(20_000);
    expect(loadConfig({ LIVE_MAX_STREAMS: '500' }).liveMaxStreams).toBe(500);
    for (const bad of ['0', '-3', '1.5', 'many']) expect(() => loadConfig({ LIVE_MAX_STREAMS: bad }), bad).toThrow(/LIVE_MAX_STREAMS: expected/);
  });
  it('uses PostgreSQL when DATABASE_URL says so', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });
  it('reads REDIS_URL, and stops naming it when it is not a redis:// or rediss:// URL', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://:secret@cache.internal:6380/2' }).redisUrl).toBe('redis://:secret@cache.internal:6380/2');
    expect(loadConfig({ REDIS_URL: 'rediss://cache.internal' }).redisUrl).toBe('rediss://cache.internal');
    for (const bad of ['http://cache.internal', 'cache.internal:6379', 'redis://', 'redis://h/notanumber', '']) {
      expect(() => loadConfig({ REDIS_URL: bad }), bad).toThrow(/REDIS_URL: expected redis:\/\//);
    }
    expect(() => loadConfig({ REDIS_KEY_PREFIX: 'a b' })).toThrow(/REDIS_KEY_PREFIX/);
  });
  it('runs both roles unless ROLES names web or worker alone', () => {
    expect(loadConfig({}).roles).toEqual({ web: true, worker: true });
    expect(loadConfig({ ROLES: 'worker' }).roles).toEqual({ web: false, worker: true });
    expect(loadConfig({ ROLES: ' web ' }).roles).toEqual({ web: true, worker: false });
    expect(loadConfig({ ROLES: 'worker,web' }).roles).toEqual({ web: true, worker: true });
    expect(() => loadConfig({ ROLES: 'web,cron' })).toThrow(/ROLES: expected web, worker or web,worker; "cron" is neither/);
    expect(() => loadConfig({ ROLES: ',' })).toThrow(/ROLES: expected/);
  });
  it('takes DATABASE_READ_URL as a replica of DATABASE_URL, never alone', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@primary/db', DATABASE_READ_URL: 'postgres://u@replica/db' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@primary/db',
      readUrl: 'postgres://u@replica/db',
    });
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://u@replica/db' })).toThrow(/DATABASE_READ_URL: a read replica needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db', DATABASE_READ_URL: 'mysql://x' })).toThrow(/DATABASE_READ_URL: expected postgres/);
  });
  it('reads the job lease and the API rate limits, 0 turning a limit off', () => {
    const c = loadConfig({ JOB_LEASE_SECONDS: '30', CONTENT_API_RATE_LIMIT: '0', ADMIN_API_RATE_LIMIT: '120' });
    expect([c.jobLeaseMs, c.contentApiRateLimit, c.adminApiRateLimit]).toEqual([30_000, 0, 120]);
    expect(loadConfig({}).contentApiRateLimit).toBe(600);
    expect(() => loadConfig({ JOB_LEASE_SECONDS: '0' })).toThrow(/JOB_LEASE_SECONDS: expected at least 1 second/);
  });
  it('puts drop folders in DATA_DIR/ingest unless INGEST_DIR names another folder', () => {
    expect(loadConfig({ DATA_DIR: '/srv/depeche' }).ingestDir).toBe('/srv/depeche/ingest');
    expect(loadConfig({ DATA_DIR: '/srv/depeche', INGEST_DIR: '/var/spool/wire' }).ingestDir).toBe('/var/spool/wire');
    expect(loadConfig({ INGEST_DIR: 'wire' }).ingestDir).toBe(path.resolve('wire'));
  });
  it('refuses an empty INGEST_DIR, and one inside the publicly served media folder', () => {
    expect(() => loadConfig({ INGEST_DIR: '' })).toThrow(/INGEST_DIR: expected a folder path/);
    expect(() => loadConfig({ DATA_DIR: '/srv/d', INGEST_DIR: '/srv/d/media/wire' })).toThrow(/INGEST_DIR: must not be inside \/srv\/d\/media/);
    expect(() => loadConfig({ DATA_DIR: '/srv/d', INGEST_DIR: '/srv/d/media' })).toThrow(ConfigError);
    expect(loadConfig({ DATA_DIR: '/srv/d', INGEST_DIR: '/srv/d/media-wire' }).ingestDir).toBe('/srv/d/media-wire');
  });
  it('polls wire sources every 60 s unless INGEST_POLL_SECONDS says otherwise (0 turns it off)', () => {
    expect(loadConfig({}).ingestMs).toBe(60_000);
    expect(loadConfig({ INGEST_POLL_SECONDS: '0' }).ingestMs).toBe(0);
    expect(() => loadConfig({ INGEST_POLL_SECONDS: '-5' })).toThrow(/INGEST_POLL_SECONDS: expected 0 \(off\) or more/);
  });
  it('believes no forwarded address unless TRUST_PROXY names the proxies or their number', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1/128,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1/128', 'loopback']);
  });
  it('refuses a TRUST_PROXY that trusts everyone or is not an address, naming it', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: expected false, a number of proxies.*true would let any client choose/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY: .*"10.0.0.0\/33" is none of these/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY: .*"proxy.internal"/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.1,' })).toThrow(/TRUST_PROXY: .*"" is none of these/);
    expect(() => loadConfig({ TRUST_PROXY: '11' })).toThrow(/TRUST_PROXY: expected false, a number of proxies \(1 to 10\)/);
  });
  it('keeps media in DATA_DIR/media unless MEDIA_STORAGE=s3 names a bucket', () => {
    expect(loadConfig({}).media).toEqual({ storage: 'local', s3: undefined, publicUrl: undefined });
    expect(
      loadConfig({ MEDIA_STORAGE: 's3', S3_BUCKET: 'news-media', S3_ENDPOINT: 'https://s3.example.net/', S3_FORCE_PATH_STYLE: 'true', MEDIA_PUBLIC_URL: 'https://media.example/' }).media,
    ).toEqual({
      storage: 's3',
      s3: { bucket: 'news-media', region: 'us-east-1', endpoint: 'https://s3.example.net', forcePathStyle: true },
      publicUrl: 'https://media.example',
    });
    expect(loadConfig({ MEDIA_STORAGE: 's3', S3_BUCKET: 'b-1', S3_REGION: 'eu-west-3' }).media.s3).toMatchObject({ region: 'eu-west-3', forcePathStyle: false });
    // The S3 settings are read with local storage too: `depeche media migrate --to s3` copies to them.
    expect(loadConfig({ S3_BUCKET: 'target' }).media).toMatchObject({ storage: 'local', s3: { bucket: 'target' } });
  });
  it('refuses bad media settings, naming each variable', () => {
    try {
      loadConfig({ MEDIA_STORAGE: 's3', S3_ENDPOINT: 'minio:9000', S3_FORCE_PATH_STYLE: 'yes', MEDIA_PUBLIC_URL: '/media' });
      expect.unreachable();
    } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toContain('S3_BUCKET: required when MEDIA_STORAGE=s3');
      expect(problems).toContain('S3_ENDPOINT: expected the http(s) URL of an S3-compatible server');
      expect(problems).toContain('S3_FORCE_PATH_STYLE: expected true');
      expect(problems).toContain('MEDIA_PUBLIC_URL: expected the absolute http(s) URL');
    }
    expect(() => loadConfig({ MEDIA_STORAGE: 'gcs' })).toThrow(/MEDIA_STORAGE: expected local .* or s3/);
    expect(() => loadConfig({ MEDIA_STORAGE: 's3', S3_BUCKET: 'Bad_Bucket' })).toThrow(/S3_BUCKET: expected a bucket name/);
  });
  it('reports every bad variable at once, naming it', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', DEMO_CONTENT: 'yes', TIME_ZONE: 'Mars/Base' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT: expected a port number');
      expect(problems).toContain('DATABASE_URL: expected postgres://… or unset for SQLite');
      expect(problems).toContain('DEMO_CONTENT: expected true or false');
      expect(problems).toContain('TIME_ZONE: expected an IANA time zone');
    }
  });
});
