import type { Bus } from '../bus/bus.ts';
import type { Db } from '../store/db.ts';
import type { LiveEventTable } from '../store/schema.ts';

/**
 * The bus topic on which a node says that a live has new events (an entry
 * published, edited or removed). The message names the live and the newest
 * event id; every web node reads the events after the last one it sent
 * (live_events) and pushes them to the pages that follow that live.
 */
export const LIVE_TOPIC = 'live';

export type LiveEventKind = LiveEventTable['kind'];

export interface LiveAnnouncement {
  articleId: number;
  eventId: number;
}

/**
 * Records what readers' pages are to be told, in the transaction of the
 * change: the event exists if and only if the change commits. Answers the
 * event's id (the stream's event id) for the announcement after the commit.
 */
export async function recordLiveEvent(trx: Db, articleId: number, entryId: number, kind: LiveEventKind, now: Date): Promise<number> {
  const row = await trx
    .insertInto('live_events')
    .values({ article_id: articleId, entry_id: entryId, kind, at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Tells every web node, after the commit, that the live has events up to `eventId`. Never throws. */
export function announceLiveEvent(bus: Bus, a: LiveAnnouncement): void {
  void bus.publish(LIVE_TOPIC, a);
}

/** The announcement in a bus message, or null when it is not one. */
export function readAnnouncement(payload: unknown): LiveAnnouncement | null {
  const p = payload as Partial<LiveAnnouncement> | null;
  if (!p || !Number.isSafeInteger(p.articleId) || !Number.isSafeInteger(p.eventId)) return null;
  return { articleId: p.articleId!, eventId: p.eventId! };
}
