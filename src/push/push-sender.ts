import webpush from 'web-push';
import type { PushMessage } from './push-jobs.ts';
import type { VapidKeys } from './vapid.ts';

export interface Subscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** What came of one send: delivered, gone (404/410: the subscription is to be removed), or failed (kept, counted). */
export type SendOutcome = { kind: 'sent' } | { kind: 'gone'; status: number } | { kind: 'failed'; reason: string };

const VAPID_LIFETIME_S = 12 * 3600;
const VAPID_REUSE_MS = 3600_000;

/**
 * Sends Web Push messages (RFC 8030) encrypted with aes128gcm (RFC 8291) and
 * signed with VAPID (RFC 8292). The web-push package does the cryptography;
 * the request is ours (fetch with a timeout), so a push service that hangs
 * costs one timeout and never a stuck worker. The VAPID header of each push
 * service is signed once and reused for an hour (it is valid 12 h), instead
 * of once per message.
 */
export class PushSender {
  private readonly vapidByOrigin = new Map<string, { header: string; until: number }>();
  private turns: Promise<void> = Promise.resolve();

  constructor(
    private readonly keys: VapidKeys,
    private readonly opts: { timeoutMs: number; stopping?: AbortSignal },
  ) {}

  private authorization(endpoint: URL): string {
    const origin = endpoint.origin;
    const now = Date.now();
    const hit = this.vapidByOrigin.get(origin);
    if (hit && hit.until > now) return hit.header;
    const h = webpush.getVapidHeaders(origin, this.keys.subject, this.keys.publicKey, this.keys.privateKey, 'aes128gcm', Math.floor(now / 1000) + VAPID_LIFETIME_S);
    this.vapidByOrigin.set(origin, { header: h.Authorization, until: now + VAPID_REUSE_MS });
    return h.Authorization;
  }

  async send(sub: Subscription, message: PushMessage, o: { ttlSeconds: number; urgency: 'high' | 'normal' }): Promise<SendOutcome> {
    let url: URL;
    let body: Buffer;
    let authorization: string;
    // One message's encryption and request per turn of the event loop, whatever the concurrency: the
    // messages in flight take turns (a chain of immediates), so answers that arrive together never run
    // their next encryptions back to back, holding the loop for all of them.
    const turn = this.turns.then(() => new Promise<void>((r) => setImmediate(r)));
    this.turns = turn;
    await turn;
    try {
      url = new URL(sub.endpoint);
      body = webpush.encrypt(sub.p256dh, sub.auth, JSON.stringify(message), 'aes128gcm').cipherText;
    } catch {
      // Keys a browser would never have made: the subscription can never receive anything.
      return { kind: 'gone', status: 0 };
    }
    // A key pair or subject the site cannot sign with is the site's own fault: it fails the pass, never a subscription.
    authorization = this.authorization(url);
    // A plain controller and timer, cleared once answered: AbortSignal.timeout() would keep every signal until
    // its time ran out, thousands of them during a large job.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException('timed out', 'TimeoutError')), this.opts.timeoutMs);
    const stop = () => abort.abort(new DOMException('stopping', 'AbortError'));
    this.opts.stopping?.addEventListener('abort', stop, { once: true });
    try {
      const r = await fetch(url, {
        method: 'POST',
        headers: {
          ttl: String(o.ttlSeconds),
          urgency: o.urgency,
          'content-encoding': 'aes128gcm',
          'content-type': 'application/octet-stream',
          authorization,
        },
        body: new Uint8Array(body),
        signal: abort.signal,
        redirect: 'manual',
      });
      // The answer's body says nothing we use; reading it frees the connection for the next message.
      await r.arrayBuffer().catch(() => undefined);
      if (r.status >= 200 && r.status < 300) return { kind: 'sent' };
      if (r.status === 404 || r.status === 410) return { kind: 'gone', status: r.status };
      return { kind: 'failed', reason: `answered ${r.status}` };
    } catch (e) {
      const err = e as Error;
      return { kind: 'failed', reason: err.name === 'TimeoutError' || err.name === 'AbortError' ? `no answer in ${this.opts.timeoutMs} ms` : err.message };
    } finally {
      clearTimeout(timer);
      this.opts.stopping?.removeEventListener('abort', stop);
    }
  }
}
