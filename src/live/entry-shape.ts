import { EntryInput, fieldIssues } from '../content/article.schema.ts';
import type { BlockInputT, StoredBlock } from '../content/blocks.ts';
import { parseEmbed } from '../content/blocks.ts';
import { toStoredFigure } from '../content/article.write.ts';
import { ValidationFailed, type FieldIssue } from '../errors.ts';
import { paths } from '../content/paths.ts';
import type { Db } from '../store/db.ts';
import type { LiveEntryTable } from '../store/schema.ts';
import type { Selectable } from 'kysely';
import type { ApiEntryOf } from '../newsroom/api-shapes.ts';

/** The Admin API's entry of a live (docs/live.md); figures name media ids. */
export type ApiEntry = ApiEntryOf<BlockInputT>;

export type EntryRow = Selectable<LiveEntryTable> & {
  author_name: string | null;
  user_name: string | null;
  token_name: string | null;
  /** Where the live is read: its edition, section and slug, and the edition's own domain if any. */
  live_edition: string;
  live_section: string;
  live_slug: string;
  live_base_url: string | null;
};

/** Entry rows with the names and the live's place an ApiEntry shows, for any filter the caller adds. */
export function entryRows(db: Db) {
  return db
    .selectFrom('live_entries as e')
    .innerJoin('articles as a', 'a.id', 'e.article_id')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('editions as ed', 'ed.code', 'a.edition')
    .leftJoin('authors as au', 'au.id', 'e.author_id')
    .leftJoin('users as u', 'u.id', 'e.owner_id')
    .leftJoin('api_tokens as t', 't.id', 'e.owner_token_id')
    .selectAll('e')
    .select(['au.name as author_name', 'u.name as user_name', 't.name as token_name', 'a.edition as live_edition', 's.slug as live_section', 'a.slug as live_slug', 'ed.base_url as live_base_url']);
}

/** Stored blocks as the API gives them: figures with `image` (a media id, or what `imagePath` names it). */
export function apiBlocks(stored: StoredBlock[], imagePath: (id: number) => string | number = (id) => id): BlockInputT[] {
  return stored.map((b) => {
    if (b.type !== 'figure') return b;
    const { type: _t, imageId, ...rest } = b;
    return { type: 'figure', image: imagePath(imageId), ...rest } as BlockInputT;
  });
}

/**
 * An entry as the Admin API answers it; `url` is its public permalink
 * (`…/<slug>/entree/<id>`), on the edition's domain or `publicUrl`. Readers
 * reach it once the entry is published in a published live.
 */
export function presentEntry(r: EntryRow, publicUrl: string): ApiEntry {
  return {
    id: r.id,
    articleId: r.article_id,
    url: (r.live_base_url || publicUrl).replace(/\/+$/, '') + paths.liveEntry(r.live_edition, r.live_section, r.live_slug, r.id),
    status: r.status,
    postedAt: r.posted_at,
    title: r.title,
    author: r.author_name,
    source: r.source_name ? { name: r.source_name, ...(r.source_url ? { url: r.source_url } : {}) } : null,
    body: apiBlocks(JSON.parse(r.body) as StoredBlock[]),
    pinned: r.pinned === 1,
    keyPoint: r.key_point === 1,
    correction: r.correction,
    version: r.version,
    articleDraftId: r.article_draft_id,
    ingestItemId: r.ingest_item_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    postedBy: r.user_name ?? r.token_name ?? 'system',
  };
}

/** Blocks with media ids in their stored form. */
export function storedBlocks(body: BlockInputT[], imageId: (ref: string | number) => number = (ref) => ref as number): StoredBlock[] {
  return body.map((b) => (b.type === 'figure' ? { type: 'figure', ...toStoredFigure(b, imageId(b.image)) } : (b as StoredBlock)));
}

/**
 * Checks an entry as the Admin API receives it. What GET answers may be sent
 * back as it is: read-only fields are set aside, and null stands for "none".
 */
export function parseEntry(value: unknown): { entry: EntryInput; gaveStatus: boolean } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ValidationFailed([{ field: 'body', message: 'expected an entry object' }]);
  const {
    id: _i,
    articleId: _a,
    version: _v,
    articleDraftId: _d,
    ingestItemId: _g,
    createdAt: _c,
    updatedAt: _u,
    postedBy: _p,
    url: _l,
    ...rest
  } = value as Record<string, unknown>;
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== null) input[k] = v;
  const r = EntryInput.safeParse(input);
  if (!r.success) throw new ValidationFailed(fieldIssues(r.error));
  return { entry: r.data, gaveStatus: 'status' in input };
}

/** Figures must name pictures of the media library. */
export function figureIssues(body: BlockInputT[], at = 'body'): Array<{ at: string; image: string | number }> {
  return body.flatMap((b, i) => (b.type === 'figure' ? [{ at: `${at}[${i}].image`, image: b.image }] : []));
}

export function requireMediaIds(refs: Array<{ at: string; image: string | number }>, issues: FieldIssue[]): number[] {
  const ids: number[] = [];
  for (const r of refs) {
    if (typeof r.image === 'number') ids.push(r.image);
    else issues.push({ field: r.at, message: 'expected a media id (upload the picture to the media library first)' });
  }
  return ids;
}

/** An entry's words as plain text, block by block (webhooks, push messages). */
export function entryText(body: StoredBlock[] | BlockInputT[]): string {
  const out: string[] = [];
  for (const b of body) {
    switch (b.type) {
      case 'paragraph':
        out.push(b.text ?? (b.content ?? []).map((r) => r.text).join(''));
        break;
      case 'heading':
        out.push(b.text);
        break;
      case 'quote':
        out.push(`${b.text} — ${b.speaker.name}${b.speaker.role ? `, ${b.speaker.role}` : ''}`);
        break;
      case 'pullquote':
        out.push(b.text);
        break;
      case 'list':
        out.push(...b.items);
        break;
      case 'figure':
        if (b.caption) out.push(b.caption);
        break;
      case 'embed':
        out.push(b.title ?? parseEmbed(b.url)?.pageUrl ?? b.url);
        break;
      case 'video':
        if (b.caption) out.push(b.caption);
        break;
    }
  }
  return out.filter((s) => s.trim()).join('\n');
}

/** The first words of a text, cut at a word boundary. */
export function firstWords(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
