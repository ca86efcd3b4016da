import { ApiError, api, query, request } from './api.ts';
import type { Block } from './blocks.ts';
import type { Article } from './types.ts';
import type { ApiEntryOf, ApiLive, ApiRunningLive } from '../../src/newsroom/api-shapes.ts';

/**
 * Every call the live desk makes to the Admin API (docs/live.md), in one place.
 * Entries are records of their own: each carries its version, sent as If-Match
 * when it is changed, so two people editing two entries never conflict.
 */

/** The article's `live` field and an entry, as the server's own shapes (src/newsroom/api-shapes.ts) say. */
export type LiveState = ApiLive;
export type EntryStatus = LiveEntry['status'];
export type LiveEntry = ApiEntryOf<Block>;
export type RunningLive = ApiRunningLive;

/** What the desk sends for a new entry or a change (the import format's entry, less what the server sets). */
export interface EntryWrite {
  status?: EntryStatus;
  title?: string;
  body: Block[];
  pinned?: boolean;
  keyPoint?: boolean;
  correction?: string;
  /** Kept when an entry is changed (see keepSigners): who wrote it, or the wire source. */
  author?: string;
  source?: { name: string; url?: string };
}

export type LiveArticle = Article & { live?: LiveState | null };

const base = (articleId: number) => `/api/admin/articles/${articleId}`;

export async function getArticle(articleId: number): Promise<{ article: LiveArticle; version: number | null }> {
  const r = await request<{ article: LiveArticle }>('GET', base(articleId));
  return { article: r.data.article, version: r.version ?? r.data.article.version };
}

export async function listEntries(articleId: number, opts: { before?: number; limit?: number; status?: EntryStatus; signal?: AbortSignal } = {}): Promise<{ entries: LiveEntry[]; hasMore: boolean }> {
  const r = await api.get<{ entries: LiveEntry[]; hasMore?: boolean }>(`${base(articleId)}/entries${query({ status: opts.status, before: opts.before, limit: opts.limit })}`, { signal: opts.signal });
  return { entries: r.entries ?? [], hasMore: !!r.hasMore };
}

export async function postEntry(articleId: number, input: EntryWrite): Promise<LiveEntry> {
  return (await api.post<{ entry: LiveEntry }>(`${base(articleId)}/entries`, input)).entry;
}

/** Thrown by updateEntry when the entry changed since `version`: `current` is the other version. */
export class EntryConflict extends Error {
  constructor(readonly current: LiveEntry | null) {
    super('entry changed meanwhile');
  }
}

/** The other version a 412 carries: `{ current: entry }`, `{ current: { entry } }` or `{ entry }`. */
export function conflictEntry(body: Record<string, any> | null | undefined): LiveEntry | null {
  const c = body?.current?.entry ?? body?.current ?? body?.entry ?? null;
  return c && typeof c === 'object' && typeof c.id === 'number' && typeof c.version === 'number' ? (c as LiveEntry) : null;
}

export async function updateEntry(articleId: number, entryId: number, version: number, input: EntryWrite): Promise<LiveEntry> {
  try {
    return (await api.put<{ entry: LiveEntry }>(`${base(articleId)}/entries/${entryId}`, input, { ifMatch: version })).entry;
  } catch (err) {
    if (err instanceof ApiError && err.status === 412) {
      let current = conflictEntry(err.body);
      // The answer did not carry the other version: read it from the list.
      if (!current) current = (await listEntries(articleId, { limit: 100 }).catch(() => ({ entries: [] as LiveEntry[] }))).entries.find((e) => e.id === entryId) ?? null;
      throw new EntryConflict(current);
    }
    throw err;
  }
}

export async function deleteEntry(articleId: number, entryId: number): Promise<void> {
  await api.del(`${base(articleId)}/entries/${entryId}`);
}

export async function entryFromWire(articleId: number, itemId: number): Promise<LiveEntry> {
  return (await api.post<{ entry: LiveEntry }>(`${base(articleId)}/entries/from-wire`, { itemId })).entry;
}

export async function articleFromEntry(articleId: number, entryId: number): Promise<{ id: number }> {
  return (await api.post<{ article: { id: number } }>(`${base(articleId)}/entries/${entryId}/article`)).article;
}

export async function endLive(articleId: number): Promise<LiveArticle> {
  return (await api.post<{ article: LiveArticle }>(`${base(articleId)}/live/end`)).article;
}

/** The running lives, for "Ajouter au direct…" (GET /api/admin/lives). */
export async function runningLives(): Promise<RunningLive[]> {
  return (await api.get<{ lives: RunningLive[] }>('/api/admin/lives')).lives ?? [];
}
