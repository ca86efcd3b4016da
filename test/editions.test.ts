import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, type AdminClient } from './admin-client.ts';
import { cliEnv, depeche } from './cli-runner.ts';
import { forEachDialect, makeArticle, makeDraft, startTestSite, waitFor, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';

forEachDialect('editions', (dialect) => {
  let site: TestSite;
  let admin: AdminClient, editor: AdminClient;
  let env: Record<string, string>;
  const get = (p: string) => fetch(site.url + p, { redirect: 'manual' });
  const issues = async (r: Response) => ((await r.json()).issues as Array<{ field: string; message: string }>) ?? [];
  const defaults = async () => ((await admin.json('GET', '/api/admin/editions')).editions as Array<{ code: string; isDefault: boolean }>).filter((e) => e.isDefault).map((e) => e.code);

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, ingestMs: 0, searchBackfillMs: 0 });
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/users', { email: 'eve@example.org', name: 'Eve', role: 'editor', password: PASSWORD });
    editor = await adminClient(site.url).login('eve@example.org', PASSWORD);
    env = cliEnv(site.dataDir, site.config.database);
  });
  afterAll(() => site.close());

  it('creates an Arabic edition whose direction follows its language, and refuses an editor', async () => {
    const refused = await editor.call('POST', '/api/admin/editions', { code: 'ar', name: 'دبيش', timeZone: 'Asia/Beirut' });
    expect(refused.status).toBe(403);
    const r = await admin.call('POST', '/api/admin/editions', { code: 'ar', name: 'دبيش', timeZone: 'Asia/Beirut', numbering: 'arab' });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/api/admin/editions/ar');
    const { edition } = await r.json();
    expect(edition).toMatchObject({ code: 'ar', name: 'دبيش', language: 'ar', dir: 'rtl', numbering: 'arab', timeZone: 'Asia/Beirut', baseUrl: '', isDefault: false });
    expect((await editor.json('GET', '/api/admin/editions/ar')).edition.dir).toBe('rtl');
    expect(await defaults()).toEqual(['fr']);
  });

  it('answers 422 naming each bad field, and 409 for a code taken', async () => {
    const bad = await admin.call('POST', '/api/admin/editions', { code: 'AR', name: '', timeZone: 'Mars/Olympus', dir: 'up', numbering: 'roman-ish', baseUrl: 'ftp://x.example' });
    expect(bad.status).toBe(422);
    expect((await issues(bad)).map((i) => i.field).sort()).toEqual(['baseUrl', 'code', 'dir', 'name', 'numbering', 'timeZone']);
    const reserved = await admin.call('POST', '/api/admin/editions', { code: 'api', name: 'API', timeZone: 'UTC' });
    expect(await issues(reserved)).toEqual([{ field: 'code', message: expect.stringContaining('reserved') }]);
    const missing = await admin.call('POST', '/api/admin/editions', { code: 'de' });
    expect((await issues(missing)).map((i) => i.field).sort()).toEqual(['name', 'timeZone']);
    const taken = await admin.call('POST', '/api/admin/editions', { code: 'ar', name: 'Autre', timeZone: 'UTC' });
    expect(taken.status).toBe(409);
    const unknown = await admin.call('PATCH', '/api/admin/editions/zz', { name: 'Z' });
    expect(unknown.status).toBe(404);
    expect((await admin.call('GET', '/api/admin/editions/%00')).status).toBe(404);
    expect((await admin.call('PATCH', `/api/admin/editions/${'x'.repeat(300)}`, { name: 'Z' })).status).toBe(404);
    const notFalse = await admin.call('PATCH', '/api/admin/editions/fr', { isDefault: false });
    expect((await issues(notFalse)).map((i) => i.field)).toEqual(['isDefault']);
  });

  it('moves the default from one edition to another, never leaving two or none', async () => {
    await admin.json('PATCH', '/api/admin/editions/ar', { isDefault: true });
    expect(await defaults()).toEqual(['ar']);
    await admin.json('PATCH', '/api/admin/editions/fr', { isDefault: true, name: 'Dépêche FR' });
    expect(await defaults()).toEqual(['fr']);
    expect((await admin.json('GET', '/api/admin/editions/fr')).edition.name).toBe('Dépêche FR');
  });

  it('serves an Arabic article right to left, with an Arabic slug and Arabic-Indic digits', async () => {
    const draft = makeDraft({ edition: 'ar', section: 'سياسة', slug: undefined, headline: 'بيروت: الحكومة تُقرّ الموازنة', standfirst: 'نقاش طويل في البرلمان.', body: [{ type: 'paragraph', text: 'صوّت النواب مساء الثلاثاء.' }] });
    delete draft.slug;
    const { article } = await editor.json('POST', '/api/admin/articles', draft);
    expect(article.slug).toBe('بيروت-الحكومة-تقر-الموازنة');
    const published = (await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' })).article;
    const href = `/ar/${encodeURIComponent('سياسة')}/${encodeURIComponent('بيروت-الحكومة-تقر-الموازنة')}`;
    let page: Response | undefined;
    await waitFor('the Arabic article', async () => (page = await get(href)).status === 200);
    const html = await page!.text();
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('بيروت');
    // The date in Arabic-Indic digits (numbering arab), in Beirut's zone.
    expect(html).toMatch(/<time[^>]*>[^<]*[٠-٩]{2}[^<]*<\/time>/);
    expect(published.edition).toBe('ar');
    const home = await (await get('/ar/')).text();
    expect(home).toContain(`href="${href}"`);
    // The French edition stays left to right.
    expect(await (await get('/fr/')).text()).toMatch(/<html lang="fr" dir="ltr">/);
  });

  it('adds an edition from the command line, then imports into it with "edition": CODE', async () => {
    const bad = await depeche(env, ['edition', 'add', 'es', '--name', 'Despacho', '--time-zone', 'Nowhere/Else']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--time-zone');
    const added = await depeche(env, ['edition', 'add', 'es', '--name', 'Despacho', '--time-zone', 'Europe/Madrid']);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('created edition es');
    const rtl = await depeche(env, ['edition', 'add', 'he', '--name', 'מברק', '--time-zone', 'Asia/Jerusalem', '--json']);
    expect(JSON.parse(rtl.stdout)).toMatchObject({ code: 'he', dir: 'rtl' });
    const forced = await depeche(env, ['edition', 'add', 'ku', '--name', 'Kurdî', '--time-zone', 'Asia/Baghdad', '--dir', 'rtl', '--json']);
    expect(JSON.parse(forced.stdout)).toMatchObject({ code: 'ku', dir: 'rtl' });

    const file = path.join(site.dataDir, 'es-article.json');
    await fs.writeFile(file, JSON.stringify(makeArticle({ edition: 'es', section: 'mundo', slug: 'cumbre-en-madrid', headline: 'Cumbre en Madrid' })));
    const imported = await depeche(env, ['import', file]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    await waitFor('the Spanish article', async () => (await get('/es/mundo/cumbre-en-madrid')).status === 200);
    expect(await (await get('/es/mundo/cumbre-en-madrid')).text()).toMatch(/<html lang="es" dir="ltr">/);

    const set = await depeche(env, ['edition', 'set', 'es', '--default']);
    expect(set.code).toBe(0);
    const list = await depeche(env, ['edition', 'list', '--json']);
    const editions = JSON.parse(list.stdout) as Array<{ code: string; isDefault: boolean }>;
    expect(editions.map((e) => e.code)).toEqual(['fr', 'ar', 'es', 'he', 'ku']);
    expect(editions.filter((e) => e.isDefault).map((e) => e.code)).toEqual(['es']);
  });
});
