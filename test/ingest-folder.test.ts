import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pollSource } from '../src/ingest/poller.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { cliEnv, depeche } from './cli-runner.ts';
import { forEachDialect, scratchDir, startTestSite, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';

// One item per ninjs generation, each with its own way of naming times and the agency.
const NINJS_1 = { uri: 'https://afp.example/d/1', guid: 'v1-1', headline: 'Crue de la Seine', body_text: 'La Seine monte.', firstcreated: '2026-11-20T05:00:00Z', versioncreated: '2026-11-20T06:30:00Z' };
const NINJS_2 = [
  { guid: 'v2-1', headlines: [{ value: 'Grève des contrôleurs', role: 'main' }], bodies: [{ value: '<p>Vols annulés.</p>', contenttype: 'text/html' }], firstcreated: '2026-11-21T07:00:00Z' },
  { guid: 'v2-2', headlines: [{ value: 'Deuxième de la liste' }], versioncreated: '2026-11-21T08:00:00Z' },
];
const NINJS_3 = {
  $standard: { name: 'ninjs', version: '3.0' },
  uri: 'urn:reuters:3-1',
  headlines: [{ value: 'Accord sur le climat', contentType: 'text/plain' }],
  bodies: [{ value: 'Le texte a été adopté.', contentType: 'text/plain' }],
  infoSources: [{ name: 'Reuters', uri: 'https://reuters.example/', role: 'originator' }],
  firstCreated: '2026-11-22T09:15:00Z',
  versionCreated: '2026-11-22T10:00:00Z',
};

const write = (dir: string, name: string, doc: unknown) => fs.writeFile(path.join(dir, name), typeof doc === 'string' ? doc : JSON.stringify(doc));
const ls = async (dir: string) => (await fs.readdir(dir, { withFileTypes: true })).filter((e) => !e.isDirectory()).map((e) => e.name).sort();
/** A claimed file keeps its name after a prefix of claim time and a random part. */
const original = (name: string) => name.replace(/^\d{8}T\d{6}Z-[0-9a-f]{8}-/, '');

forEachDialect('wire ingest from a drop folder', (dialect) => {
  let site: TestSite;
  const clock = new Date('2026-11-25T10:00:00Z');
  let editor: AdminClient;
  const warnings: Array<Record<string, unknown>> = [];
  const log = { info() {}, error() {}, warn: (o: object, m: string) => void warnings.push({ ...o, msg: m }) };
  const deps = () => ({ db: site.app.store.db, now: () => clock, log, ingestDir: site.config.ingestDir });
  const items = async (sourceId: number) => (await editor.json('GET', `/api/admin/ingest/items?source=${sourceId}&limit=500`)).items as any[];
  const addFolderSource = async (name: string) => (await editor.json('POST', '/api/admin/ingest/sources', { name, kind: 'ninjs', edition: 'fr', section: 'monde' })).source;

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, ingestMs: 0 }, () => clock);
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    const admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/users', { email: 'eve@example.org', name: 'Eve', role: 'editor', password: PASSWORD });
    editor = await adminClient(site.url).login('eve@example.org', PASSWORD);
  });
  afterAll(async () => {
    await site?.close();
  });

  it('gives a ninjs source without a URL its own folder under INGEST_DIR, listed with the source; a feed gets none', async () => {
    const s = await addFolderSource('Dépôt');
    expect(s.dropFolder).toBe(path.join(site.config.ingestDir, String(s.id)));
    expect((await fs.stat(s.dropFolder)).isDirectory()).toBe(true);
    const listed = (await editor.json('GET', '/api/admin/ingest/sources')).sources;
    expect(listed.find((x: { id: number }) => x.id === s.id).dropFolder).toBe(s.dropFolder);

    const feed = (await editor.json('POST', '/api/admin/ingest/sources', { name: 'Flux', kind: 'ninjs', url: 'https://agence.example/ninjs', edition: 'fr', section: 'monde' })).source;
    expect(feed.dropFolder).toBeNull();
    await editor.call('DELETE', `/api/admin/ingest/sources/${feed.id}`);
  });

  it('queues ninjs 1.x, 2.x and 3.x files with their source and original times, moves them to done/, and leaves files still being written', async () => {
    const s = await addFolderSource('AFP dépôt');
    await write(s.dropFolder, 'a.json', NINJS_1);
    await write(s.dropFolder, 'b.json', NINJS_2);
    await write(s.dropFolder, 'c.JSON', NINJS_3);
    await write(s.dropFolder, '.d.json', { guid: 'hidden', headline: 'Caché' });
    await write(s.dropFolder, 'e.json.part', { guid: 'partial', headline: 'En cours' });
    await write(s.dropFolder, 'f.json.tmp', { guid: 'partial', headline: 'En cours' });

    expect(await pollSource(deps(), s.id)).toMatchObject({ ok: true, added: 4, duplicates: 0, failed: [] });

    const queued = await items(s.id);
    expect(queued.map((i) => i.guid).sort()).toEqual(['urn:reuters:3-1', 'v1-1', 'v2-1', 'v2-2']);
    const v1 = queued.find((i) => i.guid === 'v1-1');
    expect(v1).toMatchObject({ title: 'Crue de la Seine', publishedAt: '2026-11-20T05:00:00Z', updatedAt: '2026-11-20T06:30:00Z' });
    expect(v1.payload).toMatchObject({ source: { name: 'AFP dépôt', url: 'https://afp.example/d/1' }, publishedAt: '2026-11-20T05:00:00Z', section: 'monde' });
    expect(queued.find((i) => i.guid === 'v2-1')).toMatchObject({ title: 'Grève des contrôleurs', publishedAt: '2026-11-21T07:00:00Z' });
    const v3 = queued.find((i) => i.guid === 'urn:reuters:3-1');
    expect(v3).toMatchObject({ title: 'Accord sur le climat', publishedAt: '2026-11-22T09:15:00Z' });
    expect(v3.payload.source).toEqual({ name: 'Reuters', url: 'https://reuters.example/' });

    expect((await ls(path.join(s.dropFolder, 'done'))).map(original).sort()).toEqual(['a.json', 'b.json', 'c.JSON']);
    expect(await ls(s.dropFolder)).toEqual(['.d.json', 'e.json.part', 'f.json.tmp']);
    expect(await ls(path.join(s.dropFolder, 'processing'))).toEqual([]);

    // The same item dropped again is recognised.
    await write(s.dropFolder, 'a.json', NINJS_1);
    expect(await pollSource(deps(), s.id)).toMatchObject({ ok: true, added: 0, duplicates: 1, failed: [] });
    expect(await items(s.id)).toHaveLength(4);
    expect(await ls(path.join(s.dropFolder, 'done'))).toHaveLength(4);
  });

  it('sends malformed, non-ninjs, oversized and linked files to failed/ with a log line, neutralises markup in a title, and still queues the good files', async () => {
    const s = await addFolderSource('Mixte');
    const outside = path.join(await scratchDir('outside-'), 'secret.json');
    await fs.writeFile(outside, JSON.stringify({ guid: 'secret', headline: 'Ne doit pas entrer' }));
    await write(s.dropFolder, 'broken.json', '{"headline": "Coupé",');
    await write(s.dropFolder, 'numbers.json', '[1, 2]');
    await write(s.dropFolder, 'huge.json', { guid: 'huge', headline: 'Trop long', body_text: 'x'.repeat(5000) });
    await fs.symlink(outside, path.join(s.dropFolder, 'link.json'));
    await write(s.dropFolder, 'hostile.json', {
      guid: 'hostile',
      headline: '<!DOCTYPE t [<!ENTITY e SYSTEM "file:///etc/passwd">]><script>alert(1)</script>Titre &e; <b>gras</b>',
      body_html: '<p>Corps</p><script>alert(2)</script><iframe src="https://evil.example/"></iframe>',
    });
    await write(s.dropFolder, 'good.json', { guid: 'good', headline: 'Bonne dépêche', body_text: 'Texte.' });
    warnings.length = 0;

    const r = await pollSource(deps(), s.id, { maxBytes: 4096 });
    expect(r).toMatchObject({ ok: true, added: 2, duplicates: 0 });
    const failed = r.ok ? r.failed : [];
    expect(failed.map((f) => f.file).sort()).toEqual(['broken.json', 'huge.json', 'link.json', 'numbers.json']);
    expect(failed.find((f) => f.file === 'broken.json')!.reason).toMatch(/^not JSON/);
    expect(failed.find((f) => f.file === 'numbers.json')!.reason).toMatch(/ninjs item/);
    expect(failed.find((f) => f.file === 'huge.json')!.reason).toBe('larger than 4096 bytes');
    expect(failed.find((f) => f.file === 'link.json')!.reason).toMatch(/symbolic link/);
    expect(warnings.filter((w) => w.msg === 'ingest file refused').map((w) => w.file).sort()).toEqual(['broken.json', 'huge.json', 'link.json', 'numbers.json']);

    expect((await ls(path.join(s.dropFolder, 'failed'))).map(original).sort()).toEqual(['broken.json', 'huge.json', 'link.json', 'numbers.json']);
    expect((await ls(path.join(s.dropFolder, 'done'))).map(original).sort()).toEqual(['good.json', 'hostile.json']);
    expect(await ls(s.dropFolder)).toEqual([]);
    expect(await fs.readFile(outside, 'utf8')).toContain('secret'); // the link's target is left alone

    const queued = await items(s.id);
    expect(queued.map((i) => i.guid).sort()).toEqual(['good', 'hostile']);
    const hostile = queued.find((i) => i.guid === 'hostile');
    expect(hostile.title).toContain('Titre &e; gras');
    expect(hostile.title).not.toMatch(/[<]|alert|passwd|ENTITY/);
    expect(JSON.stringify(hostile.payload.body)).not.toMatch(/script|alert|iframe|evil/);

    const src = (await editor.json('GET', '/api/admin/ingest/sources')).sources.find((x: { id: number }) => x.id === s.id);
    expect(src).toMatchObject({ failures: 0, lastError: expect.stringContaining('broken.json') });
  });

  it('ingests each file exactly once when two polls race', async () => {
    const s = await addFolderSource('Course');
    const n = 8;
    for (let i = 0; i < n; i++) await write(s.dropFolder, `item-${i}.json`, { guid: `race-${i}`, headline: `Dépêche ${i}`, firstcreated: '2026-11-24T08:00:00Z' });

    const results = await Promise.all([pollSource(deps(), s.id), pollSource(deps(), s.id)]);
    const ok = results.map((r) => (r.ok ? r : { added: NaN, duplicates: NaN, failed: [] }));
    // A file read by both polls would show as a duplicate in one of them.
    expect(ok[0].added + ok[1].added).toBe(n);
    expect(ok[0].duplicates + ok[1].duplicates).toBe(0);
    expect(await items(s.id)).toHaveLength(n);
    expect(await ls(path.join(s.dropFolder, 'done'))).toHaveLength(n);
    expect(await ls(s.dropFolder)).toEqual([]);
  });

  it('takes again a file that a stopped process left in processing/', async () => {
    const s = await addFolderSource('Reprise');
    const left = path.join(s.dropFolder, 'processing', '20261125T080000Z-0badc0de-orphan.json');
    await fs.writeFile(left, JSON.stringify({ guid: 'orphan', headline: 'Orpheline' }));
    // Claimed a minute ago by a process that may still be working on it: left alone. The claim time is in the name.
    const stamp = new Date(clock.getTime() - 60_000).toISOString().replace(/\.\d+/, '').replace(/[-:]/g, '');
    const busy = path.join(s.dropFolder, 'processing', `${stamp}-0badc0de-en-cours.json`);
    await fs.writeFile(busy, JSON.stringify({ guid: 'busy', headline: 'En cours' }));

    expect(await pollSource(deps(), s.id)).toMatchObject({ ok: true, added: 1 });
    expect((await items(s.id)).map((i) => i.guid)).toEqual(['orphan']);
    expect(await ls(path.join(s.dropFolder, 'processing'))).toEqual([path.basename(busy)]);
    expect((await ls(path.join(s.dropFolder, 'done'))).map(original)).toEqual(['orphan.json']);
  });

  it('backs off a source whose drop folder cannot be used', async () => {
    const s = await addFolderSource('Cassé');
    await fs.rm(s.dropFolder, { recursive: true });
    await fs.writeFile(s.dropFolder, 'not a folder');
    warnings.length = 0;
    expect(await pollSource(deps(), s.id)).toMatchObject({ ok: false, error: expect.stringContaining(s.dropFolder) });
    const src = (await editor.json('GET', '/api/admin/ingest/sources')).sources.find((x: { id: number }) => x.id === s.id);
    expect(src.failures).toBe(1);
    expect(Date.parse(src.nextPollAt)).toBeGreaterThan(clock.getTime());
    expect(warnings.map((w) => w.msg)).toEqual(['ingest poll failed']);
    await editor.call('DELETE', `/api/admin/ingest/sources/${s.id}`);
  });

  it('`depeche ingest poll` takes the folder and prints its line, with the refused files (exit 1)', async () => {
    const s = await addFolderSource('Par la commande');
    await write(s.dropFolder, 'one.json', { guid: 'cli-1', headline: 'Par la commande' });
    await write(s.dropFolder, 'two.json', 'pas du JSON');
    const r = await depeche(cliEnv(site.dataDir, site.config.database), ['ingest', 'poll']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Par la commande: 1 new, 0 duplicates, 1 failed$/m);
    expect(r.stdout).toMatch(/^Par la commande: failed two\.json: not JSON/m);
    expect(r.stdout).toMatch(/^AFP dépôt: 0 new, 0 duplicates$/m);
    expect(r.code).toBe(1);
    expect((await items(s.id)).map((i) => i.guid)).toEqual(['cli-1']);
  });
});
