import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, firstAdmin, type AdminClient } from './admin-client.ts';
import { ensureEdition } from '../src/content/edition.service.ts';
import { forEachDialect, makeArticle, makeDraft, makeImage, startTestSite, type TestSite } from './harness.ts';

/** The newsroom's article list searched in every field and every status, through the search engine. */

const PASSWORD = 'correct horse battery';

interface Listed {
  id: number;
  status: string;
  found?: Array<{ field: string; segments: Array<{ text: string; mark?: boolean }> }>;
}

forEachDialect('newsroom article search', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  let author: AdminClient;
  let authorId: number;
  const id: Record<string, number> = {};

  const create = async (client: AdminClient, key: string, body: Record<string, unknown>) => {
    const r = await client.call('POST', '/api/admin/articles', body);
    expect(r.status, `${key}: ${await r.clone().text()}`).toBe(201);
    id[key] = (await r.json()).article.id;
  };

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0, webhooksMs: 0, ingestMs: 0 });
    admin = await firstAdmin(site.url, PASSWORD);
    const user = await admin.json('POST', '/api/admin/users', { email: 'auteur@example.org', name: 'Aurore', role: 'author', password: PASSWORD });
    authorId = (user.user ?? user).id;
    author = await adminClient(site.url).login('auteur@example.org', PASSWORD);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await makeImage(600, 400))], { type: 'image/jpeg' }), 'pont.jpg');
    const picture = await admin.json('POST', '/api/admin/media', form);

    // A draft whose body alone says "chantier", and whose quote is Martine's.
    await create(admin, 'body', {
      ...makeDraft({ headline: 'La ligne 3 attendra encore', section: 'societe' }),
      standfirst: 'Les riverains s’impatientent.',
      body: [
        { type: 'paragraph', text: 'Le chantier de la ligne a pris six mois de retard, selon la métropole.' },
        { type: 'quote', text: 'Nous tiendrons les délais annoncés', speaker: { name: 'Martine Lefranc', role: 'adjointe aux transports' } },
      ],
    });
    await create(admin, 'caption', {
      ...makeArticle({ headline: 'Le pont rouvre', section: 'societe', status: 'published', publishedAt: '2026-11-20T08:00:00Z' }),
      lead: { image: picture.id, alt: 'Le pont', caption: 'Vue du viaduc depuis la berge', credit: 'Photo Studio Gravelines' },
    });
    await create(admin, 'tagged', { ...makeArticle({ headline: 'Conseil municipal', section: 'politique', status: 'in_review', publishedAt: undefined }), tags: ['Urbanisme durable'], authors: ['Octave Rambert'] });
    await create(admin, 'seo', { ...makeDraft({ headline: 'Un titre sans rapport', section: 'politique' }), seo: { title: 'Référendum sur la piétonnisation', description: 'Tout savoir' } });
    await create(admin, 'hostile', { ...makeDraft({ headline: '<script>alert(1)</script> Grève des éboueurs', section: 'societe' }), body: [{ type: 'paragraph', text: 'La <b>grève</b> & "les" <img src=x onerror=alert(1)> poubelles.' }] });
    await create(admin, 'wire', { ...makeDraft({ headline: 'Chantier de l’autoroute A69', section: 'societe' }), source: { name: 'Agence Exemple' } });
    await ensureEdition(site.app.store.db, { code: 'en', name: 'News', timeZone: 'UTC' });
    await create(admin, 'english', { ...makeDraft({ edition: 'en', headline: 'The viaduc reopens', section: 'societe' }) });
    await create(author, 'owned', { ...makeDraft({ headline: 'Le chantier du stade', section: 'sport' }) });
    await create(admin, 'unpublished', makeArticle({ headline: 'Chantier naval en faillite', section: 'economie', publishedAt: '2026-11-01T08:00:00Z' }));
    // The Admin API makes drafts: the workflow takes them on.
    for (const [key, steps] of [['caption', ['published']], ['tagged', ['in_review']], ['unpublished', ['published', 'unpublished']]] as const) {
      for (const to of steps) {
        const r = await admin.call('POST', `/api/admin/articles/${id[key]}/transitions`, { to });
        expect(r.status, await r.clone().text()).toBe(200);
      }
    }
  });
  afterAll(() => site.close());

  const search = async (query: string): Promise<{ articles: Listed[]; total: number; sort: string }> => admin.json('GET', `/api/admin/articles?${query}`);
  const ids = async (query: string) => (await search(query)).articles.map((a) => a.id).sort((a, b) => a - b);
  const q = (words: string) => `q=${encodeURIComponent(words)}`;

  it('finds a draft by a word of its body and by the person it quotes, and says where', async () => {
    const byBody = await search(q('chantier'));
    expect(byBody.articles.map((a) => a.id)).toContain(id.body);
    const hit = byBody.articles.find((a) => a.id === id.body)!;
    expect(hit.status).toBe('draft');
    expect(hit.found!.map((f) => f.field)).toEqual(['body']);
    expect(hit.found![0]!.segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['chantier']);
    expect(hit.found![0]!.segments.map((s) => s.text).join('')).toContain('Le chantier de la ligne');

    const bySpeaker = await search(q('Martine'));
    expect(bySpeaker.articles.map((a) => a.id)).toEqual([id.body]);
    expect(bySpeaker.articles[0]!.found!.map((f) => f.field)).toContain('speakers');
    expect(await ids(q('délais annoncés'))).toEqual([id.body]);
    expect((await search(q('délais')).then((r) => r.articles[0]!.found!.map((f) => f.field)))).toEqual(['quotes']);
  });

  it('finds captions and credits, topics, bylines and SEO fields', async () => {
    expect(await ids(q('gravelines'))).toEqual([id.caption]);
    expect((await search(q('gravelines'))).articles[0]!.found!.map((f) => f.field)).toEqual(['captions']);
    expect(await ids(q('urbanisme'))).toEqual([id.tagged]);
    expect(await ids(q('rambert'))).toEqual([id.tagged]);
    expect((await search(q('rambert'))).articles[0]!.found!.map((f) => f.field)).toEqual(['authors']);
    expect(await ids(q('pietonnisation'))).toEqual([id.seo]);
    expect((await search(q('pietonnisation'))).articles[0]!.found!.map((f) => f.field)).toEqual(['seo']);
  });

  it('searches every status, and filters by status and by owner', async () => {
    const all = await ids(q('chantier'));
    expect(all).toEqual([id.body, id.wire, id.owned, id.unpublished].sort((a, b) => a - b));
    expect((await search(q('urbanisme'))).articles[0]!.status).toBe('in_review');
    expect((await search(`${q('viaduc')}&edition=fr`)).articles[0]!.status).toBe('published');
    expect(await ids(`${q('chantier')}&status=draft`)).toEqual([id.body, id.wire, id.owned].sort((a, b) => a - b));
    expect(await ids(`${q('chantier')}&status=unpublished`)).toEqual([id.unpublished]);
    expect(await ids(`${q('chantier')}&status=published`)).toEqual([]);
    expect(await ids(`${q('chantier')}&owner=${authorId}`)).toEqual([id.owned]);
    expect(await ids(`${q('chantier')}&section=sport`)).toEqual([id.owned]);
    expect(await ids(`${q('chantier')}&type=wire`)).toEqual([id.wire]);
    expect(await ids(`${q('chantier')}&from=2000-01-01&to=2000-01-02`)).toEqual([]);
    // Published on 1 November at 09:00 in Paris: the day of the edition's time zone.
    expect(await ids(`${q('chantier')}&from=2026-11-01&to=2026-11-01&edition=fr`)).toEqual([id.unpublished]);
    // The same filters without a search.
    expect(await ids('type=wire')).toEqual([id.wire]);
    expect(await ids('from=2000-01-01&to=2000-01-02')).toEqual([]);
    expect(await ids(`owner=${authorId}`)).toEqual([id.owned]);
    expect(await ids(`topic=urbanisme-durable`)).toEqual([id.tagged]);
    // The topics the admin suggests for the filter, by name.
    expect((await admin.json('GET', '/api/admin/tags?q=URBA')).tags).toEqual([expect.objectContaining({ edition: 'fr', slug: 'urbanisme-durable', name: 'Urbanisme durable' })]);
  });

  it('filters by a section whose slug several editions share, with or without the edition', async () => {
    const both = [id.caption, id.english].sort((a, b) => a - b);
    expect(await ids(q('viaduc'))).toEqual(both);
    expect(await ids(`${q('viaduc')}&section=societe`)).toEqual(both);
    expect(await ids(`${q('viaduc')}&section=societe&edition=en`)).toEqual([id.english]);
    expect(await ids(`${q('viaduc')}&section=sport`)).toEqual([]);
    expect(await ids(`${q('viaduc')}&section=nowhere`)).toEqual([]);
  });

  it('keeps hostile text as plain segments', async () => {
    const r = await search(q('grève'));
    const hit = r.articles.find((a) => a.id === id.hostile)!;
    const body = hit.found!.find((f) => f.field === 'body')!;
    expect(body.segments.map((s) => s.text).join('')).toBe('La <b>grève</b> & "les" <img src=x onerror=alert(1)> poubelles.');
    expect(body.segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['grève']);
    const headline = hit.found!.find((f) => f.field === 'headline')!;
    expect(headline.segments.map((s) => s.text).join('')).toBe('<script>alert(1)</script> Grève des éboueurs');
  });

  it('orders by relevance with a search, or by the column asked for, and answers 422 naming what it cannot use', async () => {
    const r = await search(q('chantier'));
    expect(r.sort).toBe('relevance');
    expect(r.total).toBe(4);
    const byHeadline = await search(`${q('chantier')}&sort=headline`);
    expect(byHeadline.sort).toBe('headline');
    expect(byHeadline.articles.map((a) => a.id)).toEqual([id.wire, id.unpublished, id.body, id.owned]);
    const bad = await admin.call('GET', '/api/admin/articles?sort=relevance&type=podcast&from=2026-13-01');
    expect(bad.status).toBe(422);
    expect((await bad.json()).issues.map((i: { field: string }) => i.field).sort()).toEqual(['from', 'type']);
    const noQ = await admin.call('GET', '/api/admin/articles?sort=relevance');
    expect((await noQ.json()).issues.map((i: { field: string }) => i.field)).toEqual(['sort']);
  });
});
