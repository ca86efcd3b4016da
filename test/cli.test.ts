import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcasterArticle, writeImportFolder } from './fixtures.ts';
import { forEachDialect, freshDatabase, listFiles, makeArticle, scratchDir } from './harness.ts';
import { cliEnv, depeche } from './cli-runner.ts';



forEachDialect('depeche command line', (dialect) => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  let dataDir: string;

  beforeAll(async () => {
    const db = await freshDatabase(dialect);
    drop = db.drop;
    dataDir = db.dataDir;
    env = cliEnv(dataDir, db.database);
  });
  afterAll(() => drop());

  it('migrates', async () => {
    const r = await depeche(env, ['migrate']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/migrated 2026-11-25-0001-content|schema up to date/);
  });

  it('imports files and prints one line per article with its public URL', async () => {
    const a = broadcasterArticle();
    const b = makeArticle({ section: 'monde' });
    const { file } = await writeImportFolder([a, b]);
    const r = await depeche(env, ['import', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`imported ${a.slug} https://news.example/fr/tv/${a.slug}\nimported ${b.slug} https://news.example/fr/monde/${b.slug}\n`);
  });

  it('prints JSON with --json and reads standard input with -', async () => {
    const a = makeArticle();
    const r = await depeche(env, ['import', '--json', '-'], JSON.stringify(a));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ slug: a.slug, edition: 'fr', status: 'published', url: `https://news.example/fr/tv/${a.slug}`, id: expect.any(Number) }]);
  });

  it('refuses a bad file, names the field, exits 1 and writes nothing', async () => {
    const before = await listFiles(path.join(dataDir, 'media'));
    const bad = broadcasterArticle();
    bad.body[3].speaker = { role: 'r' };
    const { file } = await writeImportFolder([makeArticle(), bad]);
    const r = await depeche(env, ['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was imported');
    expect(r.stderr).toContain(`${file}: article 1: body[3].speaker.name: required`);
    expect(r.stdout).toBe('');
    expect(await listFiles(path.join(dataDir, 'media'))).toEqual(before);
    const missing = await depeche(env, ['import', '/nonexistent.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('/nonexistent.json: file not found');
  });

  it('creates accounts and API tokens from the shell, and resets a password', async () => {
    const made = await depeche(env, ['user', 'create', '--role', 'admin', '--email', 'chef@example.org', '--name', 'Cheffe'], 'un mot de passe solide\n');
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^created admin chef@example\.org \(id \d+\)\n$/);
    const short = await depeche(env, ['user', 'create', '--email', 'x@example.org'], 'court\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('password: at least 12 characters');
    const token = await depeche(env, ['token', 'create', '--name', 'robot', '--role', 'editor']);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout).toMatch(/^dpch_[\w-]{30,}\n$/);
    expect(token.stderr).toContain('not shown again');
    const reset = await depeche(env, ['user', 'reset-password', '--email', 'chef@example.org'], 'un autre mot de passe\n');
    expect(reset.code, reset.stderr).toBe(0);
    const missing = await depeche(env, ['user', 'reset-password', '--email', 'nobody@example.org'], 'un autre mot de passe\n');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no account for nobody@example.org');
  });

  it('exports what it imported, and the export imports into an empty site', async () => {
    const out = path.join(await scratchDir('export-'), 'site.json');
    const r = await depeche(env, ['export', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^exported 3 articles and 3 images to /);
    const exported = JSON.parse(await fs.readFile(out, 'utf8'));
    expect(exported).toHaveLength(3);
    const tv = exported.find((a: any) => a.headline.startsWith('Faut-il'));
    expect(tv.body[3]).toEqual({ type: 'quote', text: expect.any(String), speaker: { name: 'Hervé Lantier', role: 'général à la retraite' } });
    expect(tv.source).toEqual({ name: 'Agence Exemple Presse', url: 'https://example.org/depeches/123' });
    expect(tv.seo).toMatchObject({ title: 'Négociations : le débat', image: expect.stringMatching(/^site-media\/.+\/original\.png$/) });
    expect(tv.lead.image).toMatch(/^site-media\/.+\/original\.jpg$/);
    expect(tv.body[2]).toMatchObject({ archive: true, copyright: 'Exemple Photo SA', sourceUrl: 'https://example.org/photos/4521' });

    const empty = await freshDatabase('sqlite');
    const env2 = { DATA_DIR: empty.dataDir, PUBLIC_URL: 'https://news.example' };
    const back = await depeche(env2, ['import', out]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout.trim().split('\n')).toHaveLength(3);
    const again = await depeche(env2, ['export']);
    const roundTrip = JSON.parse(again.stdout);
    const strip = (xs: any[]) => JSON.parse(JSON.stringify(xs, (k, v) => (k === 'image' ? path.basename(v) : v)));
    expect(strip(roundTrip)).toEqual(strip(exported));
    await empty.drop();
  });
});

describe('depeche serve', () => {
  it('serves demo content on first start and stops cleanly on SIGTERM', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'depeche-serve-'));
    const child = spawn(process.execPath, [path.resolve('bin/depeche.js'), 'serve'], { env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' } });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // The demo's pictures are drawn before the server listens: minutes on a loaded machine.
      await expect.poll(() => log, { timeout: 150_000, interval: 100 }).toMatch(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
      const url = log.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/)![1];
      const home = await fetch(`${url}/fr/`);
      expect(home.status).toBe(200);
      const html = await home.text();
      expect(html).toContain('<a href="/fr/tv/">TV</a>');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(log).toMatch(/"msg":"demo content loaded"/);
      // An article imported with the CLI while the server runs reaches the cached home page.
      const { file } = await writeImportFolder([makeArticle({ headline: 'Dépêche de dernière minute', publishedAt: '2026-11-25T06:00:00Z' })]);
      const imported = await depeche({ DATA_DIR: dataDir }, ['import', file]);
      expect(imported.code, imported.stderr).toBe(0);
      await expect.poll(async () => (await fetch(`${url}/fr/`)).text(), { timeout: 5000, interval: 100 }).toContain('Dépêche de dernière minute');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(log).toContain('draining requests, then closing the store');
      // One structured line per request.
      expect(log.match(/"msg":"request"/g)!.length).toBeGreaterThanOrEqual(3);
      expect(log).toMatch(/\{"level":30,.*"method":"GET","url":"\/healthz","status":200,"ms":[\d.]+,"msg":"request"\}/);
      await fs.access(path.join(dataDir, 'depeche.db'));
    } finally {
      child.kill('SIGKILL');
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});

