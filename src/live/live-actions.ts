import { trackArticle } from '../cdn/article-change.ts';
import type { BlockInputT } from '../content/blocks.ts';
import { slugify } from '../content/slug.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../errors.ts';
import { createArticle, getArticle, recordRevision, type ApiArticle } from '../newsroom/articles.service.ts';
import { audit } from '../newsroom/audit.ts';
import { atLeast, type Actor } from '../newsroom/roles.ts';
import { enqueueWebhookEvent, webhookArticle } from '../webhooks/outbox.ts';
import { createEntry, getEntry, liveOf, mayPublish, type EntryDeps } from './entries.service.ts';
import { entryText, firstWords, type ApiEntry } from './entry-shape.ts';
import { lastEventId } from './live-entries.repository.ts';
import { announceLiveEvent } from './live-events.ts';

/**
 * One click turns a wire item of the incoming queue into an entry: its text,
 * its title, its source kept. The item stays in the queue (another desk may
 * adopt it); the entry names it (ingestItemId). Published when the actor may
 * publish into the live, else a draft, unless `status` says otherwise.
 */
export async function entryFromWire(deps: EntryDeps, articleId: number, value: unknown, actor: Actor): Promise<ApiEntry> {
  const v = (value ?? {}) as { itemId?: unknown; status?: unknown };
  const itemId = typeof v.itemId === 'number' && Number.isSafeInteger(v.itemId) && v.itemId > 0 ? v.itemId : null;
  if (itemId === null) throw new ValidationFailed([{ field: 'itemId', message: 'expected the id of a wire item of the incoming queue' }]);
  const item = await deps.db.selectFrom('ingest_items').select(['id', 'title', 'summary', 'link', 'payload']).where('id', '=', itemId).executeTakeFirst();
  if (!item) throw new NotFound(`no ingest item ${itemId}`);
  const live = await liveOf(deps.db, articleId);
  const payload = JSON.parse(item.payload) as { body?: BlockInputT[]; source?: { name?: string; url?: string }; standfirst?: string };
  // Pictures of wire copy are not in the media library: the entry keeps the words.
  let body = (payload.body ?? []).filter((b) => b.type !== 'figure' || typeof b.image === 'number');
  if (!body.length) body = [{ type: 'paragraph', text: payload.standfirst || item.summary || item.title }];
  const source = payload.source?.name ? { name: payload.source.name.slice(0, 200), ...(payload.source.url ? { url: payload.source.url } : item.link ? { url: item.link } : {}) } : undefined;
  const status = v.status === 'draft' || v.status === 'published' ? v.status : mayPublish(actor, live) ? 'published' : 'draft';
  return createEntry(deps, articleId, { status, title: item.title.slice(0, 300), ...(source ? { source } : {}), body: body.slice(0, 200) }, actor, { ingestItemId: itemId });
}

/** A slug free in the edition: the headline's, or it with -2, -3, … */
async function freeSlug(deps: EntryDeps, edition: string, headline: string): Promise<string> {
  const base = (slugify(headline) || 'entree').slice(0, 110);
  for (let n = 1; n < 50; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await deps.db.selectFrom('articles').select('id').where('edition', '=', edition).where('slug', '=', slug).executeTakeFirst())) return slug;
  }
  return `${base.slice(0, 100)}-${Date.now().toString(36)}`;
}

/**
 * One click turns an entry into a full article draft, in the live's edition and
 * section, with the entry's words, author or source; the entry links to it.
 */
export async function entryToArticle(deps: EntryDeps, articleId: number, entryId: number, actor: Actor): Promise<{ article: ApiArticle; entry: ApiEntry }> {
  const live = await liveOf(deps.db, articleId);
  const entry = await getEntry(deps, articleId, entryId);
  if (entry.articleDraftId !== null) throw new Conflict(`entry ${entryId} already became article ${entry.articleDraftId}`, [{ field: 'articleDraftId', message: String(entry.articleDraftId) }]);
  const headline = entry.title ?? firstWords(entryText(entry.body), 120);
  const article = await createArticle(
    deps,
    {
      edition: live.edition,
      section: live.section,
      slug: await freeSlug(deps, live.edition, headline),
      headline: headline || live.headline,
      authors: entry.author ? [entry.author] : [],
      ...(entry.source ? { source: entry.source } : {}),
      body: entry.body,
    },
    actor,
  );
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('live_entries')
      .set((eb) => ({ article_draft_id: article.id, version: eb('version', '+', 1) }))
      .where('id', '=', entryId)
      .where('article_draft_id', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new Conflict(`entry ${entryId} became another article at the same moment`);
    await audit(trx, deps.now(), actor, 'live.entry.article', `article:${articleId}`, { entryId, articleId: article.id });
  });
  return { article, entry: await getEntry(deps, articleId, entryId) };
}

/** "Terminer le direct": the live ends now (coverageEndTime); its page stays as an archive. An editor's. */
export async function endLive(deps: EntryDeps, articleId: number, actor: Actor): Promise<ApiArticle> {
  if (!atLeast(actor, 'editor')) throw new Forbidden('only an editor ends a live');
  const live = await liveOf(deps.db, articleId);
  if (!live.live_started_at) throw new Conflict(`article ${articleId} is not a live`, [{ field: 'live', message: 'not a live article' }]);
  if (live.live_ended_at) return getArticle(deps, articleId);
  const now = deps.now().toISOString();
  const ended = await deps.db.transaction().execute(async (trx) => {
    const change = await trackArticle(trx, articleId, now);
    // A new version: an editor holding the article as it was gets 412 rather than reopening the live by saving.
    await trx
      .updateTable('articles')
      .set((eb) => ({ live_ended_at: now, changed_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', articleId)
      .execute();
    await audit(trx, deps.now(), actor, 'live.end', `article:${articleId}`);
    await change.bump();
    const article = await recordRevision(deps, trx, articleId, actor);
    if (live.status === 'published') await enqueueWebhookEvent(trx, deps.now(), 'article.updated', webhookArticle(article));
    return article;
  });
  // No entry changed, so no live event: the announcement (with the live's latest event id) tells every node's
  // pages of this live to look again; the live's row now says it ended (live_ended_at).
  announceLiveEvent(deps.bus, { articleId, eventId: await lastEventId(deps.db, articleId) });
  return ended;
}
