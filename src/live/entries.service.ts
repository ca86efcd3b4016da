import type { Bus } from '../bus/bus.ts';
import { key } from '../cdn/keys.ts';
import type { Config } from '../config.ts';
import type { EntryInput } from '../content/article.schema.ts';
import { readImages, type ImageRef } from '../content/import-images.ts';
import { checkVideoMentions, videoMentions } from '../video/video-refs.ts';
import { paths } from '../content/paths.ts';
import { Conflict, Forbidden, NotFound, PreconditionFailed, PreconditionRequired, ValidationFailed, type FieldIssue } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import { atLeast, ownerOf, owns, type Actor } from '../newsroom/roles.ts';
import { enqueuePush } from '../push/push-jobs.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { MAX_ID, plainWhole } from '../store/ids.ts';
import type { LiveEntryTable } from '../store/schema.ts';
import type { ApiRunningLive } from '../newsroom/api-shapes.ts';
import { enqueueWebhookPayload, webhookArticle, type WebhookEvent } from '../webhooks/outbox.ts';
import { authorIdOf } from './entry-authors.ts';
import { entryRows, entryText, figureIssues, firstWords, parseEntry, presentEntry, requireMediaIds, storedBlocks, type ApiEntry } from './entry-shape.ts';
import { announceLiveEvent, recordLiveEvent, type LiveEventKind } from './live-events.ts';

export interface EntryDeps {
  db: Db;
  now: () => Date;
  config: Pick<Config, 'publicUrl'>;
  /** Told after each commit that readers' pages have news (src/live/live-events.ts). */
  bus: Bus;
}

/** What an entry write needs to know of its live. */
export interface LiveRow {
  id: number;
  edition: string;
  slug: string;
  section: string;
  headline: string;
  status: string;
  published_at: string | null;
  updated_at: string | null;
  base_url: string | null;
  live_started_at: string | null;
  live_ended_at: string | null;
  live_open_posting: number;
  live_push: number;
}

export async function liveOf(db: Db, articleId: number): Promise<LiveRow> {
  const row = await db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('editions as e', 'e.code', 'a.edition')
    .select(['a.id', 'a.edition', 'a.slug', 's.slug as section', 'a.headline', 'a.status', 'a.published_at', 'a.updated_at', 'e.base_url', 'a.live_started_at', 'a.live_ended_at', 'a.live_open_posting', 'a.live_push'])
    .where('a.id', '=', articleId)
    .executeTakeFirst();
  if (!row) throw new NotFound(`no article ${articleId}`);
  return row;
}

/** The article's live, or 409 when it is not one. */
async function requireLive(db: Db, articleId: number): Promise<LiveRow> {
  const live = await liveOf(db, articleId);
  if (!live.live_started_at) throw new Conflict(`article ${articleId} is not a live: make it one first (live.startedAt)`, [{ field: 'live', message: 'not a live article' }]);
  return live;
}

/** Publishing an entry: an editor, or anyone where the live is open to posting. */
export function mayPublish(actor: Actor, live: Pick<LiveRow, 'live_open_posting'>): boolean {
  return atLeast(actor, 'editor') || live.live_open_posting === 1;
}

function ownsEntry(actor: Actor, e: { owner_id: number | null; owner_token_id: number | null }): boolean {
  return owns(actor, { userId: e.owner_id, tokenId: e.owner_token_id });
}

const liveVisible = (live: LiveRow, now: string) => live.status === 'published' && live.published_at !== null && live.published_at <= now;

export function entryUrl(deps: Pick<EntryDeps, 'config'>, live: LiveRow, entryId: number): string {
  return (live.base_url || deps.config.publicUrl) + paths.liveEntry(live.edition, live.section, live.slug, entryId);
}

/** The event readers' pages get for a change from `before` to `after` (null: none, or gone): a draft is never an event. */
function eventOf(before: 'draft' | 'published' | null, after: 'draft' | 'published' | null): LiveEventKind | null {
  if (after === 'published') return before === 'published' ? 'updated' : 'published';
  return before === 'published' ? 'deleted' : null;
}

const WEBHOOK_OF: Record<LiveEventKind, WebhookEvent> = { published: 'live.entry.published', updated: 'live.entry.updated', deleted: 'live.entry.deleted' };

