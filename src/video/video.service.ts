import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { sql } from 'kysely';
import { z } from 'zod';
import { key } from '../cdn/keys.ts';
import { isUniqueViolation } from '../content/article.write.ts';
import { mediaHref } from '../content/paths.ts';
import { languageName } from '../render/i18n.ts';
import { slugify } from '../content/slug.ts';
import { Conflict, Forbidden, NotFound, PreconditionFailed, PreconditionRequired, ValidationFailed } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import { atLeast, ownerOf, owns, type Actor } from '../newsroom/roles.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import { videoChangeKeys } from '../cdn/page-keys.ts';
import type { Db } from '../store/db.ts';
import { MAX_ID, plainWhole } from '../store/ids.ts';
import type { VideoRow } from '../store/schema.ts';
import type { ImageVariant } from '../media/images.ts';
import type { MediaStorage } from '../media/storage.ts';
import { optionalText } from '../media/media.service.ts';
import type { Rendition } from './ladder.ts';
import type { VideoProbe } from './probe.ts';

export interface VideoDeps {
  db: Db;
  media: MediaStorage;
  now: () => Date;
  /** Where absolute URLs point: the site, and the media host when there is one. */
  publicUrl: string;
  mediaUrl?: string;
  defaultEdition: string;
}

export interface VideoChapter {
  startMs: number;
  title: string;
}

/** The Admin API's video (docs/video.md): `status` is the transcode's state, `published` the page's. */
export interface VideoView {
  id: number;
  status: string;
  progress: number;
  hls: string | null;
  mp4: string | null;
  poster: string | null;
  /** The poster's address as the admin shows it: a path on this site (or the media host), like the media library's. */
  posterPath: string | null;
  error: string | null;
  title: string;
  description: string | null;
  credit: string | null;
  copyright: string | null;
  licence: string | null;
  language: string;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  edition: string;
  slug: string;
  section: string | null;
  published: boolean;
  publishedAt: string | null;
  chapters: VideoChapter[];
  subtitles: Array<{ language: string; label: string; url: string | null; cues: number }>;
  renditions: Array<Rendition & { url: string }>;
  sprite: string | null;
  spriteVtt: string | null;
  posterImage: number | null;
  posterAtMs: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  filename: string | null;
  bytes: number | null;
  /** The articles that show it (leading with it, or in a body block). */
  usedIn: number[];
  /** The newest job (transcode or poster): what the admin shows while it runs. */
  job: { id: number; kind: string; status: string; progress: number; error: string | null; steps: string[] } | null;
}

const text = optionalText;
const language = z.string({ error: 'expected a language tag such as fr or en-GB' }).trim().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/, 'expected a language tag such as fr or en-GB').max(35);

/** The words that may come with an upload (multipart text fields or tus Upload-Metadata). */
const UploadFields = z.strictObject({
  title: text(300),
  edition: z.string().trim().max(35).optional(),
  language: language.optional(),
  description: text(5000),
  credit: text(300),
  copyright: text(300),
  licence: text(300),
});
export type UploadFields = z.input<typeof UploadFields>;
export const UPLOAD_FIELD_NAMES = Object.keys(UploadFields.shape);

const VideoPatch = z.strictObject({
  title: z.string({ error: 'expected text' }).trim().min(1, 'a video needs a title').max(300, 'at most 300 characters').optional(),
  description: text(5000),
  credit: text(300),
  copyright: text(300),
  licence: text(300),
  language: language.optional(),
  edition: z.string().trim().max(35).optional(),
  slug: z.string().trim().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens').max(200).optional(),
  section: z.string().trim().max(200).nullable().optional(),
  published: z.boolean({ error: 'expected true or false' }).optional(),
  chapters: z
    .array(z.strictObject({ startMs: z.number().int().min(0), title: z.string().trim().min(1).max(200) }))
    .max(200)
    .optional(),
});
export type VideoPatch = z.input<typeof VideoPatch>;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  throw new ValidationFailed(
    r.error.issues.map((i) => (i.code === 'unrecognized_keys' ? { field: i.keys[0], message: 'unknown field' } : { field: i.path.join('.') || 'body', message: i.message })),
  );
}

/** Checks the words of an upload before its bytes are taken (tus creation, multipart fields). */
export async function checkUploadFields(deps: VideoDeps, fields: unknown): Promise<z.output<typeof UploadFields>> {
  const f = parse(UploadFields, fields);
  const edition = f.edition ?? deps.defaultEdition;
  if (!(await deps.db.selectFrom('editions').select('code').where('code', '=', edition).executeTakeFirst())) throw new ValidationFailed([{ field: 'edition', message: `no edition ${edition}` }]);
  return { ...f, edition };
}

