import { Conflict, NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import { slugify } from '../content/slug.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { isId, MAX_ID, queryId } from '../store/ids.ts';
import { isDay, startOfDay } from '../search/search-filters.ts';
import type { TvDeps } from './channel.service.ts';
import { tvKey } from './tv-keys.ts';

/**
 * The programme schedule (EPG): shows, and programmes that are their
 * episodes. Programmes come from XMLTV (`source = 'xmltv'`, replaced by the
 * next import of the same hours) or from the newsroom (`source = 'admin'`,
 * which imports never touch). Editing an imported programme makes it the
 * newsroom's: a replay or an article linked to it survives the next import.
 */

export interface ApiShow {
  id: number;
  edition: string;
  slug: string;
  title: string;
  description: string | null;
  imageId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ApiProgramme {
  id: number;
  edition: string;
  showId: number | null;
  show: { id: number; slug: string; title: string } | null;
  title: string;
  episodeTitle: string | null;
  description: string | null;
  startsAt: string;
  endsAt: string;
  season: number | null;
  episode: number | null;
  category: string | null;
  videoId: number | null;
  articleIds: number[];
  source: 'xmltv' | 'admin';
  createdAt: string;
  updatedAt: string;
}

type ShowRow = { id: number; edition: string; slug: string; title: string; description: string | null; image_id: number | null; created_at: string; updated_at: string };

export const presentShow = (r: ShowRow): ApiShow => ({
  id: r.id,
  edition: r.edition,
  slug: r.slug,
  title: r.title,
  description: r.description,
  imageId: r.image_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const SHOW_COLS = ['id', 'edition', 'slug', 'title', 'description', 'image_id', 'created_at', 'updated_at'] as const;

/** The day a programme list is asked for, or the window it covers, as UTC instants. */
export function dayWindow(day: string, timeZone: string): { from: string; to: string } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { from: startOfDay(day, timeZone), to: startOfDay(next, timeZone) };
}

/** The calendar day an instant falls on in a time zone, as YYYY-MM-DD. */
export function dayIn(at: Date | string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(at));
  const n = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${n('year')}-${n('month')}-${n('day')}`;
}

/** The day before or after YYYY-MM-DD. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

async function edition(db: Db, code: unknown): Promise<{ code: string; time_zone: string } | null> {
  if (typeof code !== 'string' || !code) return null;
  return (await db.selectFrom('editions').select(['code', 'time_zone']).where('code', '=', code).executeTakeFirst()) ?? null;
}

// ------------------------------------------------------------------ shows

/**
 * The show a title belongs to in an edition, made when there is none yet: by
 * the title's slug, so "Le Journal" and "LE JOURNAL" are one show.
 */
export async function showForTitle(trx: Db, editionCode: string, title: string, at: string): Promise<{ id: number; created: boolean }> {
  const slug = slugify(title, 120);
  const found = await trx.selectFrom('shows').select('id').where('edition', '=', editionCode).where('slug', '=', slug).executeTakeFirst();
  if (found) return { id: found.id, created: false };
  const row = await trx.insertInto('shows').values({ edition: editionCode, slug, title, description: null, image_id: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

export async function listShows(deps: TvDeps, editionCode?: string): Promise<ApiShow[]> {
  let q = deps.db.selectFrom('shows').select(SHOW_COLS);
  if (editionCode) q = q.where('edition', '=', editionCode);
  return (await q.orderBy('edition').orderBy('title').orderBy('id').limit(2000).execute()).map(presentShow);
}

export async function getShow(deps: TvDeps, id: number): Promise<ApiShow> {
  const r = await deps.db.selectFrom('shows').select(SHOW_COLS).where('id', '=', id).executeTakeFirst();
  if (!r) throw new NotFound(`no show ${id}`);
  return presentShow(r);
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function text(v: Record<string, unknown>, field: string, max: number, issues: FieldIssue[], required = false): string | null | undefined {
  const x = v[field];
  if (x === undefined) {
    if (required) issues.push({ field, message: `required: 1 to ${max} characters` });
    return undefined;
  }
  if (x === null || (typeof x === 'string' && !x.trim() && !required)) return null;
  if (typeof x !== 'string' || !x.trim() || x.length > max) {
    issues.push({ field, message: `expected text of 1 to ${max} characters${required ? '' : ', or null'}` });
    return undefined;
  }
  return x.trim();
}

function object(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ValidationFailed([{ field: 'body', message: 'expected a JSON object' }]);
  return value as Record<string, unknown>;
}

function unknownFields(v: Record<string, unknown>, known: string[], issues: FieldIssue[]) {
  for (const k of Object.keys(v)) if (!known.includes(k)) issues.push({ field: k, message: 'unknown field' });
}

async function parseShow(deps: TvDeps, value: unknown, creating: boolean) {
  const v = object(value);
  const issues: FieldIssue[] = [];
  unknownFields(v, ['edition', 'title', 'slug', 'description', 'imageId'], issues);
  let ed: { code: string } | null = null;
  if (creating) {
    ed = await edition(deps.db, v.edition);
    if (!ed) issues.push({ field: 'edition', message: typeof v.edition === 'string' && v.edition ? `unknown edition "${v.edition}"` : 'required: an edition code such as fr' });
  } else if (v.edition !== undefined) issues.push({ field: 'edition', message: 'a show stays in its edition' });
  const title = text(v, 'title', 300, issues, creating);
  const description = text(v, 'description', 5000, issues);
  let slug: string | undefined;
  if (v.slug !== undefined && v.slug !== null && v.slug !== '') {
    if (typeof v.slug !== 'string' || !SLUG.test(v.slug) || v.slug.length > 120) issues.push({ field: 'slug', message: 'expected lowercase letters, digits and single hyphens (le-journal), up to 120 characters' });
    else slug = v.slug;
  }
  let imageId: number | null | undefined;
  if (v.imageId !== undefined) {
    if (v.imageId === null) imageId = null;
    else if (!isId(v.imageId)) issues.push({ field: 'imageId', message: `expected an image id, a whole number from 1 to ${MAX_ID}, or null` });
    else if (!(await deps.db.selectFrom('images').select('id').where('id', '=', v.imageId).executeTakeFirst())) issues.push({ field: 'imageId', message: `no image ${v.imageId}` });
    else imageId = v.imageId;
  }
  if (issues.length) throw new ValidationFailed(issues);
  return { edition: ed?.code, title, description, slug, imageId };
}

export async function createShow(deps: TvDeps, value: unknown, actor: Actor): Promise<ApiShow> {
  const input = await parseShow(deps, value, true);
  const at = deps.now().toISOString();
  const slug = input.slug ?? slugify(input.title!, 120);
  return deps.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('shows').select(['id', 'title']).where('edition', '=', input.edition!).where('slug', '=', slug).executeTakeFirst();
    if (taken) throw new Conflict(`the show «${taken.title}» (#${taken.id}) already has the address ${slug}`, [{ field: 'slug', message: `taken by the show «${taken.title}» (#${taken.id})` }]);
    const row = await trx
      .insertInto('shows')
      .values({ edition: input.edition!, slug, title: input.title!, description: input.description ?? null, image_id: input.imageId ?? null, created_at: at, updated_at: at })
      .returning(SHOW_COLS)
      .executeTakeFirstOrThrow();
    await audit(trx, deps.now(), actor, 'show.create', `show:${row.id}`, { title: row.title, slug });
    await bumpContentVersion(trx, [tvKey.show(row.id), tvKey.schedule(row.edition)]);
    return presentShow(row);
  });
}

export async function updateShow(deps: TvDeps, id: number, value: unknown, actor: Actor): Promise<ApiShow> {
  const input = await parseShow(deps, value, false);
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('shows').select(SHOW_COLS).where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound(`no show ${id}`);
    if (input.slug && input.slug !== before.slug) {
      const taken = await trx.selectFrom('shows').select(['id', 'title']).where('edition', '=', before.edition).where('slug', '=', input.slug).executeTakeFirst();
      if (taken) throw new Conflict(`the show «${taken.title}» (#${taken.id}) already has the address ${input.slug}`, [{ field: 'slug', message: `taken by the show «${taken.title}» (#${taken.id})` }]);
    }
    const set = {
      ...(input.title !== undefined && input.title !== null ? { title: input.title } : {}),
      ...(input.slug ? { slug: input.slug } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.imageId !== undefined ? { image_id: input.imageId } : {}),
      updated_at: at,
    };
    await trx.updateTable('shows').set(set).where('id', '=', id).execute();
    await audit(trx, deps.now(), actor, 'show.update', `show:${id}`, { fields: Object.keys(set).filter((k) => k !== 'updated_at') });
    await bumpContentVersion(trx, [tvKey.show(id), tvKey.schedule(before.edition)]);
    return presentShow(await trx.selectFrom('shows').select(SHOW_COLS).where('id', '=', id).executeTakeFirstOrThrow());
  });
}