/**
 * What a change readers see sets off, in the write's transaction: the live
 * event (the pages' stream), the purge of this live's pages alone (page caches
 * and the CDN: key.article), the webhook while the live is public, and a push
 * for a key point newly published in a live that sends them. Nothing here
 * reads the live's other entries: a post costs the same in a live of 5 or
 * 5,000 entries. Answers the event id to announce after the commit.
 */
async function readersSee(deps: EntryDeps, trx: Db, live: LiveRow, kind: LiveEventKind, entry: ApiEntry, wasKeyPoint: boolean): Promise<number> {
  const now = deps.now();
  const nowIso = now.toISOString();
  const eventId = await recordLiveEvent(trx, live.id, entry.id, kind, now);
  await bumpContentVersion(trx, [key.article(live.id)]);
  if (liveVisible(live, nowIso)) {
    const url = entryUrl(deps, live, entry.id);
    const text = entryText(entry.body);
    const article = webhookArticle({ id: live.id, edition: live.edition, slug: live.slug, url: (live.base_url || deps.config.publicUrl) + paths.article(live.edition, live.section, live.slug), headline: live.headline, status: live.status, publishedAt: live.published_at ?? undefined, updatedAt: live.updated_at ?? undefined });
    await enqueueWebhookPayload(trx, now, WEBHOOK_OF[kind], {
      article,
      entry: { id: entry.id, url, postedAt: entry.postedAt, title: entry.title, author: entry.author ?? entry.source?.name ?? null, keyPoint: entry.keyPoint, pinned: entry.pinned, text },
    });
    const newKeyPoint = kind !== 'deleted' && entry.keyPoint && (kind === 'published' || !wasKeyPoint);
    if (newKeyPoint && live.live_push === 1 && !live.live_ended_at) {
      await enqueuePush(trx, { kind: 'entry', edition: live.edition, now, message: { title: live.headline, body: entry.title ?? firstWords(text, 160), url, tag: `live-${live.id}` } });
    }
  }
  return eventId;
}

async function readEntry(db: Db, publicUrl: string, articleId: number, entryId: number): Promise<ApiEntry> {
  const row = await entryRows(db).where('e.id', '=', entryId).where('e.article_id', '=', articleId).executeTakeFirst();
  if (!row) throw new NotFound(`no entry ${entryId} in article ${articleId}`);
  return presentEntry(row, publicUrl);
}

export async function getEntry(deps: Pick<EntryDeps, 'db' | 'config'>, articleId: number, entryId: number): Promise<ApiEntry> {
  return readEntry(deps.db, deps.config.publicUrl, articleId, entryId);
}

/** Figures name media of the library, and video blocks videos of the library: 422 naming the field otherwise. */
async function checkImages(db: Db, e: EntryInput): Promise<void> {
  const issues: FieldIssue[] = [];
  const ids = requireMediaIds(figureIssues(e.body), issues);
  const refs: ImageRef[] = figureIssues(e.body)
    .filter((r) => typeof r.image === 'number')
    .map((r) => ({ at: r.at, ref: r.image, meta: { alt: '' } }));
  if (ids.length) await readImages(db, null, refs, issues);
  await checkVideoMentions(db, videoMentions({ body: e.body }), issues);
  if (issues.length) throw new ValidationFailed(issues);
}

/** The entry's columns from its input; `author` defaults to the person posting, unless a wire source signs it. */
async function columnsOf(trx: Db, e: EntryInput, actor: Actor | null) {
  const authorName = e.author ?? (!e.source && actor?.kind === 'user' ? actor.name : undefined);
  return {
    title: e.title || null,
    author_id: authorName ? await authorIdOf(trx, authorName) : null,
    source_name: e.source?.name ?? null,
    source_url: e.source?.url ?? null,
    body: JSON.stringify(storedBlocks(e.body)),
    pinned: e.pinned ? 1 : 0,
    key_point: e.keyPoint ? 1 : 0,
    correction: e.correction ?? null,
  };
}

