import type { Config } from '../config.ts';
import { indexArticles } from '../search/index-writer.ts';
import { slugify } from '../content/slug.ts';
import { Conflict, NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import { createArticle, type ApiArticle } from '../newsroom/articles.service.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { htmlToBlocksAsync, textToBlocks } from '../ninjs/html.ts';
import { MAX_NINJS_DEPTH, nestsDeeperThan, ninjsToArticle } from '../ninjs/ninjs-import.ts';
import { fallbackGuid, FeedRefused, isoOr, plainText, safeUrl, type FeedItem } from './feed-parse.ts';
import type { IngestDeps } from './sources.service.ts';
import { storableValue } from '../store/storable-text.ts';
import { wordsMatch, type WordIndex } from '../store/word-search.ts';

/** The part of a source that items are built from. */
export interface SourceRef {
  id: number;
  name: string;
  edition: string;
  section: string;
}

export type ItemStatus = 'new' | 'adopted' | 'dismissed';

export interface ApiItem {
  id: number;
  sourceId: number;
  guid: string;
  title: string;
  summary: string | null;
  link: string | null;
  publishedAt: string;
  updatedAt: string | null;
  status: ItemStatus;
  adoptedArticleId: number | null;
  createdAt: string;
  /** The draft it becomes when adopted, in the import format. */
  payload: Record<string, unknown>;
  /** What the conversion did not keep as it was (markup removed, nesting flattened, …), as in an import's report. */
  notes: FieldIssue[];
  /** A flash: the agency marked it most urgent; the queue offers to make it an alert. */
  flash: boolean;
}

/** A queue entry before it is stored: the item's identity and its draft. */
export interface Incoming {
  guid: string;
  title: string;
  summary: string | null;
  link: string | null;
  publishedAt: string;
  updatedAt: string | null;
  payload: Record<string, unknown>;
  notes: FieldIssue[];
  flash?: boolean;
}

/** An RSS/Atom item → a draft in our import format; the HTML goes through the hostile-safe converter, which yields to the event loop. */
export async function feedItemToIncoming(source: SourceRef, item: FeedItem): Promise<Incoming> {
  const notes: FieldIssue[] = [];
  const body = item.html !== null ? await htmlToBlocksAsync(item.html, 'body', notes) : item.text ? textToBlocks(item.text) : [];
  const payload: Record<string, unknown> = {
    edition: source.edition,
    section: source.section,
    headline: item.title || '(untitled)',
    ...(item.summary ? { standfirst: item.summary.slice(0, 1000) } : {}),
    body,
    source: { name: source.name, ...(item.link ? { url: item.link } : {}) },
    publishedAt: item.publishedAt,
    ...(item.updatedAt ? { updatedAt: item.updatedAt } : {}),
  };
  return { guid: item.guid, title: item.title || '(untitled)', summary: item.summary, link: item.link, publishedAt: item.publishedAt, updatedAt: item.updatedAt, payload, notes, flash: item.flash };
}

/** A ninjs item (1.x–3.x) → a draft, through the ninjs converter, placed in the source's edition and section. */
export async function ninjsToIncoming(source: SourceRef, raw: unknown, receivedAt: Date): Promise<Incoming> {
  const { article, notes } = await ninjsToArticle(raw, { editions: new Map([[source.edition, [source.section]]]), defaultEdition: source.edition, section: source.section });
  const obj = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const title = plainText(typeof article.headline === 'string' ? article.headline : '') || '(untitled)';
  const link = safeUrl(typeof obj.uri === 'string' ? obj.uri : undefined);
  const publishedAt = isoOr(typeof article.publishedAt === 'string' ? article.publishedAt : undefined, receivedAt);
  const updatedAt = typeof article.updatedAt === 'string' ? article.updatedAt : null;
  const given = (article.source ?? {}) as { name?: string; url?: string };
  const { status: _s, ...rest } = article;
  const payload: Record<string, unknown> = {
    ...rest,
    edition: source.edition,
    section: source.section,
    headline: title,
    source: { name: given.name || source.name, ...((given.url ?? link) ? { url: given.url ?? link } : {}) },
    publishedAt,
  };
  const guid = typeof obj.guid === 'string' && obj.guid ? obj.guid : typeof obj.uri === 'string' && obj.uri ? obj.uri : fallbackGuid(title, publishedAt);
  const summary = typeof article.standfirst === 'string' ? article.standfirst : null;
  // ninjs urgency: 1 is the most urgent (a flash), 9 the least. The queue reads it: no "not mapped" note for it.
  const flash = obj.urgency === 1 || obj.urgency === '1';
  const kept = notes.filter((n) => !(n.field === 'urgency' && n.message === 'not mapped'));
  return { guid: guid.slice(0, 500), title, summary, link, publishedAt, updatedAt, payload, notes: kept, flash };
}

/** A ninjs document: one item or an array of them. */
export async function ninjsItems(source: SourceRef, doc: unknown, at: Date): Promise<Incoming[]> {
  const list = Array.isArray(doc) ? doc : [doc];
  if (!list.length || list.some((x) => typeof x !== 'object' || x === null || Array.isArray(x))) throw new FeedRefused('expected a ninjs item (a JSON object) or an array of them');
  if (list.some((x) => nestsDeeperThan(x, MAX_NINJS_DEPTH))) throw new FeedRefused(`a ninjs item nested more than ${MAX_NINJS_DEPTH} levels deep`);
  const out: Incoming[] = [];
  for (const x of list) out.push(await ninjsToIncoming(source, x, at));
  return out;
}

/** Adds items to the queue; an item whose guid the source already brought is a duplicate. */
export async function enqueueItems(deps: IngestDeps, sourceId: number, items: Incoming[]): Promise<{ added: number; duplicates: number }> {
  let added = 0;
  let duplicates = 0;
  const at = deps.now().toISOString();
  // Wire copy is other people's text: U+0000 is dropped and lone surrogates replaced, rather than losing the item.
  for (const it of items.map(storableValue)) {
    const seen = await deps.db.selectFrom('ingest_items').select('id').where('source_id', '=', sourceId).where('guid', '=', it.guid).executeTakeFirst();
    if (seen) {
      duplicates++;
      continue;
    }
    const row = await deps.db
      .insertInto('ingest_items')
      .values({
        source_id: sourceId,
        guid: it.guid,
        title: it.title,
        summary: it.summary,
        link: it.link,
        published_at: it.publishedAt,
        updated_at: it.updatedAt,
        // The notes travel in the stored JSON beside the draft; present() takes them out again.
        payload: JSON.stringify({ ...it.payload, [NOTES_KEY]: it.notes }),
        status: 'new',
        adopted_article_id: null,
        created_at: at,
        flash: it.flash ? 1 : 0,
      })
      .onConflict((oc) => oc.columns(['source_id', 'guid']).doNothing()) // another poller got there first
      .returning('id')
      .executeTakeFirst();
    if (row) added++;
    else duplicates++;
  }
  return { added, duplicates };
}

/** Where an item's conversion notes sit in the stored payload JSON; never part of the draft itself. */
const NOTES_KEY = '$notes';

const COLS = ['id', 'source_id', 'guid', 'title', 'summary', 'link', 'published_at', 'updated_at', 'payload', 'status', 'adopted_article_id', 'created_at', 'flash'] as const;

function present(r: {
  id: number;
  source_id: number;
  guid: string;
  title: string;
  summary: string | null;
  link: string | null;
  published_at: string;
  updated_at: string | null;
  payload: string;
  status: ItemStatus;
  adopted_article_id: number | null;
  created_at: string;
  flash: number;
}): ApiItem {
  const { [NOTES_KEY]: notes, ...payload } = JSON.parse(r.payload) as Record<string, unknown>;
  return {
    id: r.id,
    sourceId: r.source_id,
    guid: r.guid,
    title: r.title,
    summary: r.summary,
    link: r.link,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    status: r.status,
    adoptedArticleId: r.adopted_article_id,
    createdAt: r.created_at,
    payload,
    notes: Array.isArray(notes) ? (notes as FieldIssue[]) : [],
    flash: r.flash === 1,
  };
}

/** What the queue's search reads (the order of migration 0110's index). */
export const WIRE_WORDS: WordIndex = { table: 'ingest_items', columns: ['title', 'summary'] };

/** The queue, newest first; `q` keeps the items whose title or summary hold every word typed (each the start of a word, any case and accents). */
export async function listItems(deps: IngestDeps, filter: { status?: string; sourceId?: number; limit?: number; q?: string }): Promise<ApiItem[]> {
  let q = deps.db.selectFrom('ingest_items').select(COLS);
  const words = filter.q === undefined ? '' : String(filter.q);
  if (words.trim()) q = q.where(wordsMatch(deps.db, WIRE_WORDS, words));
  if (filter.status !== undefined) {
    if (!['new', 'adopted', 'dismissed'].includes(filter.status)) throw new ValidationFailed([{ field: 'status', message: 'expected new, adopted or dismissed' }]);
    q = q.where('status', '=', filter.status as ItemStatus);
  }
  if (filter.sourceId !== undefined) q = q.where('source_id', '=', filter.sourceId);
  const rows = await q
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(filter.limit ?? 100, 1), 500))
    .execute();
  return rows.map(present);
}

