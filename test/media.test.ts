import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readContentVersion } from '../src/store/content-version.ts';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, listFiles, makeImage, startTestSite, type TestSite } from './harness.ts';
import { withIptc } from './iptc-fixture.ts';

const LIMIT = 1024 * 1024;
const PASSWORD = 'correct horse battery';


function form(data: Buffer, filename: string, type = 'image/jpeg', field = 'file'): FormData {
  const f = new FormData();
  f.append(field, new Blob([new Uint8Array(data)], { type }), filename);
  return f;
}

forEachDialect('media library', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  let contributor: AdminClient;

  beforeAll(async () => {
    site = await startTestSite(dialect, { maxImageBytes: LIMIT });
    const setup = await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada', password: PASSWORD });
    expect(setup.status).toBe(201);
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/users', { email: 'pigiste@example.org', name: 'Paul', role: 'contributor', password: PASSWORD });
    contributor = await adminClient(site.url).login('pigiste@example.org', PASSWORD);
  });
  afterAll(() => site.close());

  const upload = (client: AdminClient, body: FormData) => client.call('POST', '/api/admin/media', body);

  it('prefills caption, credit, copyright and creator from UTF-8 IPTC, accents intact', async () => {
    const jpeg = withIptc(await makeImage(1200, 800, 'jpeg', '#aa3366'), {
      120: 'Négociations à Genève',
      110: 'Agence Éclair',
      116: '© Agence Éclair 2026',
      80: 'Zoë Müller',
    });
    const r = await upload(admin, form(jpeg, 'geneve.jpg'));
    expect(r.status).toBe(201);
    const m = await r.json();
    expect(m).toMatchObject({
      filename: 'geneve.jpg',
      mime: 'image/jpeg',
      width: 1200,
      height: 800,
      alt: '',
      caption: 'Négociations à Genève',
      credit: 'Agence Éclair',
      copyright: '© Agence Éclair 2026',
      creator: 'Zoë Müller',
      sourceUrl: null,
      avifState: 'pending',
    });
    expect(m.url).toMatch(/^\/media\/[0-9a-f]{2}\/[0-9a-f]+\/800\.jpg$/);
    expect(m.variants.map((v: any) => `${v.format}:${v.width}`)).toEqual(['jpeg:480', 'webp:480', 'jpeg:800', 'webp:800', 'jpeg:1200', 'webp:1200']);
    const served = await fetch(site.url + m.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const { entries } = await admin.json('GET', `/api/admin/audit?subject=image:${m.id}`);
    expect(entries.map((e: any) => e.action)).toEqual(['media.upload']);
  });

  it('stores a PNG and points at the original when it is narrower than 800 px', async () => {
    const r = await upload(admin, form(await makeImage(640, 480, 'png', '#11aa22'), 'chart.png', 'image/png'));
    expect(r.status).toBe(201);
    const m = await r.json();
    expect(m).toMatchObject({ mime: 'image/png', width: 640, height: 480, caption: null, credit: null });
    expect(m.url).toMatch(/\/original\.png$/);
    expect((await fetch(site.url + m.url)).status).toBe(200);
  });

  it('refuses a text file with 422 on file, listing the accepted types and the limit', async () => {
    const r = await upload(admin, form(Buffer.from('not a picture at all'), 'notes.txt', 'text/plain'));
    expect(r.status).toBe(422);
    const body = await r.json();
    expect(body).toMatchObject({ code: 'validation_failed', field: 'file' });
    expect(body.message).toContain('notes.txt');
    expect(body.message).toContain('JPEG, PNG, WebP, AVIF and GIF');
    expect(body.message).toContain('1 MB');
  });

  it('refuses a file over the size limit with 413 naming the limit, writing nothing', async () => {
    const before = await listFiles(site.config.mediaDir);
    const r = await upload(admin, form(randomBytes(LIMIT + 200_000), 'huge.jpg'));
    expect(r.status).toBe(413);
    const body = await r.json();
    expect(body).toMatchObject({ code: 'payload_too_large' });
    expect(body.message).toContain(`1 MB (${LIMIT} bytes)`);
    expect(await listFiles(site.config.mediaDir)).toEqual(before);
  });

  it('answers 422 on file when the request carries no file', async () => {
    const onlyText = new FormData();
    onlyText.append('caption', 'forgot the picture');
    const r = await upload(admin, onlyText);
    expect(r.status).toBe(422);
    expect(await r.json()).toMatchObject({ code: 'validation_failed', field: 'file' });
    const json = await admin.call('POST', '/api/admin/media', { file: 'x' });
    expect(json.status).toBe(422);
    expect(await json.json()).toMatchObject({ field: 'file' });
  });

  it('lets a contributor upload and refuses anonymous callers with 401', async () => {
    const r = await upload(contributor, form(await makeImage(900, 600, 'jpeg', '#3377cc'), 'pigiste.jpg'));
    expect(r.status).toBe(201);
    expect((await r.json()).uploadedBy).not.toBeNull();
    const anon = adminClient(site.url);
    expect((await upload(anon, form(await makeImage(900, 600, 'jpeg', '#3377cd'), 'x.jpg'))).status).toBe(401);
    expect((await anon.call('GET', '/api/admin/media')).status).toBe(401);
    expect((await anon.call('GET', '/api/admin/media/1')).status).toBe(401);
  });

  it('finds pictures by credit and by caption, case-insensitively, newest first, a page at a time', async () => {
    const ids: number[] = [];
    for (const [i, caption] of ['Marché de Lyon', 'Port de Marseille', 'Gare de Lille'].entries()) {
      const jpeg = withIptc(await makeImage(500, 300, 'jpeg', `#20${i}0f0`), { 120: caption, 110: 'Studio Keystone' });
      ids.push((await admin.json('POST', '/api/admin/media', form(jpeg, `ville-${i}.jpg`))).id);
    }
    const first = await admin.json('GET', '/api/admin/media?q=keystone&perPage=2');
    expect(first.media.map((m: any) => m.id)).toEqual([ids[2], ids[1]]);
    expect(first.hasMore).toBe(true);
    const second = await admin.json('GET', '/api/admin/media?q=keystone&perPage=2&page=2');
    expect(second.media.map((m: any) => m.id)).toEqual([ids[0]]);
    expect(second.hasMore).toBe(false);
    const byCaption = await admin.json('GET', `/api/admin/media?q=${encodeURIComponent('PORT de')}`);
    expect(byCaption.media.map((m: any) => m.id)).toEqual([ids[1]]);
    const byFilename = await admin.json('GET', '/api/admin/media?q=ville-2');
    expect(byFilename.media.map((m: any) => m.id)).toEqual([ids[2]]);
    expect((await admin.json('GET', '/api/admin/media?q=nowhere%25')).media).toEqual([]);
  });

  it('changes alt and credit with PATCH, audited, and empties the page caches', async () => {
    const m = await admin.json('POST', '/api/admin/media', form(await makeImage(1000, 700, 'jpeg', '#995500'), 'patch.jpg'));
    const version = await readContentVersion(site.app.store.db);
    const updated = await admin.json('PATCH', `/api/admin/media/${m.id}`, { alt: 'Un cargo entre au port', credit: 'Photo Ouest' });
    expect(updated).toMatchObject({ id: m.id, alt: 'Un cargo entre au port', credit: 'Photo Ouest' });
    expect(await admin.json('GET', `/api/admin/media/${m.id}`)).toMatchObject({ alt: 'Un cargo entre au port', credit: 'Photo Ouest' });
    expect(await readContentVersion(site.app.store.db)).toBeGreaterThan(version);
    const { entries } = await admin.json('GET', `/api/admin/audit?subject=image:${m.id}`);
    expect(entries[0]).toMatchObject({ action: 'media.update', actor: expect.stringMatching(/^user:/) });
    expect(JSON.parse(entries[0].details).changed).toEqual({ alt: 'Un cargo entre au port', credit: 'Photo Ouest' });

    const bad = await admin.call('PATCH', `/api/admin/media/${m.id}`, { sourceUrl: 'javascript:alert(1)' });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ field: 'sourceUrl' });
    const unknown = await admin.call('PATCH', `/api/admin/media/${m.id}`, { colour: 'red' });
    expect(await unknown.json()).toMatchObject({ field: 'colour' });
    // A contributor looks after only the pictures they uploaded.
    expect((await contributor.call('PATCH', `/api/admin/media/${m.id}`, { alt: 'x' })).status).toBe(403);
    expect((await admin.call('PATCH', '/api/admin/media/999999', { alt: 'x' })).status).toBe(404);
  });

  it('replaces the file behind an entry, keeping its id and its words', async () => {
    const m = await admin.json('POST', '/api/admin/media', form(withIptc(await makeImage(1200, 800, 'jpeg', '#0055aa'), { 120: 'Avant' }), 'avant.jpg'));
    const version = await readContentVersion(site.app.store.db);
    const r = await admin.call('PUT', `/api/admin/media/${m.id}/file`, form(await makeImage(1600, 900, 'png', '#aa5500'), 'apres.png', 'image/png'));
    expect(r.status).toBe(200);
    const replaced = await r.json();
    expect(replaced).toMatchObject({ id: m.id, width: 1600, height: 900, mime: 'image/png', filename: 'apres.png', caption: 'Avant', avifState: 'pending' });
    expect(replaced.url).not.toBe(m.url);
    expect(replaced.variants.map((v: any) => v.width)).toEqual([480, 480, 800, 800, 1200, 1200, 1600, 1600]);
    expect(replaced.variants.some((v: any) => m.variants.some((old: any) => old.url === v.url))).toBe(false);
    expect((await fetch(site.url + replaced.url)).status).toBe(200);
    expect(await admin.json('GET', `/api/admin/media/${m.id}`)).toMatchObject({ width: 1600, height: 900 });
    expect(await readContentVersion(site.app.store.db)).toBeGreaterThan(version);
    const { entries } = await admin.json('GET', `/api/admin/audit?subject=image:${m.id}`);
    expect(entries[0].action).toBe('media.replace');

    // The file of another entry cannot be taken over: that would make two entries of one file.
    const other = await admin.json('POST', '/api/admin/media', form(await makeImage(700, 500, 'jpeg', '#123456'), 'other.jpg'));
    const taken = await admin.call('PUT', `/api/admin/media/${other.id}/file`, form(await makeImage(1600, 900, 'png', '#aa5500'), 'again.png', 'image/png'));
    expect(taken.status).toBe(409);
    expect((await contributor.call('PUT', `/api/admin/media/${m.id}/file`, form(await makeImage(300, 200), 'x.jpg'))).status).toBe(403);
  });

  it('answers an upload of a file already in the library with its existing entry', async () => {
    const jpeg = await makeImage(800, 533, 'jpeg', '#777700');
    const first = await upload(admin, form(jpeg, 'one.jpg'));
    expect(first.status).toBe(201);
    const again = await upload(contributor, form(jpeg, 'copy.jpg'));
    expect(again.status).toBe(200);
    const [a, b] = [await first.json(), await again.json()];
    expect(b.id).toBe(a.id);
    expect(b.filename).toBe('one.jpg');
    const rows = await site.app.store.db.selectFrom('images').select('id').where('filename', 'in', ['one.jpg', 'copy.jpg']).execute();
    expect(rows).toHaveLength(1);
    expect(await listFiles(path.join(site.config.mediaDir, '.staging'))).toEqual([]);
  });
});
