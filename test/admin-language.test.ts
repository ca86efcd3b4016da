import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, type AdminClient } from './admin-client.ts';
import { cliEnv, depeche } from './cli-runner.ts';
import { forEachDialect, startTestSite, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';

forEachDialect('the admin language of each user', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;

  beforeAll(async () => {
    site = await startTestSite(dialect);
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
  });
  afterAll(() => site.close());

  it('is French unless chosen, carried by the session answer, and changed by the person themself', async () => {
    expect((await admin.json('GET', '/api/admin/session')).user.language).toBe('fr');
    await admin.json('POST', '/api/admin/users', { email: 'emma@example.org', name: 'Emma', role: 'author', password: PASSWORD, language: 'en' });
    const emma = await adminClient(site.url).login('emma@example.org', PASSWORD);
    expect((await emma.json('GET', '/api/admin/session')).user.language).toBe('en');
    const users = (await admin.json('GET', '/api/admin/users')).users;
    expect(users.find((u: { email: string }) => u.email === 'emma@example.org').language).toBe('en');

    const patched = await admin.json('PATCH', '/api/admin/session', { language: 'en' });
    expect(patched.user.language).toBe('en');
    expect((await admin.json('GET', '/api/admin/session')).user.language).toBe('en');
    await admin.json('PATCH', '/api/admin/session', { language: 'fr' });
    expect((await admin.json('GET', '/api/admin/session')).user.language).toBe('fr');
  });

  it('refuses an unknown language naming the field, in the language of the one who asked', async () => {
    const fr = await admin.call('PATCH', '/api/admin/session', { language: 'de' });
    expect(fr.status).toBe(422);
    expect(fr.headers.get('content-language')).toBe('fr');
    expect(await fr.json()).toMatchObject({ code: 'validation_failed', field: 'language', message: 'language : attendu : fr ou en', issues: [{ field: 'language', message: 'attendu : fr ou en' }] });
    const bad = await admin.call('POST', '/api/admin/users', { email: 'x@example.org', name: 'X', role: 'author', password: PASSWORD, language: 'de' });
    expect(await bad.json()).toMatchObject({ field: 'language' });
  });

  it('answers an English-speaking user in English, and the sign-in form and tokens by Accept-Language', async () => {
    const emma = await adminClient(site.url).login('emma@example.org', PASSWORD);
    const r = await emma.call('GET', '/api/admin/articles/999999');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-language')).toBe('en');
    expect((await r.json()).message).toBe('no article 999999');
    const frAdmin = await admin.call('GET', '/api/admin/articles/999999');
    expect(frAdmin.headers.get('content-language')).toBe('fr');
    expect((await frAdmin.json()).message).toBe('aucun article 999999');

    const wrongEn = await adminClient(site.url).call('POST', '/api/admin/session', { email: 'emma@example.org', password: 'nope' }, { headers: { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' } });
    expect(wrongEn.status).toBe(401);
    expect((await wrongEn.json()).message).toBe('wrong e-mail or password');
    const wrongFr = await adminClient(site.url).call('POST', '/api/admin/session', { email: 'emma@example.org', password: 'nope' }, { headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' } });
    expect((await wrongFr.json()).message).toBe('adresse électronique ou mot de passe incorrect');

    const { token } = await admin.json('POST', '/api/admin/tokens', { name: 'robot', role: 'author' });
    const robot = adminClient(site.url, token);
    const en = await robot.call('GET', '/api/admin/articles/999999', undefined, { headers: { 'accept-language': 'en' } });
    expect(en.headers.get('content-language')).toBe('en');
    const fr = await robot.call('GET', '/api/admin/articles/999999', undefined, { headers: { 'accept-language': 'fr' } });
    expect((await fr.json()).message).toBe('aucun article 999999');
    // A token has no language of its own to keep.
    expect((await robot.call('PATCH', '/api/admin/session', { language: 'en' })).status).toBe(403);
  });

  it('marks an answer it has no French words for as English, so the admin shows its own sentence alone', async () => {
    const r = await admin.call('GET', '/api/admin/articles?sort=nonsense');
    expect(r.status).toBe(422);
    expect(r.headers.get('content-language')).toBe('en');
    expect((await r.json()).field).toBe('sort');
  });

  it('creates an English-speaking account from the command line', async () => {
    const env = cliEnv(site.dataDir, site.config.database);
    const made = await depeche(env, ['user', 'create', '--email', 'liam@example.org', '--role', 'editor', '--language', 'en'], `${PASSWORD}\n`);
    expect(made.code, made.stderr).toBe(0);
    const liam = await adminClient(site.url).login('liam@example.org', PASSWORD);
    expect((await liam.json('GET', '/api/admin/session')).user.language).toBe('en');
    const bad = await depeche(env, ['user', 'create', '--email', 'zoe@example.org', '--language', 'de'], `${PASSWORD}\n`);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/language/);
  });
});
