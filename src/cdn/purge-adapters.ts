import type { CdnConfig } from '../config.ts';

/**
 * Sends surrogate-key purges to a CDN. `purge` resolves once every request
 * was accepted, and rejects otherwise (the worker retries the whole set: a
 * purge sent twice does no harm).
 */
export interface PurgeAdapter {
  readonly name: CdnConfig['purge'];
  purge(keys: string[], signal: AbortSignal): Promise<void>;
}

/** Fastly takes up to 256 keys in one purge request. */
export const FASTLY_BATCH = 256;
/** Cloudflare takes up to 30 tags in one purge_cache request on every plan. */
export const CLOUDFLARE_BATCH = 30;
/** Bytes of keys in one xkey-purge header: well under Varnish's http_req_hdr_len (8 KB). */
export const VARNISH_HEADER_BYTES = 4000;

export function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Keys in groups whose space-joined length stays within `maxBytes`. */
export function byBytes(keys: string[], maxBytes: number): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let len = 0;
  for (const k of keys) {
    const add = Buffer.byteLength(k) + (cur.length ? 1 : 0);
    if (cur.length && len + add > maxBytes) {
      out.push(cur);
      cur = [];
      len = 0;
    }
    len += Buffer.byteLength(k) + (cur.length ? 1 : 0);
    cur.push(k);
  }
  if (cur.length) out.push(cur);
  return out;
}

async function expectOk(r: Response, what: string): Promise<string> {
  const text = await r.text().catch(() => '');
  if (r.status < 200 || r.status > 299) throw new Error(`${what} answered ${r.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  return text;
}

function explain(e: unknown, what: string): Error {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.message?.startsWith(what)) return err;
  const cause = err.cause?.code ?? err.cause?.message;
  return new Error(`${what}: ${err.message}${cause ? ` (${cause})` : ''}`);
}

export function purgeAdapter(cdn: CdnConfig, fetchImpl: typeof fetch = fetch): PurgeAdapter {
  switch (cdn.purge) {
    case 'none':
      return { name: 'none', purge: async () => {} };
    case 'varnish':
      return {
        name: 'varnish',
        async purge(keys, signal) {
          // Each Varnish keeps its own cache: every one is told, one request per header's worth of keys.
          const sends = cdn.purgeUrls.flatMap((base) =>
            byBytes(keys, VARNISH_HEADER_BYTES).map(async (group) => {
              const what = `Varnish at ${base}`;
              try {
                await expectOk(await fetchImpl(new URL('/', base), { method: 'PURGE', headers: { 'xkey-purge': group.join(' ') }, signal }), what);
              } catch (e) {
                throw explain(e, what);
              }
            }),
          );
          const failed = (await Promise.allSettled(sends)).filter((r): r is PromiseRejectedResult => r.status === 'rejected');
          if (failed.length) throw new Error(failed.map((f) => (f.reason as Error).message).join('; '));
        },
      };
    case 'fastly': {
      const f = cdn.fastly!;
      return {
        name: 'fastly',
        async purge(keys, signal) {
          const what = 'Fastly';
          for (const group of chunks(keys, FASTLY_BATCH)) {
            try {
              const r = await fetchImpl(`${f.apiUrl}/service/${encodeURIComponent(f.serviceId)}/purge`, {
                method: 'POST',
                headers: { 'fastly-key': f.token, 'surrogate-key': group.join(' '), accept: 'application/json' },
                signal,
              });
              await expectOk(r, what);
            } catch (e) {
              throw explain(e, what);
            }
          }
        },
      };
    }
    case 'cloudflare': {
      const c = cdn.cloudflare!;
      return {
        name: 'cloudflare',
        async purge(keys, signal) {
          const what = 'Cloudflare';
          for (const group of chunks(keys, CLOUDFLARE_BATCH)) {
            try {
              const r = await fetchImpl(`${c.apiUrl}/zones/${encodeURIComponent(c.zoneId)}/purge_cache`, {
                method: 'POST',
                headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
                body: JSON.stringify({ tags: group }),
                signal,
              });
              const text = await expectOk(r, what);
              let success = false;
              try {
                success = JSON.parse(text).success === true;
              } catch {}
              if (!success) throw new Error(`${what} did not confirm the purge: ${text.slice(0, 200)}`);
            } catch (e) {
              throw explain(e, what);
            }
          }
        },
      };
    }
  }
}