/** Adds an entry to a live: a draft, or published when the actor may publish into it. */
export async function createEntry(deps: EntryDeps, articleId: number, value: unknown, actor: Actor, extra: { ingestItemId?: number } = {}): Promise<ApiEntry> {
  const { entry: e } = parseEntry(value);
  const live = await requireLive(deps.db, articleId);
  if (e.status === 'published' && !mayPublish(actor, live)) throw new Forbidden('only an editor publishes entries into this live: send status "draft" for an editor to publish');
  await checkImages(deps.db, e);
  const now = deps.now().toISOString();
  const owner = ownerOf(actor);
  let eventId: number | null = null;
  const entry = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('live_entries')
      .values({
        article_id: articleId,
        status: e.status,
        posted_at: e.postedAt ? new Date(e.postedAt).toISOString() : now,
        ...(await columnsOf(trx, e, actor)),
        version: 1,
        owner_id: owner.userId,
        owner_token_id: owner.tokenId,
        ingest_item_id: extra.ingestItemId ?? null,
        article_draft_id: null,
        created_at: now,
        updated_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const entry = await readEntry(trx, deps.config.publicUrl, articleId, row.id);
    await audit(trx, deps.now(), actor, 'live.entry.create', `article:${articleId}`, { entryId: row.id, status: e.status, ...(extra.ingestItemId ? { ingestItemId: extra.ingestItemId } : {}) });
    const kind = eventOf(null, e.status);
    if (kind) eventId = await readersSee(deps, trx, live, kind, entry, false);
    return entry;
  });
  if (eventId !== null) announceLiveEvent(deps.bus, { articleId, eventId });
  return entry;
}

function versionOf(ifMatch: string | undefined): number {
  if (!ifMatch) throw new PreconditionRequired('send If-Match with the version of the entry you edited');
  const v = plainWhole(ifMatch.replace(/^W\//, '').replace(/"/g, ''), 1, MAX_ID);
  if (v === null) throw new ValidationFailed([{ field: 'If-Match', message: 'expected an entry version such as "3"' }]);
  return v;
}

async function stale(deps: Pick<EntryDeps, 'db' | 'config'>, articleId: number, entryId: number, base: number): Promise<never> {
  const current = await readEntry(deps.db, deps.config.publicUrl, articleId, entryId);
  throw new PreconditionFailed(`the entry changed since version ${base}`, { currentVersion: current.version, current });
}

type EntryState = Pick<LiveEntryTable, 'status' | 'owner_id' | 'owner_token_id'> & { version: number; key_point: number; posted_at: string };

async function entryState(db: Db, articleId: number, entryId: number): Promise<EntryState> {
  const row = await db.selectFrom('live_entries').select(['status', 'owner_id', 'owner_token_id', 'version', 'key_point', 'posted_at']).where('id', '=', entryId).where('article_id', '=', articleId).executeTakeFirst();
  if (!row) throw new NotFound(`no entry ${entryId} in article ${articleId}`);
  return row;
}

/** Changes one entry (its own version check: other entries of the live never conflict with it). */
export async function updateEntry(deps: EntryDeps, articleId: number, entryId: number, value: unknown, ifMatch: string | undefined, actor: Actor): Promise<ApiEntry> {
  const base = versionOf(ifMatch);
  const { entry: e, gaveStatus } = parseEntry(value);
  const live = await requireLive(deps.db, articleId);
  const row = await entryState(deps.db, articleId, entryId);
  if (!atLeast(actor, 'editor') && !ownsEntry(actor, row)) throw new Forbidden('only an editor changes an entry someone else posted');
  const status = gaveStatus ? e.status : row.status;
  if (status === 'published' && !mayPublish(actor, live)) throw new Forbidden(row.status === 'published' ? 'only an editor changes a published entry of this live' : 'only an editor publishes entries into this live');
  if (row.version !== base) return stale(deps, articleId, entryId, base);
  await checkImages(deps.db, e);
  const now = deps.now().toISOString();
  const kind = eventOf(row.status, status);
  // Published now: its time is now, unless the client sets one; otherwise the time stays unless given.
  const postedAt = e.postedAt ? new Date(e.postedAt).toISOString() : row.status === 'draft' && status === 'published' ? now : row.posted_at;
  let eventId: number | null = null;
  const saved = await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('live_entries')
      .set({ ...(await columnsOf(trx, { ...e, author: e.author }, null)), status, posted_at: postedAt, version: base + 1, ...(kind === 'updated' ? { updated_at: now } : {}) })
      .where('id', '=', entryId)
      .where('article_id', '=', articleId)
      .where('version', '=', base) // another save in between wins; this one gets 412
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return null;
    const entry = await readEntry(trx, deps.config.publicUrl, articleId, entryId);
    await audit(trx, deps.now(), actor, 'live.entry.update', `article:${articleId}`, { entryId, version: base + 1, status });
    if (kind) eventId = await readersSee(deps, trx, live, kind, entry, row.key_point === 1 && row.status === 'published');
    return entry;
  });
  if (!saved) return stale(deps, articleId, entryId, base);
  if (eventId !== null) announceLiveEvent(deps.bus, { articleId, eventId });
  return saved;
}

