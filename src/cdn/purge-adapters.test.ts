import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CdnConfig } from '../config.ts';
import { byBytes, purgeAdapter } from './purge-adapters.ts';

/** A fake CDN API on loopback: records each request and answers what the test says. */
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
let server: http.Server;
let base: string;
let seen: Seen[] = [];
let answer: (s: Seen) => { status: number; body: string } = () => ({ status: 200, body: '{}' });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const s = { method: req.method!, url: req.url!, headers: req.headers, body };
      seen.push(s);
      const a = answer(s);
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen = [];
  answer = () => ({ status: 200, body: '{}' });
});

const config = (over: Partial<CdnConfig>): CdnConfig => ({ purge: 'none', purgeUrls: [], keyHeader: 'surrogate-key', fastly: null, cloudflare: null, purgeMs: 200, ...over });
const signal = () => AbortSignal.timeout(5000);

describe('the Fastly adapter', () => {
  const fastly = () => purgeAdapter(config({ purge: 'fastly', fastly: { token: 'fastly-token', serviceId: 'SVC123', apiUrl: base } }));

  it('purges by surrogate key: POST /service/{id}/purge with the keys in Surrogate-Key and the token in Fastly-Key', async () => {
    answer = () => ({ status: 200, body: '{"a1":"108-1391560174-974124","s4":"108-1391560174-974125"}' });
    await fastly().purge(['a1', 's4'], signal());
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/service/SVC123/purge', body: '' });
    expect(seen[0].headers['fastly-key']).toBe('fastly-token');
    expect(seen[0].headers['surrogate-key']).toBe('a1 s4');
  });

  it('sends at most 256 keys a request', async () => {
    const keys = Array.from({ length: 600 }, (_, i) => `a${i}`);
    await fastly().purge(keys, signal());
    expect(seen.map((s) => String(s.headers['surrogate-key']).split(' ').length)).toEqual([256, 256, 88]);
    expect(seen.flatMap((s) => String(s.headers['surrogate-key']).split(' '))).toEqual(keys);
  });

  it('fails, naming Fastly and its answer, when the API refuses', async () => {
    answer = () => ({ status: 401, body: '{"msg":"Provided credentials are missing or invalid"}' });
    await expect(fastly().purge(['a1'], signal())).rejects.toThrow(/Fastly answered 401: .*credentials/);
  });
});

describe('the Cloudflare adapter', () => {
  const cloudflare = () => purgeAdapter(config({ purge: 'cloudflare', cloudflare: { token: 'cf-token', zoneId: 'ZONE9', apiUrl: base } }));

  it('purges by tag: POST /zones/{zone}/purge_cache with {tags} and a Bearer token', async () => {
    answer = () => ({ status: 200, body: '{"success":true,"errors":[],"messages":[],"result":{"id":"ZONE9"}}' });
    await cloudflare().purge(['a1', 'home-fr'], signal());
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/zones/ZONE9/purge_cache' });
    expect(seen[0].headers.authorization).toBe('Bearer cf-token');
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0].body)).toEqual({ tags: ['a1', 'home-fr'] });
  });

  it('sends at most 30 tags a request', async () => {
    answer = () => ({ status: 200, body: '{"success":true}' });
    await cloudflare().purge(Array.from({ length: 65 }, (_, i) => `t${i}`), signal());
    expect(seen.map((s) => JSON.parse(s.body).tags.length)).toEqual([30, 30, 5]);
  });

  it('fails when the API does not confirm the purge', async () => {
    answer = () => ({ status: 200, body: '{"success":false,"errors":[{"code":1134,"message":"Purge by tag is not allowed"}]}' });
    await expect(cloudflare().purge(['a1'], signal())).rejects.toThrow(/Cloudflare did not confirm the purge/);
    answer = () => ({ status: 403, body: '{"success":false}' });
    await expect(cloudflare().purge(['a1'], signal())).rejects.toThrow(/Cloudflare answered 403/);
  });
});

describe('the Varnish adapter', () => {
  it('sends PURGE / with an xkey-purge header to every Varnish listed', async () => {
    const varnish = purgeAdapter(config({ purge: 'varnish', purgeUrls: [base, `${base}/`] }));
    await varnish.purge(['a1', 's4'], signal());
    expect(seen.map((s) => [s.method, s.url, s.headers['xkey-purge']])).toEqual([
      ['PURGE', '/', 'a1 s4'],
      ['PURGE', '/', 'a1 s4'],
    ]);
  });

  it('fails, naming the Varnish that did not answer, when one is down', async () => {
    const down = await new Promise<number>((resolve) => {
      const s = http.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const varnish = purgeAdapter(config({ purge: 'varnish', purgeUrls: [base, `http://127.0.0.1:${down}`] }));
    await expect(varnish.purge(['a1'], signal())).rejects.toThrow(new RegExp(`Varnish at http://127\\.0\\.0\\.1:${down}: .*ECONNREFUSED`));
    // The one that answered was told all the same.
    expect(seen).toHaveLength(1);
  });

  it('splits keys into headers Varnish accepts', () => {
    const groups = byBytes(Array.from({ length: 2000 }, (_, i) => `a${i}`), 4000);
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups) expect(g.join(' ').length).toBeLessThanOrEqual(4000);
    expect(groups.flat()).toHaveLength(2000);
  });
});
