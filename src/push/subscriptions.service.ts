import { isIP } from 'node:net';
import { ValidationFailed, type FieldIssue } from '../errors.ts';
import type { Db } from '../store/db.ts';

export interface SubscriptionDeps {
  db: Db;
  now: () => Date;
  /** Accept http:// endpoints on loopback (tests, the benchmark). */
  allowLoopback: boolean;
}

const B64URL = /^[A-Za-z0-9_-]+=*$/;

function decoded(v: unknown): Buffer | null {
  if (typeof v !== 'string' || v.length > 200 || !B64URL.test(v)) return null;
  return Buffer.from(v.replace(/=+$/, ''), 'base64url');
}

/** A host that is this machine or a private network: a push endpoint there would make the worker probe it. */
export function internalHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  const kind = isIP(h);
  if (kind === 4) {
    const [a, b] = h.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (kind === 6) return h === '::1' || h === '::' || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80') || h.startsWith('::ffff:');
  return false;
}

function loopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

export interface SubscribeInput {
  endpoint: string;
  p256dh: string;
  auth: string;
  edition: string;
  /** Undefined when the request does not say: a known subscription keeps its choice, a new one takes the default. */
  alerts?: boolean;
  lives?: boolean;
}

/** What a subscription wants once the request is applied; neither means it was removed. */
export interface Subscribed {
  alerts: boolean;
  lives: boolean;
}

async function parse(deps: SubscriptionDeps, value: unknown): Promise<SubscribeInput> {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, any>;
  const issues: FieldIssue[] = [];
  const sub = (typeof v.subscription === 'object' && v.subscription !== null ? v.subscription : {}) as Record<string, any>;
  let endpoint = '';
  try {
    if (typeof sub.endpoint !== 'string' || sub.endpoint.length > 2000) throw new Error();
    const u = new URL(sub.endpoint);
    const ok = u.protocol === 'https:' ? !internalHost(u.hostname) || (deps.allowLoopback && loopback(u.hostname)) : u.protocol === 'http:' && deps.allowLoopback && loopback(u.hostname);
    if (!ok || u.username || u.password) throw new Error();
    endpoint = u.toString();
  } catch {
    issues.push({ field: 'subscription.endpoint', message: 'expected the https:// URL of a push service, as the browser gave it' });
  }
  const keys = (typeof sub.keys === 'object' && sub.keys !== null ? sub.keys : {}) as Record<string, unknown>;
  const p = decoded(keys.p256dh);
  if (!p || p.length !== 65 || p[0] !== 4) issues.push({ field: 'subscription.keys.p256dh', message: 'expected the browser’s P-256 public key, 65 bytes in base64url' });
  const a = decoded(keys.auth);
  if (!a || a.length !== 16) issues.push({ field: 'subscription.keys.auth', message: 'expected the 16-byte authentication secret in base64url' });
  const known = typeof v.edition === 'string' ? await deps.db.selectFrom('editions').select('code').where('code', '=', v.edition).executeTakeFirst() : undefined;
  if (!known) issues.push({ field: 'edition', message: 'expected the code of an edition' });
  for (const f of ['alerts', 'lives'] as const) if (v[f] !== undefined && typeof v[f] !== 'boolean') issues.push({ field: f, message: 'expected true or false' });
  if (issues.length) throw new ValidationFailed(issues);
  return {
    endpoint, p256dh: p!.toString('base64url'), auth: a!.toString('base64url'), edition: v.edition,
    ...(typeof v.alerts === 'boolean' ? { alerts: v.alerts } : {}),
    ...(typeof v.lives === 'boolean' ? { lives: v.lives } : {}),
  };
}

/**
 * Subscribes a browser, or changes what it wants: the same endpoint again
 * (new keys, another edition, other choices) updates what was kept, and a
 * choice the request does not name stays as it was (the footer's alerts
 * button and a live's "Follow" button each change their own). A new
 * subscription wants alerts unless told otherwise, and lives only when told.
 * A subscription left wanting neither is removed.
 */
export async function subscribe(deps: SubscriptionDeps, value: unknown): Promise<Subscribed> {
  const s = await parse(deps, value);
  return deps.db.transaction().execute(async (trx) => {
    const kept = await trx.selectFrom('push_subscriptions').select(['alerts', 'lives']).where('endpoint', '=', s.endpoint).executeTakeFirst();
    const alerts = s.alerts ?? (kept ? kept.alerts === 1 : true);
    const lives = s.lives ?? (kept ? kept.lives === 1 : false);
    if (!alerts && !lives) {
      if (!kept) throw new ValidationFailed([{ field: 'alerts', message: 'a subscription wants alerts, lives or both' }]);
      await trx.deleteFrom('push_subscriptions').where('endpoint', '=', s.endpoint).execute();
      return { alerts, lives };
    }
    const fields = { p256dh: s.p256dh, auth: s.auth, edition: s.edition, alerts: alerts ? 1 : 0, lives: lives ? 1 : 0, failures: 0 };
    await trx
      .insertInto('push_subscriptions')
      .values({ endpoint: s.endpoint, ...fields, created_at: deps.now().toISOString(), last_sent_at: null })
      .onConflict((oc) => oc.column('endpoint').doUpdateSet(fields))
      .execute();
    return { alerts, lives };
  });
}

/** Forgets a browser's subscription; an unknown endpoint is no error (it may have been removed already). */
export async function unsubscribe(deps: SubscriptionDeps, value: unknown): Promise<void> {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof v.endpoint !== 'string' || !v.endpoint || v.endpoint.length > 2000) throw new ValidationFailed([{ field: 'endpoint', message: 'expected the subscription’s endpoint' }]);
  let endpoint = v.endpoint;
  try {
    endpoint = new URL(v.endpoint).toString();
  } catch {
    // kept as given: nothing will match
  }
  await deps.db.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint).execute();
}
