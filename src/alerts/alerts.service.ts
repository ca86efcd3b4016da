import { ALERTS_KEY, key } from '../cdn/keys.ts';
import { NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import { actorLabel, type Actor } from '../newsroom/roles.ts';
import { enqueuePush } from '../push/push-jobs.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { isId } from '../store/ids.ts';
import { enqueueWebhookPayload } from '../webhooks/outbox.ts';
import { alertLabels } from './alert-labels.ts';
import { ALERT_LEVELS, presentAlert, type AlertLevel, type ApiAlert } from './alert-shape.ts';

export interface AlertDeps {
  db: Db;
  now: () => Date;
  /** The base of absolute URLs (push notifications, webhooks) for editions without their own. */
  publicUrl: string;
}

export const MAX_ALERT_TEXT = 280;
/** How long an alert shows when the newsroom gives no expiry through the admin (the API may leave it open). */
export const DEFAULT_ALERT_HOURS = 2;

type AlertInput = Pick<ApiAlert, 'text' | 'url' | 'level' | 'editions' | 'startsAt' | 'expiresAt' | 'ingestItemId'>;

/** A link on the site (`/fr/…`) or an absolute http(s) URL. */
function readUrl(v: unknown, issues: FieldIssue[]): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || v.length > 2000) {
    issues.push({ field: 'url', message: 'expected a path on the site such as /fr/monde/… or an http(s) URL' });
    return null;
  }
  if (v.startsWith('/') && !v.startsWith('//') && !/[\s\\]/.test(v)) return v;
  try {
    const u = new URL(v);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.toString();
  } catch {
    // answered below
  }
  issues.push({ field: 'url', message: 'expected a path on the site such as /fr/monde/… or an http(s) URL' });
  return null;
}

function readTime(v: unknown, field: string, issues: FieldIssue[]): string | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
  issues.push({ field, message: 'expected a date and time with its zone, such as 2026-12-07T18:00:00+01:00' });
  return undefined;
}

async function parseInput(deps: AlertDeps, value: unknown, item: { title: string; link: string | null; edition: string; id: number } | null): Promise<AlertInput> {
  const v = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const now = deps.now().toISOString();
  const rawText = v.text ?? item?.title;
  const text = typeof rawText === 'string' ? rawText.replace(/\s+/g, ' ').trim() : '';
  if (!text) issues.push({ field: 'text', message: 'required: the alert in a sentence' });
  else if (text.length > MAX_ALERT_TEXT) issues.push({ field: 'text', message: `at most ${MAX_ALERT_TEXT} characters` });
  else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) issues.push({ field: 'text', message: 'control characters are not allowed' });
  const url = readUrl(v.url !== undefined ? v.url : item?.link, issues);
  let level: AlertLevel = 'breaking';
  if (v.level !== undefined) {
    if (!(ALERT_LEVELS as readonly unknown[]).includes(v.level)) issues.push({ field: 'level', message: `expected ${ALERT_LEVELS.join(', ')}` });
    else level = v.level as AlertLevel;
  }
  let editions: string[] = item ? [item.edition] : [];
  if (v.editions !== undefined || !item) {
    const known = new Set((await deps.db.selectFrom('editions').select('code').execute()).map((e) => e.code));
    if (!Array.isArray(v.editions) || !v.editions.length || v.editions.some((e) => typeof e !== 'string' || !known.has(e))) {
      issues.push({ field: 'editions', message: `expected a non-empty list of edition codes among ${[...known].join(', ')}` });
    } else editions = [...new Set(v.editions as string[])];
  }
  const startsAt = readTime(v.startsAt, 'startsAt', issues) ?? now;
  const expiresAt = readTime(v.expiresAt, 'expiresAt', issues) ?? null;
  if (expiresAt !== null && expiresAt <= startsAt) issues.push({ field: 'expiresAt', message: 'must come after startsAt (or now)' });
  if (issues.length) throw new ValidationFailed(issues);
  return { text, url, level, editions, startsAt, expiresAt, ingestItemId: item?.id ?? null };
}

async function absoluteUrl(db: Db, publicUrl: string, edition: string, url: string | null): Promise<string> {
  const e = await db.selectFrom('editions').select(['base_url']).where('code', '=', edition).executeTakeFirst();
  const base = (e?.base_url || publicUrl).replace(/\/+$/, '');
  if (url === null) return `${base}/${edition}/`;
  return url.startsWith('/') ? base + url : url;
}

