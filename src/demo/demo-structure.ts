import fs from 'node:fs/promises';
import path from 'node:path';
import { SITE_KEY } from '../cdn/keys.ts';
import { BlockInput } from '../content/blocks.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';

/** The demo's static pages, menus, featured topics and profiles (content/site-structure.json). */
interface DemoStructure {
  pages: Array<{ edition: string; kind: string; slug: string; title: string; description: string; body: unknown[] }>;
  headerMenus: Record<string, Array<{ kind: 'section' | 'topic'; slug: string; label?: string }>>;
  featuredTopics: Array<{ edition: string; slug: string; description: string }>;
  authors: Array<{ name: string; role: string; bio: string; social?: Array<{ network: string; url: string }> }>;
  people: Array<{ name: string; description: string }>;
}

/**
 * Gives the demo what a newsroom's site has besides its articles: its static
 * pages (published, in the footer), a header menu, a featured topic, and the
 * authors' and some people's profiles. Run again it adds nothing and changes
 * nothing a newsroom has edited since: pages are added when their address is
 * free, menus when the edition has none, profiles only where they are empty.
 */
export async function loadDemoStructure(db: Db, contentDir: string, now: Date): Promise<{ pages: number }> {
  const data = JSON.parse(await fs.readFile(path.join(contentDir, 'site-structure.json'), 'utf8')) as DemoStructure;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    let pages = 0;
    let changed = false;
    const editions = new Set((await trx.selectFrom('editions').select('code').execute()).map((e) => e.code));
    for (const [i, p] of data.pages.entries()) {
      if (!editions.has(p.edition)) continue;
      const taken = await trx.selectFrom('pages').select('id').where('edition', '=', p.edition).where('slug', '=', p.slug).executeTakeFirst();
      if (taken) continue;
      // The blocks are the article editor's; checked like its own so that the demo never stores what it would refuse.
      const body = p.body.map((b) => BlockInput.parse(b));
      await trx
        .insertInto('pages')
        .values({ edition: p.edition, slug: p.slug, title: p.title, description: p.description, kind: p.kind, body: JSON.stringify(body), status: 'published', in_footer: 1, position: i + 1, created_at: at, updated_at: at, published_at: at })
        .execute();
      pages++;
      changed = true;
    }
    for (const [edition, items] of Object.entries(data.headerMenus)) {
      if (!editions.has(edition)) continue;
      const has = await trx.selectFrom('menu_items').select('id').where('edition', '=', edition).where('menu', '=', 'header').executeTakeFirst();
      if (has) continue;
      let position = 0;
      for (const item of items) {
        const target =
          item.kind === 'section'
            ? await trx.selectFrom('sections').select('id').where('edition', '=', edition).where('slug', '=', item.slug).executeTakeFirst()
            : await trx.selectFrom('tags').select('id').where('edition', '=', edition).where('slug', '=', item.slug).executeTakeFirst();
        if (!target) continue;
        await trx.insertInto('menu_items').values({ edition, menu: 'header', position: position++, kind: item.kind, target_id: target.id, url: null, label: item.label ?? null }).execute();
        changed = true;
      }
    }
    for (const t of data.featuredTopics) {
      const r = await trx.updateTable('tags').set({ featured: 1, description: t.description }).where('edition', '=', t.edition).where('slug', '=', t.slug).where('description', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows)) changed = true;
    }
    for (const a of data.authors) {
      const r = await trx
        .updateTable('authors')
        .set({ role: a.role, bio: a.bio, social: JSON.stringify(a.social ?? []) })
        .where('name', '=', a.name)
        .where('bio', 'is', null)
        .where('role', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows)) changed = true;
    }
    for (const p of data.people) {
      const r = await trx.updateTable('people').set({ description: p.description }).where('name', '=', p.name).where('description', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows)) changed = true;
    }
    // Pages and menus are in every page's frame.
    if (changed) await bumpContentVersion(trx, [SITE_KEY]);
    return { pages };
  });
}