/** Removes a show that no programme belongs to any more; one with programmes is refused, naming how many. */
export async function deleteShow(deps: TvDeps, id: number, actor: Actor): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('shows').select(['id', 'edition', 'title']).where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound(`no show ${id}`);
    const n = await trx.selectFrom('programmes').select((eb) => eb.fn.countAll<number>().as('n')).where('show_id', '=', id).executeTakeFirstOrThrow();
    if (Number(n.n) > 0) throw new Conflict(`the show «${before.title}» still has ${Number(n.n)} programmes; delete them or move them to another show first`, [{ field: 'id', message: `${Number(n.n)} programmes belong to it` }]);
    await trx.deleteFrom('shows').where('id', '=', id).execute();
    await audit(trx, deps.now(), actor, 'show.delete', `show:${id}`, { title: before.title });
    await bumpContentVersion(trx, [tvKey.show(id), tvKey.schedule(before.edition)]);
  });
}

// ------------------------------------------------------------- programmes

const PROGRAMME_COLS = [
  'p.id',
  'p.edition',
  'p.show_id',
  'p.title',
  'p.episode_title',
  'p.description',
  'p.starts_at',
  'p.ends_at',
  'p.season',
  'p.episode',
  'p.category',
  'p.video_id',
  'p.source',
  'p.created_at',
  'p.updated_at',
  's.slug as show_slug',
  's.title as show_title',
] as const;

