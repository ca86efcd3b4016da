import type { Config } from '../config.ts';
import { parseArticle, type ArticleInput } from '../content/article.schema.ts';
import { articleColumns, ensureSection, isUniqueViolation, linkRelations, storedContent, unlinkRelations } from '../content/article.write.ts';
import { exportArticles } from '../content/export.service.ts';
import { readImages, type ImageRef } from '../content/import-images.ts';
import { isVideoLeadInput } from '../content/blocks.ts';
import { checkVideoMentions, videoMentions, type VideoRef } from '../video/video-refs.ts';
import { paths, RESERVED_SLUGS } from '../content/paths.ts';
import { slugify } from '../content/slug.ts';
import { setTranslation, translationsOf } from '../content/translations.ts';
import { Conflict, Forbidden, NotFound, PreconditionFailed, PreconditionRequired, ValidationFailed, type FieldIssue } from '../errors.ts';
import { trackArticle } from '../cdn/article-change.ts';
import { indexArticles } from '../search/index-writer.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { MAX_ID, plainWhole } from '../store/ids.ts';
import { enqueueWebhookEvent, webhookArticle } from '../webhooks/outbox.ts';
import { changesWhatReadersSee, diffArticles } from './article-diff.ts';
import { audit } from './audit.ts';
import type { ApiLive, ArticleStatus, TranslationMember } from './api-shapes.ts';
import { atLeast, ownerOf, owns, SYSTEM, type Actor } from './roles.ts';

export interface ArticleDeps {
  db: Db;
  now: () => Date;
  config: Pick<Config, 'publicUrl'>;
}

export type Status = ArticleStatus;

/** The Admin API's article: the import shape with media ids, plus its state. */
export type ApiArticle = Omit<ArticleInput, 'status' | 'scheduledAt' | 'live' | 'entries'> & {
  id: number;
  version: number;
  status: Status;
  scheduledAt: string | null;
  /** The person who owns it; null when a token made it. */
  ownerId: number | null;
  /** The API token that owns it, when one made it. */
  ownerTokenId: number | null;
  path: string;
  url: string;
  /** The other articles of its translation group (read-only). */
  translations: TranslationMember[];
  /** Set: the article is a live; its entries are at /api/admin/articles/{id}/entries (never embedded: a live may hold thousands). */
  live: ApiLive | null;
};

