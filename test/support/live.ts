import type { App } from '../../src/app.ts';
import { announceContentChange } from '../../src/bus/content-changes.ts';
import { key } from '../../src/cdn/keys.ts';
import { createEntry, deleteEntry as removeEntry, getEntry, updateEntry, type EntryDeps } from '../../src/live/entries.service.ts';
import { endLive as endTheLive } from '../../src/live/live-actions.ts';
import { lastEventId } from '../../src/live/live-entries.repository.ts';
import { SYSTEM } from '../../src/newsroom/roles.ts';
import { bumpContentVersion } from '../../src/store/content-version.ts';

/**
 * Writes live entries for tests and benchmarks through the entry service
 * itself (src/live/entries.service.ts, as the Admin API does, acting as the
 * system), with shorter arguments: a text instead of blocks, and the event id
 * each write made, which the stream tests compare with what readers receive.
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

function deps(app: App, now: Date): EntryDeps {
  return { db: app.store.db, now: () => now, config: { publicUrl: 'http://127.0.0.1' }, bus: app.bus };
}

function bodyOf(e: TestEntry): unknown[] {
  return e.body ?? [{ type: 'paragraph', text: e.text ?? 'Une entrée.' }];
}

/** Posts an entry; answers its id and its event id (none for a draft). */
export async function postEntry(app: App, articleId: number, e: TestEntry, now = new Date()): Promise<{ id: number; eventId?: number }> {
  const status = e.status ?? 'published';
  const entry = await createEntry(deps(app, now), articleId, {
    status,
    postedAt: e.postedAt ?? now.toISOString(),
    ...(e.title ? { title: e.title } : {}),
    ...(e.author ? { author: e.author } : {}),
    ...(e.source ? { source: e.source } : {}),
    body: bodyOf(e),
    ...(e.pinned ? { pinned: true } : {}),
    ...(e.keyPoint ? { keyPoint: true } : {}),
    ...(e.correction ? { correction: e.correction } : {}),
  }, SYSTEM);
  return { id: entry.id, ...(status === 'published' ? { eventId: await lastEventId(app.store.db, articleId) } : {}) };
}

/** Changes some fields of an entry (the others stay as they are); answers the event id. */
export async function editEntry(app: App, articleId: number, entryId: number, e: TestEntry, now = new Date()): Promise<number> {
  const d = deps(app, now);
  const { id: _i, articleId: _a, version, articleDraftId: _d, ingestItemId: _g, createdAt: _c, updatedAt: _u, postedBy: _p, ...current } = await getEntry(d, articleId, entryId) as unknown as Record<string, unknown> & { version: number };
  const next: Record<string, unknown> = { ...current };
  for (const k of ['title', 'author', 'source', 'correction'] as const) if (next[k] === null) delete next[k];
  if (e.title !== undefined) e.title === null ? delete next.title : (next.title = e.title);
  if (e.text !== undefined || e.body) next.body = bodyOf(e);
  if (e.correction !== undefined) e.correction === null ? delete next.correction : (next.correction = e.correction);
  if (e.pinned !== undefined) next.pinned = e.pinned;
  if (e.keyPoint !== undefined) next.keyPoint = e.keyPoint;
  await updateEntry(d, articleId, entryId, next, `"${version}"`, SYSTEM);
  return lastEventId(app.store.db, articleId);
}

export async function deleteEntry(app: App, articleId: number, entryId: number, now = new Date()): Promise<number> {
  await removeEntry(deps(app, now), articleId, entryId, SYSTEM);
  return lastEventId(app.store.db, articleId);
}

/** Ends the live now, as "Terminer le direct" does. */
export async function endLive(app: App, articleId: number, now = new Date()): Promise<void> {
  await endTheLive(deps(app, now), articleId, SYSTEM);
}
