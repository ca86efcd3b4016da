import { randomBytes } from 'node:crypto';
import { NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import type { Db } from '../store/db.ts';
import { WEBHOOK_EVENTS } from './outbox.ts';

export interface WebhookDeps {
  db: Db;
  now: () => Date;
}

export interface ApiSubscriber {
  id: number;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
}

const MIN_SECRET = 16;

function present(r: { id: number; url: string; events: string; active: number; created_at: string }): ApiSubscriber {
  return { id: r.id, url: r.url, events: JSON.parse(r.events), active: r.active === 1, createdAt: r.created_at };
}

export async function listSubscribers(deps: WebhookDeps): Promise<ApiSubscriber[]> {
  const rows = await deps.db.selectFrom('webhook_subscribers').select(['id', 'url', 'events', 'active', 'created_at']).orderBy('id').execute();
  return rows.map(present);
}

function parseInput(value: unknown): { url: string; secret: string | undefined; events: string[]; active: boolean } {
  const v = (value ?? {}) as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  let url = '';
  if (typeof v.url !== 'string') issues.push({ field: 'url', message: 'required: an http(s) URL' });
  else {
    try {
      const u = new URL(v.url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') issues.push({ field: 'url', message: 'expected an http or https URL' });
      else url = u.toString();
    } catch {
      issues.push({ field: 'url', message: 'expected an absolute http(s) URL' });
    }
  }
  if (v.secret !== undefined && (typeof v.secret !== 'string' || v.secret.length < MIN_SECRET)) {
    issues.push({ field: 'secret', message: `at least ${MIN_SECRET} characters, or leave it out to have one generated` });
  }
  let events: string[] = [...WEBHOOK_EVENTS];
  if (v.events !== undefined) {
    if (!Array.isArray(v.events) || !v.events.length || v.events.some((e) => !(WEBHOOK_EVENTS as readonly unknown[]).includes(e))) {
      issues.push({ field: 'events', message: `expected a non-empty list of ${WEBHOOK_EVENTS.join(', ')}` });
    } else events = [...new Set(v.events as string[])];
  }
  if (v.active !== undefined && typeof v.active !== 'boolean') issues.push({ field: 'active', message: 'expected true or false' });
  if (issues.length) throw new ValidationFailed(issues);
  return { url, secret: v.secret as string | undefined, events, active: v.active !== false };
}

/** Adds a subscriber. The secret is answered here only; it is never listed again. */
export async function createSubscriber(deps: WebhookDeps, value: unknown, actor: Actor): Promise<ApiSubscriber & { secret: string }> {
  const input = parseInput(value);
  const secret = input.secret ?? `whsec_${randomBytes(24).toString('hex')}`;
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('webhook_subscribers')
      .values({ url: input.url, secret, events: JSON.stringify(input.events), active: input.active ? 1 : 0, created_by: actor.userId, created_at: at })
      .returning(['id', 'url', 'events', 'active', 'created_at'])
      .executeTakeFirstOrThrow();
    await audit(trx, deps.now(), actor, 'webhook.create', `webhook:${row.id}`, { url: input.url, events: input.events });
    return { ...present(row), secret };
  });
}

/** Removes a subscriber and its delivery log; pending deliveries are not sent. */
export async function deleteSubscriber(deps: WebhookDeps, id: number, actor: Actor): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('webhook_deliveries').where('subscriber_id', '=', id).execute();
    const r = await trx.deleteFrom('webhook_subscribers').where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw new NotFound(`no webhook ${id}`);
    await audit(trx, deps.now(), actor, 'webhook.delete', `webhook:${id}`);
  });
}

export interface ApiDelivery {
  id: number;
  event: string;
  articleId: number | null;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** The delivery log of a subscriber, newest first. */
export async function listDeliveries(deps: WebhookDeps, subscriberId: number, limit = 100): Promise<ApiDelivery[]> {
  const sub = await deps.db.selectFrom('webhook_subscribers').select('id').where('id', '=', subscriberId).executeTakeFirst();
  if (!sub) throw new NotFound(`no webhook ${subscriberId}`);
  const rows = await deps.db
    .selectFrom('webhook_deliveries')
    .select(['id', 'event', 'payload', 'status', 'attempts', 'last_status_code', 'last_error', 'next_attempt_at', 'created_at', 'delivered_at'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(limit, 1), 500))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    articleId: JSON.parse(r.payload).article?.id ?? null,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    nextAttemptAt: r.status === 'pending' || r.status === 'delivering' ? r.next_attempt_at : null,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  }));
}