/** Removes an entry: an editor, or the one who posted it while they may still change it. */
export async function deleteEntry(deps: EntryDeps, articleId: number, entryId: number, actor: Actor): Promise<void> {
  const live = await liveOf(deps.db, articleId);
  const row = await entryState(deps.db, articleId, entryId);
  const own = ownsEntry(actor, row) && (row.status === 'draft' || mayPublish(actor, live));
  if (!atLeast(actor, 'editor') && !own) throw new Forbidden('only an editor removes an entry someone else posted, or a published one');
  let eventId: number | null = null;
  await deps.db.transaction().execute(async (trx) => {
    const entry = await readEntry(trx, deps.config.publicUrl, articleId, entryId);
    const r = await trx.deleteFrom('live_entries').where('id', '=', entryId).where('article_id', '=', articleId).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw new NotFound(`no entry ${entryId} in article ${articleId}`);
    await audit(trx, deps.now(), actor, 'live.entry.delete', `article:${articleId}`, { entryId });
    const kind = eventOf(entry.status, null);
    if (kind) eventId = await readersSee(deps, trx, live, kind, entry, entry.keyPoint);
  });
  if (eventId !== null) announceLiveEvent(deps.bus, { articleId, eventId });
}

export interface EntryPage {
  entries: ApiEntry[];
  hasMore: boolean;
}

/**
 * A live's entries, newest first, drafts included unless filtered; `before` an entry id for the next page.
 * Each status is read on its own through the (article, status, time, id) index and the two merged, so a
 * page costs the same in a live of 5,000 entries as in one of 5 (the live desk polls it every few seconds).
 */
export async function listEntries(deps: Pick<EntryDeps, 'db' | 'config'>, articleId: number, q: { status?: string; before?: number; limit: number }): Promise<EntryPage> {
  await liveOf(deps.db, articleId);
  if (q.status !== undefined && q.status !== 'draft' && q.status !== 'published') throw new ValidationFailed([{ field: 'status', message: 'expected draft or published' }]);
  let after: { posted_at: string; id: number } | undefined;
  if (q.before !== undefined) {
    after = await deps.db.selectFrom('live_entries').select(['posted_at', 'id']).where('id', '=', q.before).where('article_id', '=', articleId).executeTakeFirst();
    if (!after) throw new ValidationFailed([{ field: 'before', message: `no entry ${q.before} in this live` }]);
  }
  const statuses = q.status ? [q.status as 'draft' | 'published'] : (['published', 'draft'] as const);
  const lists = await Promise.all(
    statuses.map((status) => {
      let sel = entryRows(deps.db).where('e.article_id', '=', articleId).where('e.status', '=', status);
      if (after) sel = sel.where((eb) => eb.or([eb('e.posted_at', '<', after.posted_at), eb.and([eb('e.posted_at', '=', after.posted_at), eb('e.id', '<', after.id)])]));
      return sel.orderBy('e.posted_at', 'desc').orderBy('e.id', 'desc').limit(q.limit + 1).execute();
    }),
  );
  const rows = lists.flat().sort((a, b) => (a.posted_at === b.posted_at ? b.id - a.id : a.posted_at < b.posted_at ? 1 : -1));
  return { entries: rows.slice(0, q.limit).map((r) => presentEntry(r, deps.config.publicUrl)), hasMore: rows.length > q.limit };
}

/** The lives that run (started, not ended), newest first: where the wire desk may send an item. */
export async function runningLives(deps: Pick<EntryDeps, 'db'>, edition?: string): Promise<ApiRunningLive[]> {
  let q = deps.db
    .selectFrom('articles')
    .select(['id', 'edition', 'headline', 'status', 'live_started_at'])
    .where('live_started_at', 'is not', null)
    .where('live_ended_at', 'is', null)
    .orderBy('live_started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100);
  if (edition) q = q.where('edition', '=', edition);
  return (await q.execute()).map((r) => ({ id: r.id, edition: r.edition, headline: r.headline, status: r.status as ApiRunningLive['status'], startedAt: r.live_started_at! }));
}
