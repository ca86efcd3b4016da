import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from './admin-client.ts';
import { forEachDialect, makeDraft, makeImage, startTestSite, waitFor, type TestSite } from './harness.ts';

const PASSWORD = 'correct horse battery';

forEachDialect('people, topics and authors from the Admin API and on reader pages', (dialect) => {
  let site: TestSite;
  let clock = new Date('2026-11-25T10:00:00Z');
  let admin: AdminClient, editor: AdminClient, contributor: AdminClient;
  let first: { slug: string };

  const get = (path: string) => fetch(site.url + path, { redirect: 'manual' });
  const html = async (path: string) => {
    const r = await get(path);
    return { status: r.status, text: await r.text(), location: r.headers.get('location') };
  };
  const fields = async (r: Response) => {
    expect(r.status).toBe(422);
    return ((await r.json()).issues as Array<{ field: string }>).map((i) => i.field);
  };
  const publish = async (overrides: Record<string, unknown>) => {
    clock = new Date(clock.getTime() + 60_000);
    const { article } = await editor.json('POST', '/api/admin/articles', makeDraft({ section: 'monde', ...overrides }));
    return (await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' })).article;
  };
  const quote = (name: string, role?: string) => ({ type: 'quote', text: `Une phrase de ${name}.`, speaker: role ? { name, role } : { name } });
  const person = async (q: string) => {
    const { people } = await editor.json('GET', `/api/admin/people?q=${encodeURIComponent(q)}`);
    return people as Array<{ id: number; slug: string; name: string; articles: number; aliases: string[]; roles: Record<string, string>; mergedInto: number | null }>;
  };
  const topic = async (q: string) => (await editor.json('GET', `/api/admin/topics?edition=fr&q=${encodeURIComponent(q)}`)).topics as Array<{ id: number; slug: string; name: string; articles: number; featured: boolean }>;
  const jsonLd = (text: string) =>
    [...text.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].flatMap((m) => {
      const v = JSON.parse(m[1]);
      return Array.isArray(v) ? v : [v];
    });

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, ingestMs: 0 }, () => clock);
    await adminClient(site.url).call('POST', '/api/admin/setup', { email: 'admin@example.org', name: 'Ada Admin', password: PASSWORD });
    admin = await adminClient(site.url).login('admin@example.org', PASSWORD);
    await admin.json('POST', '/api/admin/users', { email: 'eve@example.org', name: 'Eve', role: 'editor', password: PASSWORD });
    await admin.json('POST', '/api/admin/users', { email: 'carl@example.org', name: 'Carl', role: 'contributor', password: PASSWORD });
    editor = await adminClient(site.url).login('eve@example.org', PASSWORD);
    contributor = await adminClient(site.url).login('carl@example.org', PASSWORD);
    first = await publish({ headline: 'Le général parle', tags: ['Diplomatie'], authors: ['Léa Martin'], body: [quote('Hervé Lantier', 'général à la retraite')] });
    await publish({ headline: 'Le général reparle', tags: ['Diplomatie internationale'], authors: ['Léa Martin'], body: [quote('H. Lantier')] });
  }, 60_000);
  afterAll(() => site?.close());

  describe('people', () => {
    it('lets any newsroom member read people, and only editors change or merge them', async () => {
      const [p] = await person('Hervé');
      expect((await contributor.call('GET', '/api/admin/people?q=lantier')).status).toBe(200);
      expect((await contributor.call('PATCH', `/api/admin/people/${p.id}`, { description: 'x' })).status).toBe(403);
      expect((await contributor.call('POST', `/api/admin/people/${p.id}/merge`, { into: p.id })).status).toBe(403);
      expect((await adminClient(site.url).call('GET', '/api/admin/people')).status).toBe(401);
      expect((await editor.call('GET', '/api/admin/people/999999')).status).toBe(404);
    });

    it('finds people by part of their name, with the articles quoting them', async () => {
      const found = await person('lantier');
      expect(found.map((p) => p.name).sort()).toEqual(['H. Lantier', 'Hervé Lantier']);
      expect(found.every((p) => p.articles === 1)).toBe(true);
    });

    it('refuses bad input naming the field', async () => {
      const [p] = await person('Hervé');
      const patch = (body: unknown) => editor.call('PATCH', `/api/admin/people/${p.id}`, body);
      expect(await fields(await patch({ wikidata: 'X42' }))).toEqual(['wikidata']);
      expect(await fields(await patch({ roles: { zz: 'Roi' } }))).toEqual(['roles.zz']);
      expect(await fields(await patch({ photoImageId: 999999 }))).toEqual(['photoImageId']);
      expect(await fields(await patch({ aliases: 'Lantier' }))).toEqual(['aliases']);
      expect(await fields(await patch({ name: '' }))).toEqual(['name']);
      expect(await fields(await patch({ slug: 'Pas Un Slug' }))).toEqual(['slug']);
      expect(await fields(await patch({ height: 2 }))).toEqual(['height']);
      expect(await fields(await editor.call('POST', `/api/admin/people/${p.id}/merge`, { into: p.id }))).toEqual(['into']);
      expect(await fields(await editor.call('POST', `/api/admin/people/${p.id}/merge`, { into: 999999 }))).toEqual(['into']);
    });

    it('shows the description, photo, other names, the role set for the edition and JSON-LD Person on the person page; the quote keeps its own role', async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await makeImage(600, 600))], { type: 'image/jpeg' }), 'lantier.jpg');
      const r = await editor.call('POST', '/api/admin/media', form);
      expect(r.status).toBe(201);
      const photo = await r.json();
      const [p] = await person('Hervé');
      const { person: changed } = await editor.json('PATCH', `/api/admin/people/${p.id}`, {
        description: 'Ancien chef d’état-major, négociateur.',
        aliases: ['Le Général'],
        wikidata: 'Q123456',
        roles: { fr: 'Négociateur en chef' },
        photoImageId: photo.id,
      });
      expect(changed).toMatchObject({ wikidata: 'Q123456', aliases: ['Le Général'], roles: { fr: 'Négociateur en chef' }, photo: { id: photo.id } });
      await waitFor('the person page to show the profile', async () => (await html('/fr/personne/herve-lantier')).text.includes('chef d’état-major'));
      const page = await html('/fr/personne/herve-lantier');
      expect(page.text).toContain('Négociateur en chef');
      expect(page.text).not.toContain('général à la retraite');
      expect(page.text).toContain('<bdi>Le Général</bdi>');
      expect(page.text).toMatch(/class="profile-photo"[^>]*>.*<img [^>]*width="600"/s);
      const ld = jsonLd(page.text).find((o) => o['@type'] === 'Person');
      expect(ld).toMatchObject({ name: 'Hervé Lantier', jobTitle: 'Négociateur en chef', sameAs: ['https://www.wikidata.org/wiki/Q123456'], alternateName: ['Le Général'] });
      expect(ld.url).toMatch(/\/fr\/personne\/herve-lantier$/);
      // Readers searching for another name they go by find them.
      const found = await (await get(`/api/content/search?edition=fr&q=${encodeURIComponent('Général')}`)).json();
      expect(found.names.map((n: { path: string }) => n.path)).toContain('/fr/personne/herve-lantier');
      const article = await html(`/fr/monde/${first.slug}`);
      expect(article.text).toContain('<bdi class="role">général à la retraite</bdi>');
    });

    it('merges two people in one step: the merged one’s page answers 301 to the kept one, which lists both articles', async () => {
      const [kept] = await person('Hervé');
      const [gone] = await person('H. Lantier');
      expect((await html('/fr/personne/h-lantier')).status).toBe(200);
      const { person: after } = await editor.json('POST', `/api/admin/people/${gone.id}/merge`, { into: kept.id });
      expect(after.aliases).toEqual(expect.arrayContaining(['Le Général', 'H. Lantier']));
      expect(after.articles).toBe(2);
      expect((await person('lantier')).map((p) => p.id)).toEqual([kept.id]);
      await waitFor('the merged person’s page to move', async () => (await get('/fr/personne/h-lantier')).status === 301);
      const old = await html('/fr/personne/h-lantier');
      expect(old.location).toBe('/fr/personne/herve-lantier');
      const page = await html('/fr/personne/herve-lantier');
      expect(page.text).toContain('Le général parle');
      expect(page.text).toContain('Le général reparle');
      // A new quote under the merged name is the kept person's.
      await publish({ headline: 'Troisième intervention', body: [quote('H. Lantier')] });
      expect((await editor.json('GET', `/api/admin/people/${kept.id}`)).person.articles).toBe(3);
      expect((await editor.call('POST', `/api/admin/people/${gone.id}/merge`, { into: kept.id })).status).toBe(409);
    });

    it('renames a person: the former address answers 301', async () => {
      const [p] = await person('Hervé');
      const { person: renamed } = await editor.json('PATCH', `/api/admin/people/${p.id}`, { name: 'Hervé Lantier-Duval' });
      expect(renamed.slug).toBe('herve-lantier-duval');
      await waitFor('the former address to move', async () => (await get('/fr/personne/herve-lantier')).status === 301);
      expect((await html('/fr/personne/herve-lantier')).location).toBe('/fr/personne/herve-lantier-duval');
      expect((await html('/fr/personne/h-lantier')).location).toBe('/fr/personne/herve-lantier-duval');
      expect((await html('/fr/personne/herve-lantier-duval')).status).toBe(200);
    });
  });

  describe('topics', () => {
    it('renames a topic and describes it: the former address answers 301, the page shows the description', async () => {
      const [t] = await topic('Diplomatie');
      expect(t.name).toBe('Diplomatie');
      expect((await contributor.call('PATCH', `/api/admin/topics/${t.id}`, { name: 'x' })).status).toBe(403);
      expect(await fields(await editor.call('PATCH', `/api/admin/topics/${t.id}`, { featured: 'yes' }))).toEqual(['featured']);
      const { topic: renamed } = await editor.json('PATCH', `/api/admin/topics/${t.id}`, { name: 'Diplomatie mondiale', description: 'Négociations et sommets.' });
      expect(renamed.slug).toBe('diplomatie-mondiale');
      await waitFor('the former topic address to move', async () => (await get('/fr/sujet/diplomatie')).status === 301);
      expect((await html('/fr/sujet/diplomatie')).location).toBe('/fr/sujet/diplomatie-mondiale');
      expect((await html('/fr/sujet/diplomatie-mondiale')).text).toContain('Négociations et sommets.');
      // Its feeds follow.
      expect((await html('/fr/sujet/diplomatie/feed.atom')).location).toBe('/fr/sujet/diplomatie-mondiale/feed.atom');
      expect((await get('/fr/sujet/diplomatie-mondiale/feed.atom')).status).toBe(200);
      // A slug in another script is sent percent-encoded; renaming back takes the former slug again.
      await editor.json('PATCH', `/api/admin/topics/${t.id}`, { slug: 'دبلوماسية' });
      const arabic = `/fr/sujet/${encodeURIComponent('دبلوماسية')}`;
      await waitFor('the topic to move to its Arabic slug', async () => (await html('/fr/sujet/diplomatie')).location === arabic);
      expect((await get(arabic)).status).toBe(200);
      await editor.json('PATCH', `/api/admin/topics/${t.id}`, { slug: 'diplomatie-mondiale' });
      await waitFor('the topic to move back', async () => (await html(arabic)).location === '/fr/sujet/diplomatie-mondiale');
      expect((await get('/fr/sujet/diplomatie-mondiale')).status).toBe(200);
    });

    it('merges a topic into another of the edition: its articles move, its address answers 301', async () => {
      const [kept] = await topic('Diplomatie mondiale');
      const [gone] = await topic('Diplomatie internationale');
      const { topic: after } = await editor.json('POST', `/api/admin/topics/${gone.id}/merge`, { into: kept.id });
      expect(after.articles).toBe(2);
      // The kept topic's page, cached before, is dropped once this node hears of the change.
      await waitFor('the kept topic to list the merged one’s articles', async () => (await html('/fr/sujet/diplomatie-mondiale')).text.includes('Le général reparle'));
      expect((await html('/fr/sujet/diplomatie-internationale')).location).toBe('/fr/sujet/diplomatie-mondiale');
      const page = await html('/fr/sujet/diplomatie-mondiale');
      expect(page.text).toContain('Le général parle');
      expect(page.text).toContain('Le général reparle');
      expect((await topic('Diplomatie')).map((t) => t.id)).toEqual([kept.id]);
    });

    it('features a topic on the home page, and takes it off', async () => {
      const [t] = await topic('Diplomatie mondiale');
      await editor.json('PATCH', `/api/admin/topics/${t.id}`, { featured: true });
      await waitFor('the home page to feature the topic', async () => (await html('/fr/')).text.includes('class="home-topics"'));
      expect((await html('/fr/')).text).toMatch(/<nav class="home-topics"[^]*href="\/fr\/sujet\/diplomatie-mondiale"/);
      expect((await editor.json('GET', '/api/admin/topics?featured=true')).topics.map((x: { id: number }) => x.id)).toEqual([t.id]);
      await editor.json('PATCH', `/api/admin/topics/${t.id}`, { featured: false });
      await waitFor('the home page to drop the topic', async () => !(await html('/fr/')).text.includes('class="home-topics"'));
    });
  });

  describe('authors', () => {
    it('keeps bio, role, photo and social links, refusing a link that is not http(s)', async () => {
      const { authors } = await editor.json('GET', '/api/admin/authors?q=martin');
      expect(authors).toHaveLength(1);
      const a = authors[0];
      expect(await fields(await editor.call('PATCH', `/api/admin/authors/${a.id}`, { social: [{ network: 'Site', url: 'javascript:alert(1)' }] }))).toEqual(['social.0.url']);
      expect(await fields(await editor.call('PATCH', `/api/admin/authors/${a.id}`, { social: [{ network: '', url: 'https://example.org' }] }))).toEqual(['social.0.network']);
      const { author } = await editor.json('PATCH', `/api/admin/authors/${a.id}`, {
        bio: 'Correspondante diplomatique depuis 2019.',
        role: 'Correspondante à Genève',
        social: [{ network: 'Mastodon', url: 'https://mastodon.example/@lea' }],
      });
      expect(author).toMatchObject({ role: 'Correspondante à Genève', social: [{ network: 'Mastodon', url: 'https://mastodon.example/@lea' }], articles: 2 });
      await waitFor('the author page to show the profile', async () => (await html('/fr/auteur/lea-martin')).text.includes('Correspondante diplomatique'));
      const page = await html('/fr/auteur/lea-martin');
      expect(page.text).toContain('Correspondante à Genève');
      expect(page.text).toContain('href="https://mastodon.example/@lea"');
      expect(page.text).toContain('Le général reparle');
      expect(jsonLd(page.text).find((o) => o['@type'] === 'Person')).toMatchObject({ name: 'Léa Martin', jobTitle: 'Correspondante à Genève', sameAs: ['https://mastodon.example/@lea'] });
    });

    it('merges an author into another: bylines move, the old page and feed answer 301, a new byline under the old name is the kept author’s', async () => {
      await publish({ headline: 'Signé deux fois', authors: ['L. Martin'] });
      const { authors } = await editor.json('GET', '/api/admin/authors?q=martin');
      const kept = authors.find((a: { name: string }) => a.name === 'Léa Martin');
      const gone = authors.find((a: { name: string }) => a.name === 'L. Martin');
      expect((await contributor.call('POST', `/api/admin/authors/${gone.id}/merge`, { into: kept.id })).status).toBe(403);
      const { author } = await editor.json('POST', `/api/admin/authors/${gone.id}/merge`, { into: kept.id });
      expect(author.articles).toBe(3);
      await waitFor('the kept author’s page, cached before, to list the merged one’s articles', async () => (await html('/fr/auteur/lea-martin')).text.includes('Signé deux fois'));
      expect((await html('/fr/auteur/l-martin')).location).toBe('/fr/auteur/lea-martin');
      expect((await html('/fr/auteur/l-martin/feed.xml')).location).toBe('/fr/auteur/lea-martin/feed.xml');
      expect((await editor.json('GET', '/api/admin/authors?q=martin')).authors.map((a: { id: number }) => a.id)).toEqual([kept.id]);
      await publish({ headline: 'Signé encore', authors: ['L. Martin'] });
      expect((await editor.json('GET', `/api/admin/authors/${kept.id}`)).author.articles).toBe(4);
      // Renaming keeps the former address answering.
      await editor.json('PATCH', `/api/admin/authors/${kept.id}`, { slug: 'lea-martin-geneve' });
      await waitFor('the renamed author’s page to move', async () => (await get('/fr/auteur/lea-martin')).status === 301);
      expect((await html('/fr/auteur/lea-martin')).location).toBe('/fr/auteur/lea-martin-geneve');
      expect((await html('/fr/auteur/l-martin')).location).toBe('/fr/auteur/lea-martin-geneve');
    });
  });
});
