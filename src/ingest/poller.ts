import { NotFound, ValidationFailed } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { decodeBody, FeedRefused, parseFeed } from './feed-parse.ts';
import { DropFolderFailed, pollDropFolder, type RefusedFile } from './drop-folder.ts';
import { enqueueItems, feedItemToIncoming, ninjsItems, type Incoming } from './items.service.ts';
import type { IngestDeps } from './sources.service.ts';
import { repeat } from '../jobs/repeat.ts';

export interface PollerDeps extends IngestDeps {
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
  /** INGEST_DIR: the drop folders of ninjs sources without a URL live under it. */
  ingestDir: string;
}

export interface PollOptions {
  /** The wait between two successful polls of a source. */
  intervalMs: number;
  /** The wait after the first failure; it doubles with each further one, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  timeoutMs: number;
  /** The largest feed, or file in a drop folder, that is read. */
  maxBytes: number;
}

export const POLL_DEFAULTS: PollOptions = { intervalMs: 5 * 60_000, backoffMs: 60_000, maxBackoffMs: 6 * 3600_000, timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024 };

/** `failed`: the files of a drop folder that were refused and moved to failed/ (always empty for feeds). */
export type PollResult = { sourceId: number; name: string } & ({ ok: true; notModified: boolean; added: number; duplicates: number; failed: RefusedFile[] } | { ok: false; error: string });

export function backoffDelay(failures: number, opts: Pick<PollOptions, 'backoffMs' | 'maxBackoffMs'> = POLL_DEFAULTS): number {
  return Math.min(opts.backoffMs * 2 ** Math.max(0, failures - 1), opts.maxBackoffMs);
}

export class FetchFailed extends Error {}

