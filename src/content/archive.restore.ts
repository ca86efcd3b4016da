import fs from 'node:fs/promises';
import path from 'node:path';
import { IMAGE_DEFAULTS } from '../config.ts';
import { Conflict, ValidationFailed, type FieldIssue } from '../errors.ts';
import { imageCodec } from '../media/images.ts';
import { rowsPerStatement, slices } from '../store/batches.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import { indexArticles } from '../search/index-writer.ts';
import type { Db } from '../store/db.ts';
import { parseArticle, type ArticleInput } from './article.schema.ts';
import { articleColumns, scheduledColumn, ensureSection, isUniqueViolation, RelationWriter, storedContent } from './article.write.ts';
import { DATA_ROWS, mediaKey, pictureRefs, type ArchiveManifest, type ArchiveManifestV2, type HomeSlotRow, type RedirectRow, type SlugHistoryRow } from './archive.manifest.ts';
import { fieldIssues } from './article.schema.ts';
import { DATA_KINDS, type DataKind } from './archive.tar.ts';
import { checkIdentity, identityFiles, SITE_COUNTS, SITE_KINDS, SITE_ROWS, SiteCheck, sitePictureRefs, writeIdentities, writeProfiles, writeStructure, type SiteKind } from './archive.site.ts';
import { readImages, type ImageRef } from './import-images.ts';
import { ARTICLE_VALUES, insertImages, stageImages, type ImportDeps, type ImportedArticle } from './import.service.ts';
import { paths, RESERVED_SLUGS } from './paths.ts';
import { slugify } from './slug.ts';
import { setTranslation } from './translations.ts';
import { afterKeptIds, writeImportedEntries } from '../live/entries.transfer.ts';
import { isVideoLeadInput } from './blocks.ts';
import { checkVideoMentions, loadVideoRefs, type VideoMention, type VideoRef } from '../video/video-refs.ts';
import type { Config } from '../config.ts';
import type { VideoProbe } from '../video/probe.ts';
import { checkVideoRow, numericVideoMentions, probeSource, resolveVideoRefs, stageVideo, TV_ROWS, writeVideo, type StagedVideo, type ChannelRow, type ProgrammeRow, type ShowRow, type VideoRow } from './archive.video.ts';

/**
 * Restores a version 2 archive (already unpacked into `dir`) a data file at a
 * time, all or nothing like the import: a first pass reads every row and
 * checks it (collecting only the pictures named, one entry per picture), the
 * pictures are encoded and staged, then one transaction writes the rows in
 * statement-sized batches; checks that need every row (a slug twice, a
 * redirect naming an article) are asked of the database inside that
 * transaction, which a failure rolls back. Memory stays that of one data
 * file, one batch and the pictures' names, whatever the number of articles.
 */

/** Issues reported at most: a damaged archive of a million rows is not a million lines of errors. */
const MAX_ISSUES = 100;

export interface V2Archive {
  /** The archive's name, for messages. */
  name: string;
  dir: string;
  manifest: ArchiveManifestV2;
  /** Data files in archive order, relative to `dir`. */
  data: string[];
  media: Set<string>;
  /** How a video source is probed (ffprobe and its limits); without it an archive with video sources is refused. */
  video?: Config['video'];
}

/** Each row of a kind's data files, in order, parsed as JSON (or the reason it is not), with where it is. */
async function* rowsOf(a: V2Archive, kind: DataKind): AsyncGenerator<{ at: string; value: unknown; error?: string }> {
  for (const file of a.data.filter((f) => f.startsWith(`${kind}/`))) {
    const text = await fs.readFile(path.join(a.dir, file), 'utf8');
    let line = 0;
    for (const raw of text.split('\n')) {
      line++;
      if (raw.trim() === '') continue;
      const at = `${a.name}: ${file}: line ${line}`;
      try {
        yield { at, value: JSON.parse(raw) };
      } catch (e) {
        yield { at, value: undefined, error: `malformed JSON: ${(e as Error).message}` };
      }
    }
  }
}

