import { afterAll, beforeAll, expect, it } from 'vitest';
import { firstAdmin, type AdminClient } from '../admin-client.ts';
import { forEachDialect, makeDraft, startTestSite, type TestSite } from '../harness.ts';

const PASSWORD = 'correct horse battery';

forEachDialect('hostile: writers naming the same new section, tag, author and person at once', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;

  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0 });
    admin = await firstAdmin(site.url, PASSWORD, 'Ada');
  });
  afterAll(() => site.close());

  it('creates every article, and each new name once', async () => {
    const drafts = Array.from({ length: 12 }, (_, i) => {
      return makeDraft({
        section: 'nouvelle-rubrique',
        tags: ['Sommet du Caire'],
        authors: ['Inès Marchal'],
        body: [{ type: 'quote', text: `Citation ${i}.`, speaker: { name: 'Karim Haddad', role: 'porte-parole' } }],
      });
    });
    const answers = await Promise.all(drafts.map((d) => admin.call('POST', '/api/admin/articles', d)));
    const statuses = await Promise.all(answers.map(async (r) => `${r.status} ${r.status >= 400 ? await r.text() : ''}`.trim()));
    expect(statuses).toEqual(drafts.map(() => '201'));
    const db = site.app.store.db;
    expect(await db.selectFrom('sections').select('id').where('slug', '=', 'nouvelle-rubrique').execute()).toHaveLength(1);
    expect(await db.selectFrom('tags').select('id').where('name', '=', 'Sommet du Caire').execute()).toHaveLength(1);
    expect(await db.selectFrom('authors').select('id').where('name', '=', 'Inès Marchal').execute()).toHaveLength(1);
    expect(await db.selectFrom('people').select('id').where('name', '=', 'Karim Haddad').execute()).toHaveLength(1);
    const links = await db.selectFrom('article_people').select('article_id').execute();
    expect(links).toHaveLength(12);
  });
});
