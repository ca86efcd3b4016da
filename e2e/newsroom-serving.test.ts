import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_CSP, adminApp } from '../src/site/admin-app.ts';

/** How src/site/admin-app.ts serves the built newsroom app, and that the build itself suits its CSP. */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function serve(root: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  adminApp(app, { root });
  await app.ready();
  return app;
}

describe('serving the newsroom app at /admin', () => {
  let dir: string;
  let built: FastifyInstance;
  let missing: FastifyInstance;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-admin-'));
    await fs.mkdir(path.join(dir, 'build', 'assets'), { recursive: true });
    await fs.writeFile(path.join(dir, 'build', 'index.html'), '<!doctype html><title>app</title><script type="module" src="/admin/assets/index-abc123.js"></script>');
    await fs.writeFile(path.join(dir, 'build', 'assets', 'index-abc123.js'), 'console.log(1)');
    await fs.writeFile(path.join(dir, 'secret.txt'), 'not for the web');
    built = await serve(path.join(dir, 'build'));
    missing = await serve(path.join(dir, 'nothing-here'));
  });

  afterAll(async () => {
    await built.close();
    await missing.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('answers index.html, never cached, for /admin, /admin/ and every client route', async () => {
    for (const url of ['/admin', '/admin/', '/admin/articles', '/admin/articles/12', '/admin/index.html']) {
      const r = await built.inject(url);
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(r.headers['cache-control'], url).toBe('no-store');
      expect(r.body, url).toContain('/admin/assets/index-abc123.js');
    }
  });

  it('sends the strict CSP, nosniff and same-origin referrers with every answer', async () => {
    for (const url of ['/admin/', '/admin/media', '/admin/assets/index-abc123.js']) {
      const r = await built.inject(url);
      expect(r.headers['content-security-policy'], url).toBe(ADMIN_CSP);
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['referrer-policy'], url).toBe('same-origin');
    }
    expect(ADMIN_CSP).not.toContain('unsafe-inline');
    expect(ADMIN_CSP).toContain("frame-ancestors 'none'");
  });

  it('keeps fingerprinted assets a year and answers 404 for a missing one', async () => {
    const r = await built.inject('/admin/assets/index-abc123.js');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.body).toBe('console.log(1)');
    const gone = await built.inject('/admin/assets/index-old999.js');
    expect(gone.statusCode).toBe(404);
  });

  it('serves nothing outside the build folder', async () => {
    for (const url of ['/admin/../secret.txt', '/admin/%2e%2e/secret.txt', '/admin/..%2fsecret.txt', '/admin/assets/..%2f..%2fsecret.txt']) {
      const r = await built.inject(url);
      expect(r.body, url).not.toContain('not for the web');
    }
  });

  it('answers 503 with the command to run when the app is not built', async () => {
    for (const url of ['/admin', '/admin/articles/3', '/admin/assets/index-abc123.js']) {
      const r = await missing.inject(url);
      expect(r.statusCode, url).toBe(503);
      expect(r.headers['content-type'], url).toBe('text/plain; charset=utf-8');
      expect(r.body, url).toBe('admin app not built: run npm run build:admin');
    }
  });

  it('builds an index.html with no inline script or style, as the CSP requires', async () => {
    const html = await fs.readFile(path.join(ROOT, 'dist', 'admin', 'index.html'), 'utf8').catch(() => {
      throw new Error('dist/admin is missing: run npm run build:admin (npm install runs it)');
    });
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=/i);
    const assets = [...html.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    const app = await serve(path.join(ROOT, 'dist', 'admin'));
    for (const a of assets) expect((await app.inject(a)).statusCode, a).toBe(200);
    await app.close();
  });
});