/** GET with a time limit and a size limit; the body is read as bytes and never past maxBytes. */
export async function fetchLimited(url: string, headers: Record<string, string>, opts: PollOptions) {
  const res = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(opts.timeoutMs) }).catch((e: Error) => {
    throw new FetchFailed(e.name === 'TimeoutError' ? `no answer within ${opts.timeoutMs / 1000} s` : `fetch failed: ${(e.cause as Error)?.message ?? e.message}`);
  });
  if (res.status === 304) return { status: 304 as const, res, bytes: new Uint8Array() };
  if (!res.ok) {
    await res.body?.cancel();
    throw new FetchFailed(`HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > opts.maxBytes) {
    await res.body?.cancel();
    throw new FetchFailed(`larger than ${opts.maxBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body ?? []) {
      size += chunk.byteLength;
      if (size > opts.maxBytes) throw new FetchFailed(`larger than ${opts.maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (e) {
    await res.body?.cancel().catch(() => {});
    if (e instanceof FetchFailed) throw e;
    throw new FetchFailed((e as Error).name === 'TimeoutError' ? `no complete answer within ${opts.timeoutMs / 1000} s` : `read failed: ${(e as Error).message}`);
  }
  return { status: 200 as const, res, bytes: Buffer.concat(chunks) };
}

/** Polls one source once: conditional GET (or its drop folder), parse, queue. Failures back off; they are answered, not thrown. */
export async function pollSource(deps: PollerDeps, sourceId: number, options: Partial<PollOptions> = {}): Promise<PollResult> {
  const opts = { ...POLL_DEFAULTS, ...options };
  const s = await deps.db.selectFrom('ingest_sources').selectAll().where('id', '=', sourceId).executeTakeFirst();
  if (!s) throw new NotFound(`no ingest source ${sourceId}`);
  const base = { sourceId: s.id, name: s.name };
  const started = deps.now();
  try {
    if (!s.url) {
      // A ninjs source without a URL: its drop folder. A refused file is reported, but does not back the source off.
      const r = await pollDropFolder(deps, s, opts, started);
      const refused = r.failed.map((f) => `${f.file}: ${f.reason}`).join('; ');
      await deps.db
        .updateTable('ingest_sources')
        .set({
          failures: 0,
          last_error: refused ? `moved to failed/: ${refused}`.slice(0, 500) : null,
          last_polled_at: started.toISOString(),
          next_poll_at: new Date(started.getTime() + opts.intervalMs).toISOString(),
        })
        .where('id', '=', s.id)
        .execute();
      return { ...base, ok: true, notModified: false, ...r };
    }
    const headers: Record<string, string> = { accept: s.kind === 'ninjs' ? 'application/json' : 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5', 'user-agent': 'Depeche-ingest/1' };
    if (s.etag) headers['if-none-match'] = s.etag;
    if (s.last_modified) headers['if-modified-since'] = s.last_modified;
    const got = await fetchLimited(s.url, headers, opts);
    let result: { added: number; duplicates: number } = { added: 0, duplicates: 0 };
    if (got.status === 200) {
      const text = decodeBody(got.bytes, got.res.headers.get('content-type'));
      let incoming: Incoming[];
      if (s.kind === 'ninjs') {
        let doc: unknown;
        try {
          doc = JSON.parse(text);
        } catch {
          throw new FeedRefused('not JSON');
        }
        incoming = await ninjsItems(s, doc, started);
      } else {
        incoming = [];
        for (const it of parseFeed(text, started).items) incoming.push(await feedItemToIncoming(s, it));
      }
      result = await enqueueItems(deps, s.id, incoming);
    }
    await deps.db
      .updateTable('ingest_sources')
      .set({
        ...(got.status === 200 ? { etag: got.res.headers.get('etag'), last_modified: got.res.headers.get('last-modified') } : {}),
        failures: 0,
        last_error: null,
        last_polled_at: started.toISOString(),
        next_poll_at: new Date(started.getTime() + opts.intervalMs).toISOString(),
      })
      .where('id', '=', s.id)
      .execute();
    return { ...base, ok: true, notModified: got.status === 304, ...result, failed: [] };
  } catch (e) {
    if (!(e instanceof FetchFailed) && !(e instanceof FeedRefused) && !(e instanceof DropFolderFailed)) throw e;
    const failures = s.failures + 1;
    const error = e.message.slice(0, 500);
    if (e instanceof FeedRefused) deps.log.warn({ source: s.id, url: s.url, reason: error }, 'ingest feed refused');
    else deps.log.warn({ source: s.id, url: s.url ?? undefined, failures, error }, 'ingest poll failed');
    await deps.db
      .updateTable('ingest_sources')
      .set({ failures, last_error: error, last_polled_at: started.toISOString(), next_poll_at: new Date(started.getTime() + backoffDelay(failures, opts)).toISOString() })
      .where('id', '=', s.id)
      .execute();
    return { ...base, ok: false, error };
  }
}

/** Polls every source whose next_poll_at has come (or every source, when `all`): feeds and drop folders alike. */
export async function pollDue(deps: PollerDeps, options: Partial<PollOptions> & { all?: boolean } = {}): Promise<PollResult[]> {
  const opts = { ...POLL_DEFAULTS, ...options };
  const now = deps.now();
  let q = deps.db.selectFrom('ingest_sources').select(['id', 'next_poll_at']);
  if (!options.all) q = q.where('next_poll_at', '<=', now.toISOString());
  const due = await q.orderBy('id').execute();
  const out: PollResult[] = [];
  for (const s of due) {
    // Several app processes poll the same table: a conditional update gives each due source to one of them.
    // The lease outlasts a poll; the poll then sets the real next time.
    if (!options.all) {
      const lease = new Date(now.getTime() + 2 * opts.timeoutMs + 60_000).toISOString();
      const claimed = await deps.db.updateTable('ingest_sources').set({ next_poll_at: lease }).where('id', '=', s.id).where('next_poll_at', '=', s.next_poll_at).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
    }
    out.push(await pollSource(deps, s.id, options));
  }
  return out;
}

/** Queues a ninjs document POSTed to a source of kind 'ninjs'. */
export async function receiveNinjs(deps: IngestDeps, sourceId: number, body: unknown, actor: Actor): Promise<{ added: number; duplicates: number }> {
  const s = await deps.db.selectFrom('ingest_sources').select(['id', 'name', 'kind', 'edition', 'section']).where('id', '=', sourceId).executeTakeFirst();
  if (!s) throw new NotFound(`no ingest source ${sourceId}`);
  if (s.kind !== 'ninjs') throw new ValidationFailed([{ field: 'source', message: `source ${sourceId} is of kind ${s.kind}, not ninjs` }]);
  let incoming: Incoming[];
  try {
    incoming = await ninjsItems(s, body, deps.now());
  } catch (e) {
    if (e instanceof FeedRefused) throw new ValidationFailed([{ field: 'body', message: e.message }]);
    throw e;
  }
  const r = await enqueueItems(deps, s.id, incoming);
  await deps.db.transaction().execute((trx) => audit(trx, deps.now(), actor, 'ingest.ninjs.receive', `ingest-source:${s.id}`, r));
  return r;
}

/** Polls the sources that are due, every `everyMs`; started and stopped by app.ts like the webhook worker. */
export class IngestPoller {
  private job: { stop(): void } | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly deps: PollerDeps,
    private readonly opts: Partial<PollOptions> = {},
  ) {}

  runOnce(): Promise<PollResult[]> {
    const run = pollDue(this.deps, this.opts);
    this.running = run.catch(() => {});
    return run;
  }

  start(everyMs: number): void {
    this.job = repeat(() => this.runOnce(), everyMs, (err) => this.deps.log.error({ err }, 'ingest poll pass failed'));
  }

  async stop(): Promise<void> {
    this.job?.stop();
    await this.running;
  }
}