/** Programmes with their show's slug and title: what the schedule, the live page and show pages list. */
export function programmeQuery(db: Db) {
  return db.selectFrom('programmes as p').leftJoin('shows as s', 's.id', 'p.show_id').select(PROGRAMME_COLS);
}

export type ProgrammeView = Awaited<ReturnType<ReturnType<typeof programmeQuery>['execute']>>[number];

/** Programmes with their article links, in the order given. */
export async function withArticles(db: Db, rows: ProgrammeView[]): Promise<Array<ProgrammeView & { articleIds: number[] }>> {
  const ids = rows.map((r) => r.id);
  const links = ids.length ? await db.selectFrom('programme_articles').select(['programme_id', 'article_id']).where('programme_id', 'in', ids).orderBy('article_id').execute() : [];
  const by = new Map<number, number[]>();
  for (const l of links) by.set(l.programme_id, [...(by.get(l.programme_id) ?? []), l.article_id]);
  return rows.map((r) => ({ ...r, articleIds: by.get(r.id) ?? [] }));
}

function presentProgramme(r: ProgrammeView & { articleIds: number[] }): ApiProgramme {
  return {
    id: r.id,
    edition: r.edition,
    showId: r.show_id,
    show: r.show_id !== null && r.show_slug !== null ? { id: r.show_id, slug: r.show_slug, title: r.show_title! } : null,
    title: r.title,
    episodeTitle: r.episode_title,
    description: r.description,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    season: r.season,
    episode: r.episode,
    category: r.category,
    videoId: r.video_id,
    articleIds: r.articleIds,
    source: r.source === 'admin' ? 'admin' : 'xmltv',
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Programmes running at some moment of [from, to), in order of their start. */
export function programmesBetween(db: Db, editionCode: string, from: string, to: string) {
  return programmeQuery(db).where('p.edition', '=', editionCode).where('p.starts_at', '<', to).where('p.ends_at', '>', from).orderBy('p.starts_at').orderBy('p.id').limit(1000).execute();
}

/**
 * The newsroom's list: one day of an edition (`date`, in its time zone: the
 * programmes running at some moment of it), or one show's programmes.
 */
export async function listProgrammes(deps: TvDeps, q: { edition?: string; date?: string; show?: string }): Promise<{ programmes: ApiProgramme[]; from?: string; to?: string; timeZone?: string }> {
  if (q.show !== undefined) {
    const id = queryId(q.show, 'show', { required: true });
    const rows = await programmeQuery(deps.db).where('p.show_id', '=', id).orderBy('p.starts_at', 'desc').limit(500).execute();
    return { programmes: (await withArticles(deps.db, rows)).map(presentProgramme) };
  }
  const ed = await edition(deps.db, q.edition);
  if (!ed) throw new ValidationFailed([{ field: 'edition', message: q.edition ? `unknown edition "${q.edition}"` : 'required: an edition code such as fr' }]);
  const day = q.date ?? dayIn(deps.now(), ed.time_zone);
  if (!isDay(day)) throw new ValidationFailed([{ field: 'date', message: 'expected a day as YYYY-MM-DD' }]);
  const { from, to } = dayWindow(day, ed.time_zone);
  const rows = await programmesBetween(deps.db, ed.code, from, to);
  return { programmes: (await withArticles(deps.db, rows)).map(presentProgramme), from, to, timeZone: ed.time_zone };
}

export async function getProgramme(deps: TvDeps, id: number): Promise<ApiProgramme> {
  const r = await programmeQuery(deps.db).where('p.id', '=', id).executeTakeFirst();
  if (!r) throw new NotFound(`no programme ${id}`);
  return presentProgramme((await withArticles(deps.db, [r]))[0]!);
}

/** An instant with its offset (2026-10-25T01:30:00+02:00, or …Z): a local time without one would be ambiguous. */
function instant(v: unknown, field: string, issues: FieldIssue[]): string | undefined {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) || Number.isNaN(Date.parse(v))) {
    issues.push({ field, message: 'expected a date and time with its offset, such as 2026-10-25T20:00:00+01:00 or 2026-10-25T19:00:00Z' });
    return undefined;
  }
  return new Date(v).toISOString();
}