async function* inSlices<T>(rows: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let slice: T[] = [];
  for await (const r of rows) {
    slice.push(r);
    if (slice.length >= size) {
      yield slice;
      slice = [];
    }
  }
  if (slice.length) yield slice;
}

class Issues {
  list: FieldIssue[] = [];
  add(field: string, message: string) {
    if (this.list.length < MAX_ISSUES) this.list.push({ field, message });
  }
  get full() {
    return this.list.length >= MAX_ISSUES;
  }
  throwIfAny() {
    if (this.list.length) throw new ValidationFailed(this.list);
  }
}

type Kind = 'redirects' | 'slug-history' | 'home-slots';
type TvKind = 'videos' | 'channels' | 'shows' | 'programmes';
const COUNT_OF: Record<DataKind, keyof ArchiveManifestV2['counts']> = {
  articles: 'articles',
  redirects: 'redirects',
  'slug-history': 'slugHistory',
  'home-slots': 'homeSlots',
  videos: 'videos',
  channels: 'channels',
  shows: 'shows',
  programmes: 'programmes',
  ...SITE_COUNTS,
};

export async function restoreV2(deps: ImportDeps, a: V2Archive): Promise<{ articles: number }> {
  const issues = new Issues();
  const m = a.manifest;
  const editions = new Set(m.editions.map((e) => e.code));
  const refs = new Map<string, ImageRef>();
  // A version 2 archive names videos by their id in this site's library: each one named must be there.
  const videoRefs: VideoMention[] = [];
  const counted = Object.fromEntries(DATA_KINDS.map((k) => [k, 0])) as Record<DataKind, number>;

  // Pass 1 begins with the archive's videos (version 3), which articles and programmes name by edition and slug.
  const sectionSlugs = new Set(m.sections.map((s) => `${s.edition}/${s.slug}`));
  const archiveVideos = new Map<string, number>();
  const probes = new Map<string, VideoProbe>();
  for await (const row of rowsOf(a, 'videos')) {
    counted.videos++;
    if (issues.full) continue;
    if (row.error) {
      issues.add(row.at, row.error);
      continue;
    }
    const r = TV_ROWS.videos.safeParse(row.value);
    if (!r.success) {
      for (const i of fieldIssues(r.error)) issues.add(`${row.at}: ${i.field}`, i.message);
      continue;
    }
    const v = r.data;
    const name = `${v.edition}/${v.slug}`;
    if (!editions.has(v.edition)) issues.add(`${row.at}: edition`, `unknown edition "${v.edition}"`);
    if (v.section !== null && !sectionSlugs.has(`${v.edition}/${v.section}`)) issues.add(`${row.at}: section`, `no section ${v.edition}/${v.section} in the archive`);
    if (archiveVideos.has(name)) issues.add(`${row.at}: slug`, `"${v.slug}" is listed twice in edition ${v.edition}`);
    archiveVideos.set(name, archiveVideos.size + 1);
    const list: FieldIssue[] = [];
    checkVideoRow(v, row.at, list);
    for (const i of list) issues.add(i.field, i.message);
    if (v.source !== null) {
      const key = mediaKey(v.source);
      if (key === null || !key.startsWith('videos/')) issues.add(`${row.at}: source`, 'expected a path under media/videos/ in the archive');
      else if (!a.media.has(key)) issues.add(`${row.at}: source`, `${v.source} is missing from the archive`);
      else if (!a.video) issues.add(`${row.at}: source`, 'this command cannot read video files (no video settings)');
      else {
        // Probed as an upload is: a file that is not a video is refused here, not by the worker later.
        try {
          probes.set(name, await probeSource(path.join(a.dir, v.source), a.video));
        } catch (e) {
          issues.add(`${row.at}: source`, (e as Error).message);
        }
      }
    }
  }

  // Pass 1: every row read and checked; the pictures gathered.
  let articles = 0;
  const articleKeys = new Set<string>();
  for await (const row of rowsOf(a, 'articles')) {
    articles++;
    if (issues.full) continue;
    if (row.error) {
      issues.add(row.at, row.error);
      continue;
    }
    for (const v of numericVideoMentions(row.value)) videoRefs.push({ field: `${row.at}: ${v.field}`, video: v.video });
    const refIssues: FieldIssue[] = [];
    const r = parseArticle(resolveVideoRefs(structuredClone(row.value), (e, s) => archiveVideos.get(`${e}/${s}`), row.at, refIssues));
    for (const i of refIssues) issues.add(i.field, i.message);
    if (!r.ok) {
      for (const i of r.issues) issues.add(`${row.at}: ${i.field}`, i.message);
      continue;
    }
    const art = r.article;
    articleKeys.add(`${art.edition}/${art.slug ?? slugify(art.headline)}`);
    if (!editions.has(art.edition)) issues.add(`${row.at}: edition`, `unknown edition "${art.edition}"`);
    if (RESERVED_SLUGS.has(art.section)) issues.add(`${row.at}: section`, `"${art.section}" is reserved for site paths`);
    for (const [field, ref] of pictureRefs(row.value as Record<string, unknown>)) {
      const key = mediaKey(ref);
      if (key === null) issues.add(`${row.at}: ${field}`, 'expected a path under media/ in the archive');
      else if (key.startsWith('videos/')) issues.add(`${row.at}: ${field}`, 'media/videos/ holds video sources, not pictures');
      else if (!a.media.has(key)) issues.add(`${row.at}: ${field}`, `${String(ref)} is missing from the archive`);
      else if (!refs.has(key)) refs.set(key, { at: `${row.at}: ${field}`, ref: path.resolve(a.dir, 'media', key), meta: metaOf(art, field) });
    }
  }
  counted.articles = articles;
  // The other data files: each row checked against its kind's shape and the archive's editions.
  const kinds: Array<Kind | TvKind> = ['redirects', 'slug-history', 'home-slots', 'channels', 'shows', 'programmes'];
  for (const kind of kinds) {
    const shape = kind in TV_ROWS ? TV_ROWS[kind as TvKind] : DATA_ROWS[kind as Kind];
    for await (const row of rowsOf(a, kind)) {
      counted[kind]++;
      if (issues.full) continue;
      if (row.error) {
        issues.add(row.at, row.error);
        continue;
      }
      const r = shape.safeParse(row.value);
      if (!r.success) for (const i of fieldIssues(r.error)) issues.add(`${row.at}: ${i.field}`, i.message);
      else if (!editions.has((r.data as { edition: string }).edition)) issues.add(`${row.at}: edition`, `unknown edition "${(r.data as { edition: string }).edition}"`);
      else if (kind === 'programmes') {
        const p = r.data as ProgrammeRow;
        if (p.replay && !archiveVideos.has(`${p.replay.edition}/${p.replay.slug}`)) issues.add(`${row.at}: replay`, `no video ${p.replay.edition}/${p.replay.slug} in the archive`);
        if (Date.parse(p.endsAt) <= Date.parse(p.startsAt)) issues.add(`${row.at}: endsAt`, 'expected a time after startsAt');
      }
    }
  }
  // Version 4: the site's structure, checked row by row, then the references between its rows.
  m.editions.forEach((e, i) => {
    for (const issue of checkIdentity(e.identity, `${a.name}: ${'depeche-export.json'}: editions[${i}].identity`, a.media)) issues.add(issue.field, issue.message);
    const social = e.identity?.socialPicture;
    const key = social === undefined ? null : mediaKey(social);
    if (key !== null && a.media.has(key) && !refs.has(key)) refs.set(key, { at: `editions[${i}].identity.socialPicture`, ref: path.resolve(a.dir, 'media', key), meta: { alt: '' } });
  });
  const site = new SiteCheck(editions, sectionSlugs, (e, s) => articleKeys.has(`${e}/${s}`), (f, msg) => issues.add(f, msg));
  for (const kind of SITE_KINDS) {
    for await (const row of rowsOf(a, kind)) {
      counted[kind]++;
      if (issues.full) continue;
      if (row.error) {
        issues.add(row.at, row.error);
        continue;
      }
      const r = SITE_ROWS[kind].safeParse(row.value);
      if (!r.success) {
        for (const i of fieldIssues(r.error)) issues.add(`${row.at}: ${i.field}`, i.message);
        continue;
      }
      site.row(kind, row.at, r.data);
      if (kind === 'focal-points') {
        // A picture no content of the archive shows is not in it: its focal point goes with it.
        const key = mediaKey((r.data as { image: string }).image);
        if (key !== null && a.media.has(key) && !key.startsWith('videos/') && !refs.has(key)) refs.set(key, { at: `${row.at}: image`, ref: path.resolve(a.dir, 'media', key), meta: { alt: '' } });
        continue;
      }
      for (const [field, ref] of sitePictureRefs(kind, r.data)) {
        const key = mediaKey(ref);
        if (key === null) issues.add(`${row.at}: ${field}`, 'expected a path under media/ in the archive');
        else if (key.startsWith('videos/')) issues.add(`${row.at}: ${field}`, 'media/videos/ holds video sources, not pictures');
        else if (!a.media.has(key)) issues.add(`${row.at}: ${field}`, `${String(ref)} is missing from the archive`);
        else if (!refs.has(key)) refs.set(key, { at: `${row.at}: ${field}`, ref: path.resolve(a.dir, 'media', key), meta: { alt: '' } });
      }
    }
  }
  site.finish();
  for (const kind of [...kinds, 'videos', 'articles', ...SITE_KINDS] as DataKind[]) {
    const expected = m.counts[COUNT_OF[kind]] ?? 0;
    if (counted[kind] !== expected) issues.add(`${a.name}: ${kind}`, `${counted[kind]} rows in the archive, where its manifest says ${expected}: a data file is missing or damaged`);
  }
  issues.throwIfAny();

  const codec = deps.images ?? imageCodec({ ...IMAGE_DEFAULTS, ...deps.config });
  const images = await readImages(deps.db, codec, [...refs.values()], issues.list);
  const videoIssues: FieldIssue[] = [];
  const videos = await checkVideoMentions(deps.db, videoRefs, videoIssues);
  for (const i of videoIssues) issues.add(i.field, `${i.message}: restore the video library first`);
  issues.throwIfAny();
  const { idByHash, variantsByHash, batch } = await stageImages(deps, codec, images, issues.list);

  try {
    // The videos' files are staged before the transaction too, a video at a time; the rows name them once written.
    const staged = new Map<string, StagedVideo>();
    for await (const row of rowsOf(a, 'videos')) {
      const v = row.value as VideoRow;
      const name = `${v.edition}/${v.slug}`;
      staged.set(name, await stageVideo(batch, a.dir, v, probes.get(name) ?? null));
    }
    // The identities' files too (the media storage may record its writes in the store: never inside the transaction).
    for (const e of m.editions) for (const key of identityFiles(e.identity)) await batch.put(key, await fs.readFile(path.join(a.dir, 'media', key)));
    const nowIso = deps.now().toISOString();
    await deps.db.transaction().execute(async (trx) => {
      await refuseUnlessEmpty(trx);
      await writeSettings(trx, m);
      await insertImages(trx, images, idByHash, variantsByHash, nowIso);
      // The archive's videos first, under new ids, so that the articles naming them can be written with those ids.
      const newVideo = new Map<string, number>();
      for await (const row of rowsOf(a, 'videos')) {
        const v = row.value as VideoRow;
        const section = v.section === null ? null : (await trx.selectFrom('sections').select('id').where('edition', '=', v.edition).where('slug', '=', v.section).executeTakeFirstOrThrow()).id;
        newVideo.set(`${v.edition}/${v.slug}`, await writeVideo(trx, v, staged.get(`${v.edition}/${v.slug}`)!, probes.get(`${v.edition}/${v.slug}`) ?? null, section, nowIso));
      }
      const allVideos = new Map<number, VideoRef>([...videos, ...(await loadVideoRefs(trx, newVideo.values()))]);
      const articleOf = (value: unknown) =>
        (parseArticle(resolveVideoRefs(value, (e, s) => newVideo.get(`${e}/${s}`), '', [])) as { ok: true; article: ArticleInput }).article;
      const imageId = (ref: string | number) => (typeof ref === 'number' ? ref : idByHash.get(images.get(path.resolve(a.dir, ref))!.inspected.hash)!);
      const sections = new Map<string, number>();
      const relations = new RelationWriter(trx);
      const authors = new Map<string, number>();
      let done = 0;
      for await (const slice of inSlices(rowsOf(a, 'articles'), rowsPerStatement(ARTICLE_VALUES))) {
        const planned = slice.map((row) => {
          const art = articleOf(row.value);
          return { at: row.at, art, slug: art.slug ?? slugify(art.headline) };
        });
        await refuseTwice(trx, planned);
        const rows = [];
        for (const p of planned) {
          const key = `${p.art.edition}/${p.art.section}`;
          let section = sections.get(key);
          if (section === undefined) sections.set(key, (section = (await ensureSection(trx, p.art.edition, p.art.section)).id));
          rows.push({ ...articleColumns(p.art, section, p.slug, storedContent(p.art, imageId, allVideos)), status: p.art.status, scheduled_at: scheduledColumn(p.art), created_at: nowIso, changed_at: nowIso });
        }
        const ids = new Map((await trx.insertInto('articles').values(rows).returning(['id', 'edition', 'slug']).execute()).map((r) => [`${r.edition}/${r.slug}`, r.id]));
        for (const p of planned) await relations.add(ids.get(`${p.art.edition}/${p.slug}`)!, p.art);
        for (const p of planned) if (p.art.entries?.length) await writeImportedEntries(trx, ids.get(`${p.art.edition}/${p.slug}`)!, p.art.entries, imageId, nowIso, authors, true);
        await relations.flush();
        await indexArticles(trx, ids.values());
        done += planned.length;
        deps.onProgress?.('articles', done, articles);
      }
      // Once every article is in, so that one may name another of the archive.
      for await (const row of rowsOf(a, 'articles')) {
        if ((row.value as { translationOf?: unknown }).translationOf === undefined) continue;
        const art = articleOf(row.value);
        if (art.translationOf === undefined) continue;
        const self = await trx.selectFrom('articles').select(['id', 'edition']).where('edition', '=', art.edition).where('slug', '=', art.slug ?? slugify(art.headline)).executeTakeFirstOrThrow();
        await setTranslation(trx, self, art.translationOf, `${row.at}: translationOf`);
      }
      await afterKeptIds(trx);
      const w = { trx, imageId: (ref: string) => imageId(ref), nowIso };
      const rowsOfKind = <K extends SiteKind>(kind: K) => values(rowsOf(a, kind)) as AsyncIterable<any>;
      await writeProfiles(w, { tags: rowsOfKind('tags'), people: rowsOfKind('people'), authors: rowsOfKind('authors') });
      await writeStructure(w, {
        pages: rowsOfKind('pages'),
        menus: rowsOfKind('menu-items'),
        aliases: rowsOfKind('slug-aliases'),
        translations: rowsOfKind('translations'),
        focal: keptFocal(rowsOfKind('focal-points'), a.media),
      });
      await writeIdentities(w, m.editions);
      await writeRedirects(trx, a);
      await writeSchedule(trx, a, newVideo, nowIso);
      await bumpContentVersion(trx);
    });
    await batch.commit();
    return { articles };
  } catch (e) {
    await batch.discard();
    if (isUniqueViolation(e)) throw new Conflict('another import wrote the same slug at the same time; nothing was imported');
    throw e;
  }
}