/** Only a name to show: no folders, no control characters. */
function cleanFilename(name: string | null | undefined): string | null {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base ? base.slice(0, 255) : null;
}

/** The source's extension in the media storage: from its container, never from the uploader's name. */
export function sourceExtension(probe: VideoProbe | null): string {
  const c = probe?.container ?? '';
  if (c.includes('mp4') || c.includes('mov')) return 'mp4';
  if (c.includes('webm')) return 'webm';
  if (c.includes('matroska')) return 'mkv';
  if (c.includes('mpegts')) return 'ts';
  if (c.includes('mxf')) return 'mxf';
  return 'bin';
}

export const newRun = () => randomBytes(6).toString('hex');

export interface NewVideo {
  /** The upload on this node's disk, already probed; it is copied into the media storage. */
  file?: string;
  /** Or a tus upload left in the bucket, fetched and probed by the job's first step. */
  tusKey?: string;
  filename: string | null;
  bytes: number;
  probe: VideoProbe | null;
  fields: unknown;
  uploadId?: string;
}

/**
 * Adds an uploaded video to the library and queues its transcode. The row is
 * made first (its id names the folder), the source is staged into the media
 * storage, and the job is queued in the transaction that names the source;
 * a failure in between removes the row again.
 */
export async function createVideo(deps: VideoDeps, v: NewVideo, actor: Actor): Promise<VideoView> {
  if (!atLeast(actor, 'contributor')) throw new Forbidden('uploading needs the contributor role');
  const f = await checkUploadFields(deps, v.fields);
  const filename = cleanFilename(v.filename);
  const title = f.title ?? (filename ? filename.replace(/\.[^.]*$/, '').replace(/[_]+/g, ' ').trim() : '') ?? '';
  const at = deps.now().toISOString();
  const owner = ownerOf(actor);
  const id = await insertWithSlug(deps.db, slugify(title || 'video'), (slug) => ({
    edition: f.edition!,
    slug,
    title: title || 'Vidéo sans titre',
    description: f.description ?? null,
    credit: f.credit ?? null,
    copyright: f.copyright ?? null,
    licence: f.licence ?? null,
    language: f.language ?? f.edition!.split('-')[0],
    source_name: filename,
    source_bytes: v.bytes,
    probe: v.probe ? JSON.stringify(v.probe) : null,
    width: v.probe?.width ?? null,
    height: v.probe?.height ?? null,
    duration_ms: v.probe?.durationMs ?? null,
    state: 'waiting',
    created_by: owner.userId,
    created_by_token: owner.tokenId,
    created_at: at,
    updated_at: at,
    upload_id: v.uploadId ?? null,
  }));
  const batch = deps.media.batch();
  try {
    let sourceKey: string | null = null;
    if (v.file) {
      sourceKey = `videos/${id}/source/${randomBytes(8).toString('hex')}.${sourceExtension(v.probe)}`;
      await batch.put(sourceKey, createReadStream(v.file));
    }
    await deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('videos').set({ source_key: sourceKey }).where('id', '=', id).execute();
      await trx
        .insertInto('video_jobs')
        .values({ video_id: id, kind: 'transcode', status: 'waiting', params: JSON.stringify({ run: newRun(), ...(v.tusKey ? { tusKey: v.tusKey } : {}) }), created_at: at })
        .execute();
      await audit(trx, deps.now(), actor, 'video.upload', `video:${id}`, { filename, bytes: v.bytes, uploadId: v.uploadId });
    });
    await batch.commit();
  } catch (e) {
    await batch.discard();
    await deps.db.deleteFrom('video_jobs').where('video_id', '=', id).execute().catch(() => {});
    await deps.db.deleteFrom('videos').where('id', '=', id).execute().catch(() => {});
    throw e;
  }
  return getVideo(deps, id);
}