/** The longest programme: a day and a half (a marathon, an election night). */
const MAX_DURATION_MS = 36 * 3600_000;
const MAX_ARTICLES = 20;

async function parseProgramme(deps: TvDeps, value: unknown, before: ProgrammeView | null) {
  const v = object(value);
  const issues: FieldIssue[] = [];
  unknownFields(v, ['edition', 'showId', 'title', 'episodeTitle', 'description', 'startsAt', 'endsAt', 'season', 'episode', 'category', 'videoId', 'articleIds'], issues);
  let editionCode = before?.edition;
  if (!before) {
    const ed = await edition(deps.db, v.edition);
    if (!ed) issues.push({ field: 'edition', message: typeof v.edition === 'string' && v.edition ? `unknown edition "${v.edition}"` : 'required: an edition code such as fr' });
    editionCode = ed?.code;
  } else if (v.edition !== undefined && v.edition !== before.edition) issues.push({ field: 'edition', message: 'a programme stays in its edition' });
  let showId: number | null | undefined;
  let showTitle: string | undefined;
  if (v.showId !== undefined) {
    if (v.showId === null) showId = null;
    else if (!isId(v.showId)) issues.push({ field: 'showId', message: `expected a show id, a whole number from 1 to ${MAX_ID}, or null` });
    else {
      const s = await deps.db.selectFrom('shows').select(['id', 'edition', 'title']).where('id', '=', v.showId).executeTakeFirst();
      if (!s) issues.push({ field: 'showId', message: `no show ${v.showId}` });
      else if (editionCode && s.edition !== editionCode) issues.push({ field: 'showId', message: `the show ${s.id} belongs to the ${s.edition} edition, not ${editionCode}` });
      else {
        showId = s.id;
        showTitle = s.title;
      }
    }
  }
  let title = text(v, 'title', 300, issues, !before && v.showId === undefined);
  if (title === null) issues.push({ field: 'title', message: 'a programme has a title' });
  title ??= !before && showTitle ? showTitle : undefined;
  const episodeTitle = text(v, 'episodeTitle', 300, issues);
  const description = text(v, 'description', 5000, issues);
  const category = text(v, 'category', 100, issues);
  const startsAt = v.startsAt !== undefined || !before ? instant(v.startsAt, 'startsAt', issues) : undefined;
  const endsAt = v.endsAt !== undefined || !before ? instant(v.endsAt, 'endsAt', issues) : undefined;
  const start = startsAt ?? before?.starts_at;
  const end = endsAt ?? before?.ends_at;
  if (start && end && (startsAt || endsAt)) {
    if (end <= start) issues.push({ field: 'endsAt', message: 'must come after startsAt' });
    else if (Date.parse(end) - Date.parse(start) > MAX_DURATION_MS) issues.push({ field: 'endsAt', message: 'a programme lasts 36 hours at most' });
  }
  const small = (field: 'season' | 'episode') => {
    const x = v[field];
    if (x === undefined) return undefined;
    if (x === null) return null;
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 1 || x > 99_999) {
      issues.push({ field, message: 'expected a whole number from 1 to 99999, or null' });
      return undefined;
    }
    return x;
  };
  const season = small('season');
  const episode = small('episode');
  let videoId: number | null | undefined;
  if (v.videoId !== undefined) {
    if (v.videoId === null) videoId = null;
    else if (!isId(v.videoId)) issues.push({ field: 'videoId', message: `expected a video id, a whole number from 1 to ${MAX_ID}, or null` });
    else if (!(await deps.db.selectFrom('videos').select('id').where('id', '=', v.videoId).executeTakeFirst())) issues.push({ field: 'videoId', message: `no video ${v.videoId}` });
    else videoId = v.videoId;
  }
  let articleIds: number[] | undefined;
  if (v.articleIds !== undefined) {
    if (!Array.isArray(v.articleIds) || v.articleIds.length > MAX_ARTICLES || !v.articleIds.every(isId)) issues.push({ field: 'articleIds', message: `expected a list of up to ${MAX_ARTICLES} article ids` });
    else {
      const ids = [...new Set(v.articleIds as number[])];
      const found = ids.length ? await deps.db.selectFrom('articles').select('id').where('id', 'in', ids).execute() : [];
      const missing = ids.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) issues.push({ field: 'articleIds', message: `no article ${missing.join(', ')}` });
      else articleIds = ids;
    }
  }
  if (issues.length) throw new ValidationFailed(issues);
  return { edition: editionCode!, showId, title, episodeTitle, description, category, startsAt, endsAt, season, episode, videoId, articleIds };
}