async function* values(rows: AsyncIterable<{ value: unknown }>): AsyncGenerator<unknown> {
  for await (const r of rows) yield r.value;
}

async function* keptFocal(rows: AsyncIterable<{ image: string; x: number; y: number }>, media: Set<string>) {
  for await (const f of rows) if (media.has(mediaKey(f.image) ?? '')) yield f;
}

/** Channels, shows and programmes of a version 3 archive, with the new ids of the videos and articles they name. */
async function writeSchedule(trx: Db, a: V2Archive, videos: Map<string, number>, nowIso: string): Promise<void> {
  const channels = new Set<string>();
  for await (const row of rowsOf(a, 'channels')) {
    const c = row.value as ChannelRow;
    const values = {
      name: c.name,
      streams: JSON.stringify(c.streams),
      enabled: c.enabled ? 1 : 0,
      schedule_url: c.schedule?.url ?? null,
      schedule_channel: c.schedule?.channel ?? null,
      schedule_poll_minutes: c.schedule?.pollMinutes ?? 60,
      updated_at: nowIso,
    };
    if (channels.has(c.edition)) throw new ValidationFailed([{ field: `${row.at}: edition`, message: `edition ${c.edition} has two channels` }]);
    channels.add(c.edition);
    // A channel the site set up before the restore (an empty site may have one) takes the archive's settings.
    const found = await trx.selectFrom('channels').select('edition').where('edition', '=', c.edition).executeTakeFirst();
    if (found) await trx.updateTable('channels').set(values).where('edition', '=', c.edition).execute();
    else await trx.insertInto('channels').values({ edition: c.edition, ...values }).execute();
  }
  const shows = new Map<string, number>();
  for await (const row of rowsOf(a, 'shows')) {
    const s = row.value as ShowRow;
    if (shows.has(`${s.edition}/${s.slug}`)) throw new ValidationFailed([{ field: `${row.at}: slug`, message: `"${s.slug}" is listed twice in edition ${s.edition}` }]);
    const { id } = await trx
      .insertInto('shows')
      .values({ edition: s.edition, slug: s.slug, title: s.title, description: s.description, image_id: null, created_at: nowIso, updated_at: nowIso })
      .returning('id')
      .executeTakeFirstOrThrow();
    shows.set(`${s.edition}/${s.slug}`, id);
  }
  for await (const row of rowsOf(a, 'programmes')) {
    const p = row.value as ProgrammeRow;
    const showId = p.show === null ? null : shows.get(`${p.edition}/${p.show}`);
    if (showId === undefined) throw new ValidationFailed([{ field: `${row.at}: show`, message: `no show ${p.edition}/${p.show} in the archive` }]);
    const { id } = await trx
      .insertInto('programmes')
      .values({
        edition: p.edition,
        show_id: showId,
        title: p.title,
        episode_title: p.episodeTitle,
        description: p.description,
        starts_at: new Date(p.startsAt).toISOString(),
        ends_at: new Date(p.endsAt).toISOString(),
        season: p.season,
        episode: p.episode,
        category: p.category,
        video_id: p.replay ? videos.get(`${p.replay.edition}/${p.replay.slug}`)! : null,
        source: p.source,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (p.articles.length) {
      const ids = await idsOf(trx, p.articles.map((x) => ({ at: `${row.at}: articles`, ...x })));
      await trx.insertInto('programme_articles').values([...new Set(ids.values())].map((article_id) => ({ programme_id: id, article_id }))).execute();
    }
  }
}

/** The picture's caption and credit come from the first article that shows it, as in an import. */
function metaOf(art: ArticleInput, field: string): ImageRef['meta'] {
  if (field === 'lead.image' && art.lead && !isVideoLeadInput(art.lead)) return art.lead;
  const m = /^body\[(\d+)\]\.image$/.exec(field);
  const e = /^entries\[(\d+)\]\.body\[(\d+)\]\.image$/.exec(field);
  const block = m ? art.body[Number(m[1])] : e ? art.entries?.[Number(e[1])]?.body[Number(e[2])] : undefined;
  if (block?.type === 'figure') return block;
  return { alt: '' };
}

/** A slug the batch lists twice, or that an earlier batch wrote: the archive names two articles alike. */
async function refuseTwice(trx: Db, planned: Array<{ at: string; art: ArticleInput; slug: string }>): Promise<void> {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const byEdition = new Map<string, string[]>();
  for (const p of planned) {
    const key = `${p.art.edition}/${p.slug}`;
    if (seen.has(key)) issues.push({ field: `${p.at}: slug`, message: `"${p.slug}" is listed twice in edition ${p.art.edition}` });
    seen.add(key);
    byEdition.set(p.art.edition, [...(byEdition.get(p.art.edition) ?? []), p.slug]);
  }
  for (const [edition, slugs] of byEdition) {
    const taken = new Set((await trx.selectFrom('articles').select('slug').where('edition', '=', edition).where('slug', 'in', slugs).execute()).map((r) => r.slug));
    for (const p of planned)
      if (p.art.edition === edition && taken.has(p.slug)) issues.push({ field: `${p.at}: slug`, message: `"${p.slug}" is listed twice in edition ${edition}` });
  }
  if (issues.length) throw new ValidationFailed(issues);
}

/** Article ids by edition and slug for a batch of rows naming articles; ValidationFailed for a row naming none. */
async function idsOf(trx: Db, rows: Array<{ at: string; edition: string; slug: string }>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const byEdition = new Map<string, string[]>();
  for (const r of rows) byEdition.set(r.edition, [...(byEdition.get(r.edition) ?? []), r.slug]);
  for (const [edition, slugs] of byEdition)
    for (const r of await trx.selectFrom('articles').select(['id', 'slug']).where('edition', '=', edition).where('slug', 'in', [...new Set(slugs)]).execute()) ids.set(`${edition}/${r.slug}`, r.id);
  const missing = rows.filter((r) => !ids.has(`${r.edition}/${r.slug}`));
  if (missing.length) throw new ValidationFailed(missing.slice(0, MAX_ISSUES).map((r) => ({ field: r.at, message: `no article ${r.edition}/${r.slug} in the archive` })));
  return ids;
}

/** Former addresses, former slugs and pins, a statement-sized batch at a time, each checked against the rows written before it. */
async function writeRedirects(trx: Db, a: V2Archive): Promise<void> {
  const per = rowsPerStatement(4);
  for await (const slice of inSlices(rowsOf(a, 'redirects'), per)) {
    const rows = slice.map((r) => ({ at: r.at, ...(r.value as RedirectRow) }));
    const ids = await idsOf(trx, rows);
    const taken = new Set((await trx.selectFrom('redirects').select('path').where('path', 'in', rows.map((r) => r.path)).execute()).map((r) => r.path));
    const twice = rows.filter((r, i) => taken.has(r.path) || rows.findIndex((x) => x.path === r.path) !== i);
    if (twice.length) throw new ValidationFailed(twice.map((r) => ({ field: `${r.at}: path`, message: `${r.path} is listed twice` })));
    await trx.insertInto('redirects').values(rows.map((r) => ({ path: r.path, article_id: ids.get(`${r.edition}/${r.slug}`)!, created_at: new Date(r.createdAt).toISOString() }))).execute();
  }
  for await (const slice of inSlices(rowsOf(a, 'slug-history'), per)) {
    const rows = slice.map((r) => ({ at: r.at, ...(r.value as SlugHistoryRow) }));
    const ids = await idsOf(trx, rows.map((r) => ({ at: r.at, edition: r.edition, slug: r.articleSlug })));
    const issues: FieldIssue[] = [];
    for (const [edition, group] of groupBy(rows, (r) => r.edition)) {
      const slugs = group.map((r) => r.slug);
      const article = new Set((await trx.selectFrom('articles').select('slug').where('edition', '=', edition).where('slug', 'in', slugs).execute()).map((r) => r.slug));
      const former = new Set((await trx.selectFrom('slug_history').select('slug').where('edition', '=', edition).where('slug', 'in', slugs).execute()).map((r) => r.slug));
      group.forEach((r, i) => {
        if (article.has(r.slug)) issues.push({ field: `${r.at}: slug`, message: `"${r.slug}" is the slug of an article of the archive` });
        else if (former.has(r.slug) || group.findIndex((x) => x.slug === r.slug) !== i) issues.push({ field: `${r.at}: slug`, message: `"${r.slug}" is listed twice in edition ${edition}` });
      });
    }
    if (issues.length) throw new ValidationFailed(issues);
    await trx.insertInto('slug_history').values(rows.map((h) => ({ edition: h.edition, slug: h.slug, article_id: ids.get(`${h.edition}/${h.articleSlug}`)! }))).execute();
  }
  for await (const slice of inSlices(rowsOf(a, 'home-slots'), per)) {
    const rows = slice.map((r) => ({ at: r.at, ...(r.value as HomeSlotRow) }));
    const ids = await idsOf(trx, rows);
    const issues: FieldIssue[] = [];
    for (const [edition, group] of groupBy(rows, (r) => r.edition)) {
      const taken = new Set((await trx.selectFrom('home_slots').select('position').where('edition', '=', edition).where('position', 'in', group.map((r) => r.position)).execute()).map((r) => Number(r.position)));
      group.forEach((r, i) => {
        if (taken.has(r.position) || group.findIndex((x) => x.position === r.position) !== i) issues.push({ field: `${r.at}: position`, message: `position ${r.position} is taken twice in edition ${edition}` });
      });
    }
    if (issues.length) throw new ValidationFailed(issues);
    await trx.insertInto('home_slots').values(rows.map((h) => ({ edition: h.edition, position: h.position, article_id: ids.get(`${h.edition}/${h.slug}`)! }))).execute();
  }
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) out.set(key(x), [...(out.get(key(x)) ?? []), x]);
  return out;
}

export async function refuseUnlessEmpty(db: Db): Promise<void> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const n = Number(row.n);
  if (n > 0) throw new Conflict(`nothing was imported: the site already has ${n} article${n > 1 ? 's' : ''}; an export archive is restored only into an empty site`);
}

