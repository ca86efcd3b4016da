import type { Db } from '../store/db.ts';

export const WEBHOOK_EVENTS = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'live.entry.published',
  'live.entry.updated',
  'live.entry.deleted',
  'alert.published',
  'alert.ended',
  'video.ready',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What a subscriber is told about an article. */
export interface WebhookArticle {
  id: number;
  edition: string;
  slug: string;
  url: string;
  headline: string;
  status: string;
  publishedAt: string | null;
  updatedAt: string | null;
}

export function webhookArticle(a: { id: number; edition: string; slug?: string; url: string; headline: string; status: string; publishedAt?: string; updatedAt?: string }): WebhookArticle {
  return {
    id: a.id,
    edition: a.edition,
    slug: a.slug ?? '',
    url: a.url,
    headline: a.headline,
    status: a.status,
    publishedAt: a.publishedAt ?? null,
    updatedAt: a.updatedAt ?? null,
  };
}

/**
 * Queues an event for every active subscriber that wants it. Call it with the
 * transaction that makes the change: the rows exist if and only if the change
 * commits, and the worker sends them afterwards. Publishing only writes rows.
 */
export async function enqueueWebhookEvent(trx: Db, now: Date, event: WebhookEvent, article: WebhookArticle): Promise<void> {
  await enqueueWebhookPayload(trx, now, event, { article });
}

/**
 * Queues any event with its own fields beside `event` and `occurredAt`
 * (a live entry's event carries `article` and `entry`, an alert's `alert`).
 */
export async function enqueueWebhookPayload(trx: Db, now: Date, event: WebhookEvent, fields: Record<string, unknown>): Promise<void> {
  const subscribers = await trx.selectFrom('webhook_subscribers').select(['id', 'events']).where('active', '=', 1).execute();
  const wanted = subscribers.filter((s) => (JSON.parse(s.events) as string[]).includes(event));
  if (!wanted.length) return;
  const at = now.toISOString();
  const payload = JSON.stringify({ event, ...fields, occurredAt: at });
  await trx
    .insertInto('webhook_deliveries')
    .values(wanted.map((s) => ({ subscriber_id: s.id, event, payload, status: 'pending' as const, attempts: 0, next_attempt_at: at, locked_until: null, last_status_code: null, last_error: null, created_at: at, delivered_at: null })))
    .execute();
}