async function setArticles(trx: Db, programmeId: number, ids: number[]) {
  await trx.deleteFrom('programme_articles').where('programme_id', '=', programmeId).execute();
  if (ids.length) await trx.insertInto('programme_articles').values(ids.map((article_id) => ({ programme_id: programmeId, article_id }))).execute();
}

/** A programme made in the newsroom; without a show, it joins (or founds) the show of its title. */
export async function createProgramme(deps: TvDeps, value: unknown, actor: Actor): Promise<ApiProgramme> {
  const input = await parseProgramme(deps, value, null);
  const at = deps.now().toISOString();
  const id = await deps.db.transaction().execute(async (trx) => {
    const showId = input.showId ?? (await showForTitle(trx, input.edition, input.title!, at)).id;
    const row = await trx
      .insertInto('programmes')
      .values({
        edition: input.edition,
        show_id: showId,
        title: input.title!,
        episode_title: input.episodeTitle ?? null,
        description: input.description ?? null,
        starts_at: input.startsAt!,
        ends_at: input.endsAt!,
        season: input.season ?? null,
        episode: input.episode ?? null,
        category: input.category ?? null,
        video_id: input.videoId ?? null,
        source: 'admin',
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.articleIds?.length) await setArticles(trx, row.id, input.articleIds);
    await audit(trx, deps.now(), actor, 'programme.create', `programme:${row.id}`, { title: input.title, startsAt: input.startsAt, endsAt: input.endsAt });
    await bumpContentVersion(trx, [tvKey.schedule(input.edition), tvKey.show(showId)]);
    return row.id;
  });
  return getProgramme(deps, id);
}

/** Changes a programme; an imported one becomes the newsroom's (`source = 'admin'`), which the next import keeps. */
export async function updateProgramme(deps: TvDeps, id: number, value: unknown, actor: Actor): Promise<ApiProgramme> {
  const before = await programmeQuery(deps.db).where('p.id', '=', id).executeTakeFirst();
  if (!before) throw new NotFound(`no programme ${id}`);
  const input = await parseProgramme(deps, value, before);
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const set = {
      ...(input.showId !== undefined ? { show_id: input.showId } : {}),
      ...(input.title ? { title: input.title } : {}),
      ...(input.episodeTitle !== undefined ? { episode_title: input.episodeTitle } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.startsAt ? { starts_at: input.startsAt } : {}),
      ...(input.endsAt ? { ends_at: input.endsAt } : {}),
      ...(input.season !== undefined ? { season: input.season } : {}),
      ...(input.episode !== undefined ? { episode: input.episode } : {}),
      ...(input.videoId !== undefined ? { video_id: input.videoId } : {}),
      source: 'admin',
      updated_at: at,
    };
    const n = await trx.updateTable('programmes').set(set).where('id', '=', id).where('updated_at', '=', before.updated_at).executeTakeFirst();
    if (Number(n.numUpdatedRows) !== 1) throw new Conflict(`the programme ${id} was changed meanwhile; load it again`);
    if (input.articleIds) await setArticles(trx, id, input.articleIds);
    await audit(trx, deps.now(), actor, 'programme.update', `programme:${id}`, { fields: [...Object.keys(set).filter((k) => k !== 'updated_at' && k !== 'source'), ...(input.articleIds ? ['articleIds'] : [])] });
    const shows = [before.show_id, input.showId].filter((s): s is number => typeof s === 'number');
    await bumpContentVersion(trx, [tvKey.schedule(before.edition), ...shows.map(tvKey.show)]);
  });
  return getProgramme(deps, id);
}

export async function deleteProgramme(deps: TvDeps, id: number, actor: Actor): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('programmes').select(['id', 'edition', 'show_id', 'title', 'starts_at']).where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound(`no programme ${id}`);
    await trx.deleteFrom('programme_articles').where('programme_id', '=', id).execute();
    await trx.deleteFrom('programmes').where('id', '=', id).execute();
    await audit(trx, deps.now(), actor, 'programme.delete', `programme:${id}`, { title: before.title, startsAt: before.starts_at });
    await bumpContentVersion(trx, [tvKey.schedule(before.edition), ...(before.show_id ? [tvKey.show(before.show_id)] : [])]);
  });
}