/** What a webhook subscriber is told about an alert. */
function webhookAlert(a: ApiAlert) {
  return { id: a.id, text: a.text, url: a.url, level: a.level, editions: a.editions, startsAt: a.startsAt, expiresAt: a.expiresAt, endedAt: a.endedAt };
}

/** The wire flash an alert is made from (POST with `fromIngestItem`). */
async function flashItem(db: Db, id: unknown) {
  if (!isId(id)) throw new ValidationFailed([{ field: 'fromIngestItem', message: 'expected the id of a wire item' }]);
  const row = await db
    .selectFrom('ingest_items as i')
    .innerJoin('ingest_sources as s', 's.id', 'i.source_id')
    .select(['i.id', 'i.title', 'i.link', 's.edition'])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound(`no ingest item ${id}`);
  return row;
}

/**
 * Publishes an alert: one transaction writes it with its audit line, the
 * alert.published webhook, a web push per edition and the content version
 * bump that makes every node render the banner (and purges the alerts
 * endpoint, the alerts feeds and the editions' home pages on the CDN).
 */
export async function createAlert(deps: AlertDeps, value: unknown, actor: Actor): Promise<ApiAlert> {
  const v = (value ?? {}) as Record<string, unknown>;
  const item = v.fromIngestItem !== undefined ? await flashItem(deps.db, v.fromIngestItem) : null;
  const input = await parseInput(deps, value, item);
  const now = deps.now();
  const at = now.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('alerts')
      .values({
        text: input.text,
        url: input.url,
        level: input.level,
        editions: JSON.stringify(input.editions),
        starts_at: input.startsAt,
        expires_at: input.expiresAt,
        ended_at: null,
        ingest_item_id: input.ingestItemId,
        created_by: actor.kind === 'system' ? 'system' : actor.name || actorLabel(actor),
        created_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const alert = presentAlert(row, at);
    await audit(trx, now, actor, 'alert.create', `alert:${row.id}`, { level: alert.level, editions: alert.editions, ingestItemId: alert.ingestItemId });
    await enqueueWebhookPayload(trx, now, 'alert.published', { alert: webhookAlert(alert) });
    for (const edition of alert.editions) {
      const words = alertLabels(edition);
      await enqueuePush(trx, { kind: 'alert', edition, now, dueAt: alert.startsAt, alertId: alert.id, message: { title: words.pushTitle[alert.level], body: alert.text, url: await absoluteUrl(trx, deps.publicUrl, edition, alert.url), tag: `alert-${alert.id}` } });
    }
    await bumpContentVersion(trx, [ALERTS_KEY, ...alert.editions.map(key.home)]);
    return alert;
  });
}

/** Ends an alert at once (its banner goes within seconds); ending an ended alert changes nothing. */
export async function endAlert(deps: AlertDeps, id: number, actor: Actor): Promise<void> {
  const now = deps.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound(`no alert ${id}`);
    if (row.ended_at !== null) return;
    const done = await trx.updateTable('alerts').set({ ended_at: at }).where('id', '=', id).where('ended_at', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return;
    const alert = presentAlert({ ...row, ended_at: at }, at);
    await audit(trx, now, actor, 'alert.end', `alert:${id}`);
    await enqueueWebhookPayload(trx, now, 'alert.ended', { alert: webhookAlert(alert) });
    await bumpContentVersion(trx, [ALERTS_KEY, ...alert.editions.map(key.home)]);
  });
}

/** The newsroom's list: every alert not ended and not expired, then the recent ones, newest first. */
export async function listAlerts(deps: AlertDeps, limit = 50): Promise<ApiAlert[]> {
  const at = deps.now().toISOString();
  const rows = await deps.db.selectFrom('alerts').selectAll().orderBy('id', 'desc').limit(limit).execute();
  const alerts = rows.map((r) => presentAlert(r, at));
  return [...alerts.filter((a) => a.current), ...alerts.filter((a) => !a.current)];
}

export async function getAlert(deps: AlertDeps, id: number): Promise<ApiAlert> {
  const row = await deps.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound(`no alert ${id}`);
  return presentAlert(row, deps.now().toISOString());
}
