import type { App } from '../../src/app.ts';
import { announceContentChange } from '../../src/bus/content-changes.ts';
import { key } from '../../src/cdn/keys.ts';
import { slugify } from '../../src/content/slug.ts';
import { announceLiveEvent, recordLiveEvent, type LiveEventKind } from '../../src/live/live-events.ts';
import { bumpContentVersion } from '../../src/store/content-version.ts';
import type { Db } from '../../src/store/db.ts';

/**
 * Writes live entries for tests the way the entry API does (one transaction:
 * the row, the live event, the content version and CDN purge of the live;
 * then the announcement on the bus). Stands in until the Admin API's entries
 * endpoints are merged.
 */
export interface TestEntry {
  title?: string | null;
  text?: string;
  body?: unknown[];
  author?: string;
  source?: { name: string; url?: string };
  pinned?: boolean;
  keyPoint?: boolean;
  correction?: string | null;
  status?: 'draft' | 'published';
  postedAt?: string;
}

/** Makes an imported article a live. */
export async function makeLive(app: App, articleId: number, startedAt: string, endedAt: string | null = null): Promise<void> {
  await app.store.db.transaction().execute(async (trx) => {
    await trx.updateTable('articles').set({ live_started_at: startedAt, live_ended_at: endedAt }).where('id', '=', articleId).execute();
    await bumpContentVersion(trx, [key.article(articleId)]);
  });
  announceContentChange(app.bus);
}

async function authorId(trx: Db, name: string): Promise<number> {
  const slug = slugify(name);
  const found = await trx.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst();
  if (found) return found.id;
  return (await trx.insertInto('authors').values({ slug, name }).returning('id').executeTakeFirstOrThrow()).id;
}

function bodyOf(e: TestEntry): string {
  return JSON.stringify(e.body ?? [{ type: 'paragraph', text: e.text ?? 'Une entrée.' }]);
}

async function announce(app: App, articleId: number, eventId: number | undefined) {
  if (eventId !== undefined) announceLiveEvent(app.bus, { articleId, eventId });
  announceContentChange(app.bus);
}

/** Posts an entry; answers its id and its event id (none for a draft). */
export async function postEntry(app: App, articleId: number, e: TestEntry, now = new Date()): Promise<{ id: number; eventId?: number }> {
  const out = await app.store.db.transaction().execute(async (trx) => {
    const status = e.status ?? 'published';
    const row = await trx
      .insertInto('live_entries')
      .values({
        article_id: articleId,
        status,
        posted_at: e.postedAt ?? now.toISOString(),
        title: e.title ?? null,
        author_id: e.author ? await authorId(trx, e.author) : null,
        source_name: e.source?.name ?? null,
        source_url: e.source?.url ?? null,
        body: bodyOf(e),
        pinned: e.pinned ? 1 : 0,
        key_point: e.keyPoint ? 1 : 0,
        correction: e.correction ?? null,
        owner_id: null,
        owner_token_id: null,
        ingest_item_id: null,
        article_draft_id: null,
        created_at: now.toISOString(),
        updated_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const eventId = status === 'published' ? await recordLiveEvent(trx, articleId, row.id, 'published', now) : undefined;
    await bumpContentVersion(trx, [key.article(articleId)]);
    return { id: row.id, eventId };
  });
  await announce(app, articleId, out.eventId);
  return out;
}

/** Changes an entry (published stays published). */
export async function editEntry(app: App, articleId: number, entryId: number, e: TestEntry, now = new Date()): Promise<number> {
  const eventId = await app.store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('live_entries')
      .set({
        ...(e.title !== undefined ? { title: e.title } : {}),
        ...(e.text !== undefined || e.body ? { body: bodyOf(e) } : {}),
        ...(e.correction !== undefined ? { correction: e.correction } : {}),
        ...(e.pinned !== undefined ? { pinned: e.pinned ? 1 : 0 } : {}),
        ...(e.keyPoint !== undefined ? { key_point: e.keyPoint ? 1 : 0 } : {}),
        updated_at: now.toISOString(),
      })
      .where('id', '=', entryId)
      .execute();
    const id = await recordLiveEvent(trx, articleId, entryId, 'updated' as LiveEventKind, now);
    await bumpContentVersion(trx, [key.article(articleId)]);
    return id;
  });
  await announce(app, articleId, eventId);
  return eventId;
}

export async function deleteEntry(app: App, articleId: number, entryId: number, now = new Date()): Promise<number> {
  const eventId = await app.store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('live_entries').where('id', '=', entryId).execute();
    const id = await recordLiveEvent(trx, articleId, entryId, 'deleted', now);
    await bumpContentVersion(trx, [key.article(articleId)]);
    return id;
  });
  await announce(app, articleId, eventId);
  return eventId;
}

/** Ends the live now, announced as the entry API does: on the live topic, with the live's latest event id (pages see the version move by their poll). */
export async function endLive(app: App, articleId: number, now = new Date()): Promise<void> {
  const last = await app.store.db.transaction().execute(async (trx) => {
    await trx.updateTable('articles').set({ live_ended_at: now.toISOString() }).where('id', '=', articleId).execute();
    await bumpContentVersion(trx, [key.article(articleId)]);
    return trx.selectFrom('live_events').select((eb) => eb.fn.max('id').as('m')).where('article_id', '=', articleId).executeTakeFirst();
  });
  announceLiveEvent(app.bus, { articleId, eventId: Number(last?.m ?? 0) });
}