/** Editions and sections of an archive, in the restore's transaction. The site's own default edition exists already: the archive's settings win. */
export async function writeSettings(trx: Db, m: Pick<ArchiveManifest, 'editions' | 'sections'>): Promise<void> {
  await trx.updateTable('editions').set({ is_default: 0 }).execute();
  for (const e of m.editions) {
    // What an archive before version 4 lacks takes the defaults: the code's language, left to right, the language's numerals.
    const row = { name: e.name, base_url: e.baseUrl, time_zone: e.timeZone, is_default: e.isDefault ? 1 : 0, position: e.position, language: e.language ?? '', dir: e.dir ?? 'ltr', numbering: e.numbering ?? null };
    const found = await trx.selectFrom('editions').select('code').where('code', '=', e.code).executeTakeFirst();
    if (found) await trx.updateTable('editions').set(row).where('code', '=', e.code).execute();
    else await trx.insertInto('editions').values({ code: e.code, ...row }).execute();
  }
  for (const s of m.sections) {
    const row = { name: s.name, position: s.position, in_nav: s.inNav ? 1 : 0, implicit: s.implicit ? 1 : 0, description: s.description ?? null, parent_id: null };
    const found = await trx.selectFrom('sections').select('id').where('edition', '=', s.edition).where('slug', '=', s.slug).executeTakeFirst();
    if (found) await trx.updateTable('sections').set(row).where('id', '=', found.id).execute();
    else await trx.insertInto('sections').values({ edition: s.edition, slug: s.slug, ...row }).execute();
  }
  // Parents once every section exists (one level: checkSettings refused anything deeper).
  for (const s of m.sections) {
    if (!s.parent) continue;
    const parent = await trx.selectFrom('sections').select('id').where('edition', '=', s.edition).where('slug', '=', s.parent).executeTakeFirstOrThrow();
    await trx.updateTable('sections').set({ parent_id: parent.id }).where('edition', '=', s.edition).where('slug', '=', s.slug).execute();
  }
}

/** The site's articles as the import reports them, read back a batch at a time by id (a restore starts from an empty site). */
export async function* importedArticles(db: Db, publicUrl: string, size = 1000): AsyncGenerator<ImportedArticle[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.id', 'a.section_id')
      .innerJoin('editions as e', 'e.code', 'a.edition')
      .select(['a.id', 'a.edition', 'a.slug', 'a.status', 's.slug as section', 'e.base_url'])
      .where('a.id', '>', after)
      .orderBy('a.id')
      .limit(size)
      .execute();
    if (!rows.length) return;
    yield rows.map((r) => {
      const articlePath = paths.article(r.edition, r.section, r.slug);
      return { id: r.id, edition: r.edition, slug: r.slug, status: r.status, path: articlePath, url: (r.base_url || publicUrl) + articlePath };
    });
    after = rows[rows.length - 1].id;
  }
}