export async function getItem(deps: IngestDeps, id: number): Promise<ApiItem> {
  const r = await deps.db.selectFrom('ingest_items').select(COLS).where('id', '=', id).executeTakeFirst();
  if (!r) throw new NotFound(`no ingest item ${id}`);
  return present(r);
}

/** A slug free in the edition: the headline's, or it with -2, -3, … */
async function freeSlug(deps: IngestDeps, edition: string, headline: string): Promise<string> {
  const base = slugify(headline) || 'depeche';
  for (let n = 1; n < 100; n++) {
    const slug = n === 1 ? base : `${base.slice(0, 110)}-${n}`;
    if (!(await deps.db.selectFrom('articles').select('id').where('edition', '=', edition).where('slug', '=', slug).executeTakeFirst())) return slug;
  }
  return `${base.slice(0, 100)}-${Date.now().toString(36)}`;
}

/**
 * Makes a draft of a queued item through createArticle, keeping its source and original
 * times. The item is claimed first (new → adopted), so adopting twice answers 409.
 */
export async function adoptItem(deps: IngestDeps & { config: Pick<Config, 'publicUrl'> }, id: number, actor: Actor): Promise<{ item: ApiItem; article: ApiArticle }> {
  const item = await getItem(deps, id);
  if (item.status !== 'new') throw new Conflict(`ingest item ${id} is already ${item.status}`);
  const claimed = await deps.db.updateTable('ingest_items').set({ status: 'adopted' }).where('id', '=', id).where('status', '=', 'new').executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw new Conflict(`ingest item ${id} was just taken`);
  let article: ApiArticle;
  try {
    const p = item.payload as { edition: string; headline: string; slug?: string };
    article = await createArticle(deps, { ...p, slug: p.slug ?? (await freeSlug(deps, p.edition, p.headline)) }, actor);
  } catch (e) {
    await deps.db.updateTable('ingest_items').set({ status: 'new' }).where('id', '=', id).execute();
    throw e;
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('ingest_items').set({ adopted_article_id: article.id }).where('id', '=', id).execute();
    // Now wire copy: its document says so (kind 'wire').
    await indexArticles(trx, [article.id]);
    await audit(trx, deps.now(), actor, 'ingest.item.adopt', `ingest-item:${id}`, { articleId: article.id });
  });
  return { item: await getItem(deps, id), article };
}

export async function dismissItem(deps: IngestDeps, id: number, actor: Actor): Promise<ApiItem> {
  const item = await getItem(deps, id);
  if (item.status === 'adopted') throw new Conflict(`ingest item ${id} is already adopted`);
  if (item.status === 'new') {
    await deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('ingest_items').set({ status: 'dismissed' }).where('id', '=', id).where('status', '=', 'new').execute();
      await audit(trx, deps.now(), actor, 'ingest.item.dismiss', `ingest-item:${id}`);
    });
  }
  return getItem(deps, id);
}