/** Inserts a video under the first free slug of `base`, base-2, base-3…; returns its id. */
async function insertWithSlug(db: Db, base: string, row: (slug: string) => Parameters<ReturnType<Db['insertInto']>['values']>[0]): Promise<number> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base.slice(0, 190)}-${n}`;
    try {
      const r = await db.insertInto('videos').values(row(slug) as never).returning('id').executeTakeFirstOrThrow();
      return r.id;
    } catch (e) {
      if (!isUniqueViolation(e) || n > 50) throw e;
    }
  }
}

async function getRow(db: Db, id: number): Promise<VideoRow> {
  const row = await db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound(`no video with id ${id}`);
  return row;
}

/** Articles showing a video: leading with it, or with a video block naming it (exact, not 12 for 123). */
export async function articlesUsing(db: Db, id: number): Promise<Array<{ id: number; status: string }>> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'status', 'lead_video_id', 'body'])
    .where((eb) => eb.or([eb('lead_video_id', '=', id), eb('body', 'like', `%"video":${id}%`)]))
    .orderBy('id')
    .execute();
  return rows
    .filter((r) => r.lead_video_id === id || (JSON.parse(r.body) as Array<{ type: string; video?: number }>).some((b) => b.type === 'video' && b.video === id))
    .map((r) => ({ id: r.id, status: r.status }));
}

export async function getVideo(deps: Pick<VideoDeps, 'db' | 'publicUrl' | 'mediaUrl'>, id: number): Promise<VideoView> {
  const row = await getRow(deps.db, id);
  return (await viewsOf(deps, [row]))[0];
}

/** The views of several rows, with a handful of queries whatever their number. */
async function viewsOf(deps: Pick<VideoDeps, 'db' | 'publicUrl' | 'mediaUrl'>, rows: VideoRow[]): Promise<VideoView[]> {
  if (!rows.length) return [];
  const { db } = deps;
  const ids = rows.map((r) => r.id);
  const href = (k: string | null) => (k ? mediaHref(k, deps.publicUrl, deps.mediaUrl) : null);
  const posterIds = rows.map((r) => r.poster_image_id).filter((x): x is number => x !== null);
  const images = posterIds.length ? await db.selectFrom('images').select(['id', 'original', 'variants']).where('id', 'in', posterIds).execute() : [];
  const sectionIds = rows.map((r) => r.section_id).filter((x): x is number => x !== null);
  const sections = sectionIds.length ? await db.selectFrom('sections').select(['id', 'slug']).where('id', 'in', sectionIds).execute() : [];
  const subs = await db.selectFrom('video_subtitles').select(['video_id', 'language', 'label', 'key', 'cues']).where('video_id', 'in', ids).orderBy('language').execute();
  const jobs = await db.selectFrom('video_jobs').selectAll().where('video_id', 'in', ids).orderBy('id', 'desc').execute();
  // A LIKE per video finds the bodies that may name it; parsing keeps only exact matches (12 is not 123).
  const leading = await db
    .selectFrom('articles')
    .select(['id', 'lead_video_id', 'body'])
    .where((eb) => eb.or([eb('lead_video_id', 'in', ids), ...ids.map((id) => eb('body', 'like', `%"video":${id}%`))]))
    .execute();
  return rows.map((r) => {
    const img = images.find((i) => i.id === r.poster_image_id);
    const jpegs = img ? (JSON.parse(img.variants) as ImageVariant[]).filter((v) => v.format === 'jpeg').sort((a, b) => b.width - a.width) : [];
    const posterKey = img ? (jpegs.find((v) => v.width <= 1200)?.key ?? img.original) : null;
    const job = jobs.find((j) => j.video_id === r.id);
    const used = leading.filter((a) => a.lead_video_id === r.id || (JSON.parse(a.body) as Array<{ type: string; video?: number }>).some((b) => b.type === 'video' && b.video === r.id)).map((a) => a.id);
    return {
      id: r.id,
      status: r.state,
      progress: r.progress,
      hls: href(r.hls_key),
      mp4: href(r.mp4_key),
      poster: href(posterKey),
      posterPath: posterKey ? mediaHref(posterKey, '', deps.mediaUrl) : null,
      error: r.error,
      title: r.title,
      description: r.description,
      credit: r.credit,
      copyright: r.copyright,
      licence: r.licence,
      language: r.language,
      durationMs: r.duration_ms,
      width: r.width,
      height: r.height,
      edition: r.edition,
      slug: r.slug,
      section: sections.find((s) => s.id === r.section_id)?.slug ?? null,
      published: r.status === 'published',
      publishedAt: r.published_at,
      chapters: JSON.parse(r.chapters) as VideoChapter[],
      // A language sent without a label is named as the subtitles routes name it ("Français"), not left null.
      subtitles: subs.filter((s) => s.video_id === r.id).map((s) => ({ language: s.language, label: s.label ?? languageName(s.language), url: href(s.key), cues: s.cues })),
      renditions: (JSON.parse(r.renditions) as Rendition[]).map((x) => ({ ...x, url: href(x.key)! })),
      sprite: href(r.sprite_key),
      spriteVtt: href(r.sprite_vtt_key),
      posterImage: r.poster_image_id,
      posterAtMs: r.poster_at_ms,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      filename: r.source_name,
      bytes: r.source_bytes === null ? null : Number(r.source_bytes),
      usedIn: [...new Set(used)].sort((a, b) => a - b),
      job: job ? { id: job.id, kind: job.kind, status: job.status, progress: job.progress, error: job.error, steps: JSON.parse(job.steps) as string[] } : null,
    };
  });
}

export interface VideoQuery {
  state?: string;
  q?: string;
  edition?: string;
  page?: number;
  perPage?: number;
}

const STATES = ['waiting', 'transcoding', 'ready', 'failed'];

/** The library, newest first; `q` keeps the videos whose title or file name holds it, whatever its case. */
export async function listVideos(deps: Pick<VideoDeps, 'db' | 'publicUrl' | 'mediaUrl'>, query: VideoQuery = {}) {
  const perPage = Math.min(Math.max(query.perPage ?? 30, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  let q = deps.db.selectFrom('videos').selectAll();
  if (query.state !== undefined) {
    if (!STATES.includes(String(query.state))) throw new ValidationFailed([{ field: 'state', message: `expected one of ${STATES.join(', ')}` }]);
    q = q.where('state', '=', String(query.state));
  }
  if (query.edition !== undefined) q = q.where('edition', '=', String(query.edition));
  const words = query.q === undefined ? '' : String(query.q).trim().toLowerCase();
  if (words) {
    const like = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(sql`lower(title)`, 'like', sql`${like} escape '\\'`), eb(sql`lower(coalesce(source_name, ''))`, 'like', sql`${like} escape '\\'`)]));
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .execute();
  return { videos: await viewsOf(deps, rows.slice(0, perPage)), page, perPage, hasMore: rows.length > perPage };
}

/**
 * Editors look after the whole library; whoever uploaded a video looks after
 * it while no published article shows it (as with pictures).
 */
async function checkMayChange(db: Db, actor: Actor, row: VideoRow): Promise<void> {
  if (atLeast(actor, 'editor')) return;
  if (!owns(actor, { userId: row.created_by, tokenId: row.created_by_token })) throw new Forbidden('seul un éditeur ou la personne qui a téléversé cette vidéo peut la modifier');
  const published = (await articlesUsing(db, row.id)).filter((a) => a.status === 'published');
  if (published.length) throw new Forbidden(`cette vidéo figure dans ${published.length === 1 ? 'un article publié' : `${published.length} articles publiés`} : la modifier demande le rôle éditeur`);
}

/** The keys a change to a video purges: its own, and each article that shows it. */
export async function videoKeys(db: Db, id: number, wasListed = false): Promise<string[]> {
  // A published video (or one just withdrawn) is also on the edition's video listings and sitemap.
  const row = await db.selectFrom('videos').select(['edition', 'status']).where('id', '=', id).executeTakeFirst();
  const own = row ? videoChangeKeys({ id, edition: row.edition }, wasListed || row.status === 'published') : [key.video(id)];
  return [...own, ...(await articlesUsing(db, id)).map((a) => key.article(a.id))];
}

function versionOf(ifMatch: string | undefined): number {
  if (!ifMatch) throw new PreconditionRequired('send If-Match with the version of the video you edited');
  const v = plainWhole(ifMatch.replace(/^W\//, '').replace(/"/g, ''), 1, MAX_ID);
  if (v === null) throw new ValidationFailed([{ field: 'If-Match', message: 'expected a version, as "3"' }]);
  return v;
}

const COLUMNS = { title: 'title', description: 'description', credit: 'credit', copyright: 'copyright', licence: 'licence', language: 'language', edition: 'edition', slug: 'slug' } as const;

/** Changes a video's words, page and chapters; If-Match names the version edited, as for articles. */
export async function updateVideo(deps: VideoDeps, id: number, input: unknown, ifMatch: string | undefined, actor: Actor): Promise<VideoView> {
  const base = versionOf(ifMatch);
  const patch = parse(VideoPatch, input);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const row = await getRow(trx, id);
      if (row.version !== base) {
        const current = await getVideo({ ...deps, db: trx }, id);
        throw new PreconditionFailed(`the video changed since version ${base}`, { currentVersion: row.version, current });
      }
      await checkMayChange(trx, actor, row);
      const set: Record<string, unknown> = {};
      for (const [field, column] of Object.entries(COLUMNS)) {
        const value = patch[field as keyof typeof COLUMNS];
        if (value !== undefined && value !== row[column]) set[column] = value;
      }
      if (set.edition !== undefined && !(await trx.selectFrom('editions').select('code').where('code', '=', set.edition as string).executeTakeFirst())) {
        throw new ValidationFailed([{ field: 'edition', message: `no edition ${set.edition}` }]);
      }
      if (patch.section !== undefined) {
        let sectionId: number | null = null;
        if (patch.section) {
          const s = await trx
            .selectFrom('sections')
            .select('id')
            .where('edition', '=', (set.edition as string | undefined) ?? row.edition)
            .where('slug', '=', patch.section)
            .executeTakeFirst();
          if (!s) throw new ValidationFailed([{ field: 'section', message: `no section ${patch.section} in this edition` }]);
          sectionId = s.id;
        }
        if (sectionId !== row.section_id) set.section_id = sectionId;
      }
      if (patch.chapters !== undefined) {
        const chapters = [...patch.chapters].sort((a, b) => a.startMs - b.startMs);
        if (row.duration_ms !== null) {
          const i = chapters.findIndex((c) => c.startMs >= row.duration_ms!);
          if (i >= 0) throw new ValidationFailed([{ field: `chapters.${i}.startMs`, message: 'after the end of the video' }]);
        }
        const json = JSON.stringify(chapters);
        if (json !== row.chapters) set.chapters = json;
      }
      if (patch.published !== undefined && patch.published !== (row.status === 'published')) {
        set.status = patch.published ? 'published' : 'draft';
        if (patch.published && !row.published_at) set.published_at = deps.now().toISOString();
      }
      if (!Object.keys(set).length) return;
      await trx
        .updateTable('videos')
        .set({ ...set, version: row.version + 1, updated_at: deps.now().toISOString() })
        .where('id', '=', id)
        .execute();
      await audit(trx, deps.now(), actor, 'video.update', `video:${id}`, { changed: Object.keys(set) });
      const keys = await videoKeys(trx, id, row.status === 'published');
      // Moved to another edition: the old edition's listings drop it.
      if (set.edition && row.status === 'published') keys.push(...videoChangeKeys({ id, edition: row.edition }, true));
      await bumpContentVersion(trx, keys);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ValidationFailed([{ field: 'slug', message: 'another video of this edition has this slug' }]);
    throw e;
  }
  return getVideo(deps, id);
}

/** Removes a video; refused while an article shows it, naming the articles. The files stay (cached pages may name them). */
export async function deleteVideo(deps: VideoDeps, id: number, actor: Actor): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await getRow(trx, id);
    await checkMayChange(trx, actor, row);
    const used = await articlesUsing(trx, id);
    if (used.length) {
      throw new Conflict(
        `this video is used by ${used.length === 1 ? 'article' : 'articles'} ${used.map((a) => a.id).join(', ')}`,
        used.map((a) => ({ field: 'usedIn', message: `article ${a.id}` })),
      );
    }
    await trx.deleteFrom('video_jobs').where('video_id', '=', id).execute();
    await trx.deleteFrom('video_subtitles').where('video_id', '=', id).execute();
    await trx.updateTable('programmes').set({ video_id: null }).where('video_id', '=', id).execute();
    await trx.deleteFrom('videos').where('id', '=', id).execute();
    await audit(trx, deps.now(), actor, 'video.delete', `video:${id}`, { title: row.title, source: row.source_key });
    await bumpContentVersion(trx, videoChangeKeys({ id, edition: row.edition }, row.status === 'published'));
  });
}

/** Queues a failed transcode again; it goes on after the steps it had finished. */
export async function retryVideo(deps: VideoDeps, id: number, actor: Actor): Promise<VideoView> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await getRow(trx, id);
    await checkMayChange(trx, actor, row);
    if (row.state !== 'failed') throw new Conflict(`only a failed video can be tried again (this one is ${row.state})`);
    const job = await trx.selectFrom('video_jobs').select(['id']).where('video_id', '=', id).where('kind', '=', 'transcode').orderBy('id', 'desc').executeTakeFirst();
    const at = deps.now().toISOString();
    if (job) {
      await trx.updateTable('video_jobs').set({ status: 'waiting', error: null, attempts: 0, claimed_by: null, locked_until: null, finished_at: null }).where('id', '=', job.id).execute();
    } else {
      await trx.insertInto('video_jobs').values({ video_id: id, kind: 'transcode', status: 'waiting', params: JSON.stringify({ run: newRun() }), created_at: at }).execute();
    }
    await trx.updateTable('videos').set({ state: 'waiting', error: null, updated_at: at }).where('id', '=', id).execute();
    await audit(trx, deps.now(), actor, 'video.retry', `video:${id}`, { error: row.error });
  });
  return getVideo(deps, id);
}

const PosterInput = z.union([z.strictObject({ atMs: z.number({ error: 'expected milliseconds' }).int('expected whole milliseconds').min(0) }), z.strictObject({ image: z.number().int().min(1).max(MAX_ID) })], {
  error: 'send { "atMs": <milliseconds> } for a frame of the video, or { "image": <picture id> } for a picture of the library',
});

/**
 * Changes the poster: a frame at `atMs` (a poster job for the worker, answered
 * at once with the job waiting) or a picture of the library (at once).
 */
export async function changePoster(deps: VideoDeps, id: number, input: unknown, actor: Actor): Promise<{ video: VideoView; queued: boolean }> {
  const r = PosterInput.safeParse(input ?? {});
  if (!r.success) {
    const field = input !== null && typeof input === 'object' && 'image' in input ? 'image' : 'atMs';
    throw new ValidationFailed([{ field, message: r.error.issues[0]?.message ?? 'invalid' }]);
  }
  const v = r.data;
  let queued = false;
  await deps.db.transaction().execute(async (trx) => {
    const row = await getRow(trx, id);
    await checkMayChange(trx, actor, row);
    if ('atMs' in v) {
      if (!row.source_key || row.duration_ms === null) throw new Conflict('the video is not ready for a poster frame yet');
      if (v.atMs >= row.duration_ms) throw new ValidationFailed([{ field: 'atMs', message: `the video lasts ${row.duration_ms} ms` }]);
      await trx.insertInto('video_jobs').values({ video_id: id, kind: 'poster', status: 'waiting', params: JSON.stringify({ atMs: v.atMs }), created_at: deps.now().toISOString() }).execute();
      await audit(trx, deps.now(), actor, 'video.poster', `video:${id}`, { atMs: v.atMs });
      queued = true;
    } else {
      const img = await trx.selectFrom('images').select('id').where('id', '=', v.image).executeTakeFirst();
      if (!img) throw new ValidationFailed([{ field: 'image', message: `no picture with id ${v.image}` }]);
      await setPoster(trx, deps.now(), id, img.id, null);
      await audit(trx, deps.now(), actor, 'video.poster', `video:${id}`, { image: img.id });
    }
  });
  return { video: await getVideo(deps, id), queued };
}

/**
 * Makes a picture the video's poster, and the lead picture of every article
 * leading with it (the stored lead's imageId), so cards, social cards and
 * feeds show the new poster; purges them. In the caller's transaction.
 */
export async function setPoster(trx: Db, at: Date, videoId: number, imageId: number, atMs: number | null): Promise<void> {
  await trx.updateTable('videos').set({ poster_image_id: imageId, poster_at_ms: atMs, updated_at: at.toISOString() }).where('id', '=', videoId).execute();
  const leading = await trx.selectFrom('articles').select(['id', 'lead']).where('lead_video_id', '=', videoId).execute();
  for (const a of leading) {
    const lead = a.lead ? (JSON.parse(a.lead) as Record<string, unknown>) : { video: videoId, alt: '' };
    await trx
      .updateTable('articles')
      .set({ lead: JSON.stringify({ ...lead, imageId }), lead_image_id: imageId })
      .where('id', '=', a.id)
      .execute();
  }
  await bumpContentVersion(trx, await videoKeys(trx, videoId));
}

/** The video a finished tus upload became. */
export async function videoOfUpload(deps: Pick<VideoDeps, 'db' | 'publicUrl' | 'mediaUrl'>, uploadId: string): Promise<VideoView> {
  const row = await deps.db.selectFrom('videos').selectAll().where('upload_id', '=', uploadId).executeTakeFirst();
  if (!row) throw new NotFound('no video was made from this upload (yet)');
  return (await viewsOf(deps, [row]))[0];
}