export async function getArticle(deps: ArticleDeps, id: number): Promise<ApiArticle> {
  const row = await deps.db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('editions as e', 'e.code', 'a.edition')
    .select(['a.id', 'a.version', 'a.status', 'a.scheduled_at', 'a.owner_id', 'a.owner_token_id', 'a.edition', 'a.slug', 's.slug as section', 'e.base_url'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound(`no article ${id}`);
  const [{ articles }, translations] = await Promise.all([exportArticles(deps.db, (_key, imageId) => imageId, { ids: [id], entries: false }), translationsOf(deps.db, id)]);
  const path = paths.article(row.edition, row.section, row.slug);
  const { live, entries: _e, ...rest } = articles[0];
  return {
    ...rest,
    live: live ? { startedAt: live.startedAt, endedAt: live.endedAt, openPosting: live.openPosting ?? false, push: live.push ?? false } : null,
    id: row.id,
    version: row.version,
    status: row.status as Status,
    scheduledAt: row.scheduled_at,
    ownerId: row.owner_id,
    ownerTokenId: row.owner_token_id,
    path,
    url: (row.base_url || deps.config.publicUrl) + path,
    translations,
  };
}

/** Who may change an article's content. */
function mayEdit(actor: Actor, a: { owner_id: number | null; owner_token_id: number | null; status: string }): boolean {
  if (atLeast(actor, 'editor')) return true;
  const own = owns(actor, { userId: a.owner_id, tokenId: a.owner_token_id });
  if (actor.role === 'author') return own;
  return own && (a.status === 'draft' || a.status === 'in_review');
}

/** Validates the input and checks what the store must agree with; images are media ids. */
async function check(deps: ArticleDeps, value: unknown, selfId: number | null): Promise<{ a: ArticleInput; slug: string; silentFix: boolean; liveGiven: boolean; videos: Map<number, VideoRef> }> {
  // What GET answers may be sent back as it is: the read-only fields are set aside.
  // updatedAt is the server's: it moves when a save changes what readers see (see updateArticle).
  const { id: _i, version: _v, status: _s, scheduledAt: _a, ownerId: _o, ownerTokenId: _ot, path: _p, url: _u, translations: _t, translationSource: _ts, updatedAt: _m, silentFix, ...input } = (value ?? {}) as Record<string, unknown>;
  if (silentFix !== undefined && typeof silentFix !== 'boolean') throw new ValidationFailed([{ field: 'silentFix', message: 'expected true or false' }]);
  if (input.entries !== undefined) throw new ValidationFailed([{ field: 'entries', message: 'entries have their own routes: POST /api/admin/articles/{id}/entries' }]);
  // live: left out, it stays as it is (on a save); null, the article is no longer a live.
  const liveGiven = input.live !== undefined;
  if (input.live === null) delete input.live;
  const r = parseArticle({ ...input, status: 'draft' });
  if (!r.ok) throw new ValidationFailed(r.issues);
  const a = r.article;
  const issues: FieldIssue[] = [];
  const slug = a.slug ?? slugify(a.headline);
  const edition = await deps.db.selectFrom('editions').select('code').where('code', '=', a.edition).executeTakeFirst();
  if (!edition) issues.push({ field: 'edition', message: `unknown edition "${a.edition}"` });
  if (RESERVED_SLUGS.has(a.section)) issues.push({ field: 'section', message: `"${a.section}" is reserved for site paths` });
  let taken = deps.db.selectFrom('articles').select('id').where('edition', '=', a.edition).where('slug', '=', slug);
  if (selfId !== null) taken = taken.where('id', '<>', selfId);
  if (await taken.executeTakeFirst()) issues.push({ field: 'slug', message: `"${slug}" already exists in edition ${a.edition}` });
  const refs: ImageRef[] = [];
  const ref = (at: string, image: string | number, meta: ImageRef['meta']) => {
    if (typeof image === 'number') refs.push({ at, ref: image, meta });
    else issues.push({ field: at, message: 'expected a media id (upload the picture to the media library first)' });
  };
  if (a.lead && !isVideoLeadInput(a.lead)) ref('lead.image', a.lead.image, a.lead);
  if (a.seo?.image !== undefined) ref('seo.image', a.seo.image, { alt: '' });
  a.body.forEach((b, i) => b.type === 'figure' && ref(`body[${i}].image`, b.image, b));
  await readImages(deps.db, null, refs, issues);
  const videos = await checkVideoMentions(deps.db, videoMentions(a), issues);
  if (issues.length) throw new ValidationFailed(issues);
  return { a, slug, silentFix: silentFix === true, liveGiven, videos };
}

async function snapshot(deps: ArticleDeps, trx: Db, id: number, actor: Actor): Promise<ApiArticle> {
  const article = await getArticle({ ...deps, db: trx }, id);
  await trx
    .insertInto('article_revisions')
    .values({ article_id: id, version: article.version, snapshot: JSON.stringify(article), user_id: actor.userId, created_at: deps.now().toISOString() })
    .execute();
  return article;
}

/**
 * Creates a draft. `also` runs in the same transaction once the row exists
 * (a translation records its source there).
 */
export async function createArticle(deps: ArticleDeps, value: unknown, actor: Actor, also?: (trx: Db, id: number) => Promise<void>): Promise<ApiArticle> {
  const { a, slug, videos } = await check(deps, value, null);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const change = await trackArticle(trx, null, deps.now().toISOString());
      const section = await ensureSection(trx, a.edition, a.section);
      const content = storedContent(a, (ref) => ref as number, videos);
      const owner = ownerOf(actor);
      const row = await trx
        .insertInto('articles')
        .values({
          ...articleColumns(a, section.id, slug, content),
          status: 'draft',
          updated_at: null,
          created_at: deps.now().toISOString(),
          changed_at: deps.now().toISOString(),
          owner_id: owner.userId,
          owner_token_id: owner.tokenId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await linkRelations(trx, row.id, a);
      if (a.translationOf != null) await setTranslation(trx, { id: row.id, edition: a.edition }, a.translationOf);
      if (also) await also(trx, row.id);
      await indexArticles(trx, [row.id]);
      await audit(trx, deps.now(), actor, 'article.create', `article:${row.id}`, { headline: a.headline });
      await change.bump(row.id);
      return snapshot(deps, trx, row.id, actor);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict(`"${slug}" was just taken by another article`);
    throw e;
  }
}

function versionOf(ifMatch: string | undefined): number {
  if (!ifMatch) throw new PreconditionRequired('send If-Match with the version you edited');
  const v = plainWhole(ifMatch.replace(/^W\//, '').replace(/"/g, ''), 1, MAX_ID);
  if (v === null) throw new ValidationFailed([{ field: 'If-Match', message: 'expected an article version such as "3"' }]);
  return v;
}

/** 412 with what others saved since the version the client edited. */
async function stale(deps: ArticleDeps, id: number, base: number): Promise<never> {
  const current = await getArticle(deps, id);
  const rev = await deps.db.selectFrom('article_revisions').select('snapshot').where('article_id', '=', id).where('version', '=', base).executeTakeFirst();
  const changes = rev ? diffArticles(JSON.parse(rev.snapshot), current) : [];
  throw new PreconditionFailed(`the article changed since version ${base}`, { currentVersion: current.version, current, changes });
}

export async function updateArticle(deps: ArticleDeps, id: number, value: unknown, ifMatch: string | undefined, actor: Actor): Promise<ApiArticle> {
  const base = versionOf(ifMatch);
  const row = await deps.db.selectFrom('articles').select(['id', 'owner_id', 'owner_token_id', 'status', 'version', 'slug', 'edition', 'published_at', 'updated_at']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound(`no article ${id}`);
  if (!mayEdit(actor, row)) throw new Forbidden('you may not edit this article');
  if (row.version !== base) return stale(deps, id, base);
  const { a, slug, silentFix, liveGiven, videos } = await check(deps, value, id);
  if (a.edition !== row.edition) throw new ValidationFailed([{ field: 'edition', message: 'an article stays in its edition' }]);
  if (silentFix && !atLeast(actor, 'editor')) throw new Forbidden('only an editor marks a save as a minor correction that shows no update');
  const now = deps.now().toISOString();
  // Readers see it now: a save that changes what they see moves its "updated" time.
  const visible = row.status === 'published' && row.published_at !== null && row.published_at <= now;
  const saved = await deps.db.transaction().execute(async (trx) => {
    // Articles that arrived by import have no revision yet: keep the version being replaced,
    // so that a later 412 can still say what changed since it.
    const kept = await trx.selectFrom('article_revisions').select('id').where('article_id', '=', id).where('version', '=', base).executeTakeFirst();
    if (!kept) await snapshot(deps, trx, id, SYSTEM);
    const change = await trackArticle(trx, id, now);
    const section = await ensureSection(trx, a.edition, a.section);
    const content = storedContent(a, (ref) => ref as number, videos);
    const { live_started_at, live_ended_at, live_open_posting, live_push, ...sameLive } = articleColumns(a, section.id, slug, content);
    const cols = liveGiven ? { ...sameLive, live_started_at, live_ended_at, live_open_posting, live_push } : sameLive;
    const before = visible && !silentFix ? await getArticle({ ...deps, db: trx }, id) : null;
    const r = await trx
      .updateTable('articles')
      .set({ ...cols, published_at: cols.published_at ?? row.published_at, updated_at: row.updated_at, changed_at: now, version: base + 1 })
      .where('id', '=', id)
      .where('version', '=', base) // another save in between loses nothing: it wins, this one gets 412
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return null;
    if (slug !== row.slug && row.status === 'published') {
      await trx.deleteFrom('slug_history').where('edition', '=', row.edition).where('slug', '=', row.slug).execute();
      await trx.insertInto('slug_history').values({ edition: row.edition, slug: row.slug, article_id: id }).execute();
    }
    await unlinkRelations(trx, id);
    await linkRelations(trx, id, a);
    // Left out, the link stays as it is; null takes the article out of its group.
    if (a.translationOf !== undefined) await setTranslation(trx, { id, edition: row.edition }, a.translationOf);
    if (before && changesWhatReadersSee(before, await getArticle({ ...deps, db: trx }, id))) {
      await trx.updateTable('articles').set({ updated_at: now }).where('id', '=', id).execute();
    }
    await indexArticles(trx, [id]);
    await audit(trx, deps.now(), actor, 'article.update', `article:${id}`, { version: base + 1, ...(silentFix ? { silentFix: true } : {}) });
    await change.bump();
    const article = await snapshot(deps, trx, id, actor);
    if (row.status === 'published') await enqueueWebhookEvent(trx, deps.now(), 'article.updated', webhookArticle(article));
    return article;
  });
  return saved ?? stale(deps, id, base);
}

export async function deleteArticle(deps: ArticleDeps, id: number, actor: Actor): Promise<void> {
  const row = await deps.db.selectFrom('articles').select(['owner_id', 'owner_token_id', 'status']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound(`no article ${id}`);
  const ownDraft = owns(actor, { userId: row.owner_id, tokenId: row.owner_token_id }) && row.status === 'draft';
  if (!atLeast(actor, 'editor') && !ownDraft) throw new Forbidden('only an editor deletes an article that is not your own draft');
  await deps.db.transaction().execute(async (trx) => {
    const change = await trackArticle(trx, id, deps.now().toISOString());
    await trx.deleteFrom('home_slots').where('article_id', '=', id).execute();
    await trx.deleteFrom('slug_history').where('article_id', '=', id).execute();
    await trx.deleteFrom('article_revisions').where('article_id', '=', id).execute();
    // A live's entries and its pages' events go with it.
    await trx.deleteFrom('live_entries').where('article_id', '=', id).execute();
    await trx.deleteFrom('live_events').where('article_id', '=', id).execute();
    await unlinkRelations(trx, id);
    await trx.deleteFrom('articles').where('id', '=', id).execute();
    await indexArticles(trx, [id]);
    await audit(trx, deps.now(), actor, 'article.delete', `article:${id}`);
    await change.bump();
  });
}

export { snapshot as recordRevision };
