import type { ServerResponse } from 'node:http';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Bus } from '../bus/bus.ts';
import { CONTENT_TOPIC } from '../bus/content-changes.ts';
import type { EditionContext } from '../render/context.ts';
import type { Db } from '../store/db.ts';
import { entriesById, eventsAfter, lastEventId } from './live-entries.repository.ts';
import { LIVE_TOPIC, readAnnouncement } from './live-events.ts';
import { entryImages, entryVideos } from './live-page.ts';
import { EntryView, type LivePlace } from './live-view.tsx';

export interface LiveHubDeps {
  db: Db;
  bus: Bus;
  /** The edition's rendering context (the same the pages use). */
  context: (edition: string) => EditionContext | undefined;
  log: { error(o: object, m: string): void; warn(o: object, m: string): void };
  /** The clock: whether a video's own page is public yet (its player links to it). */
  now?: () => Date;
}

export interface LiveHubOptions {
  /** How often the lives that have readers are checked for events a lost bus message did not announce, and for their end. */
  pollMs?: number;
  /** A comment line this often keeps proxies from closing a quiet stream. */
  heartbeatMs?: number;
  /** A reader whose unsent bytes exceed this is dropped: it does not read, and would hold memory. */
  maxBufferBytes?: number;
  /** The most events one catch-up or one pass reads at a time. */
  batch?: number;
  /** The most streams this node holds open at once (LIVE_MAX_STREAMS); past it, `admit` says no. */
  maxStreams?: number;
}

/** What the stream says of an entry: its id, what happened, and its markup as the page renders it. */
export interface EntryMessage {
  id: number;
  kind: 'published' | 'updated' | 'deleted';
  html?: string;
  postedAt?: string;
  pinned?: boolean;
  keyPoint?: boolean;
}

interface Connection {
  res: ServerResponse;
  /** The newest event id written to it. */
  sent: number;
  /** False while it catches up on its own: passes leave it alone. */
  ready: boolean;
}

interface Live {
  articleId: number;
  place: LivePlace;
  conns: Set<Connection>;
  /** The newest event id passed to the ready connections. */
  cursor: number;
  /** The pass under way, if any. */
  running: Promise<void> | null;
  again: boolean;
  ended: boolean;
}

/** The frames of some events, rendered once for every reader of the live. */
type Frame = { id: number; bytes: Buffer };

const HEAD = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
};

/** One SSE frame; the data is JSON, which writes no raw line end (so no text can start a field of its own). */
export function sseFrame(event: string, data: unknown, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The event streams of one web node's readers. Whoever posts an entry
 * announces it on the bus (LIVE_TOPIC) after the commit; on each
 * announcement, for a live this node has readers of, the hub reads the new
 * events once, renders each entry once, and writes the same bytes to every
 * reader. A reconnecting reader (Last-Event-ID) first gets what it missed
 * from live_events. A slow poll catches what a lost bus message did not say.
 */
export class LiveHub {
  private readonly lives = new Map<number, Live>();
  private readonly opening = new Map<number, Promise<Live>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribe: Array<() => void> = [];
  private closed = false;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly maxBuffer: number;
  private readonly batch: number;
  private readonly maxStreams: number;
  /** Streams open now, those catching up included. */
  private streams = 0;

  constructor(private readonly deps: LiveHubDeps, opts: LiveHubOptions = {}) {
    this.pollMs = opts.pollMs ?? 5000;
    this.heartbeatMs = opts.heartbeatMs ?? 20_000;
    this.maxBuffer = opts.maxBufferBytes ?? 256 * 1024;
    this.batch = opts.batch ?? 200;
    this.maxStreams = opts.maxStreams ?? 20_000;
  }

  /** Starts following the bus, the poll and the heartbeat. */
  start(): void {
    this.unsubscribe.push(
      this.deps.bus.subscribe(LIVE_TOPIC, (payload) => {
        const a = readAnnouncement(payload);
        const live = a && this.lives.get(a.articleId);
        if (!live) return;
        if (a.eventId > live.cursor) void this.pass(live);
        // Nothing new to send: the live may have ended (the end is announced with the live's latest event id).
        else void this.checkEnded();
      }),
      // An article saved (a live ended): the lives with readers check, in one query.
      this.deps.bus.subscribe(CONTENT_TOPIC, () => void this.checkEnded()),
    );
    if (this.pollMs > 0) {
      const poll = setInterval(() => {
        for (const live of this.lives.values()) void this.pass(live);
        void this.checkEnded();
      }, this.pollMs);
      poll.unref();
      this.timers.push(poll);
    }
    if (this.heartbeatMs > 0) {
      const beat = setInterval(() => this.heartbeat(), this.heartbeatMs);
      beat.unref();
      this.timers.push(beat);
    }
  }

  /** Readers connected now, and the lives they follow. */
  stats(): { connections: number; lives: number } {
    let connections = 0;
    for (const l of this.lives.values()) connections += l.conns.size;
    return { connections, lives: this.lives.size };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Whether this node takes one more stream: false at the cap, the reader is to come back later. */
  admit(): boolean {
    return this.streams < this.maxStreams;
  }

  /**
   * Serves one reader: the stream's head, what it missed since `lastId` (or
   * nothing new when it names none), then every new event of the live.
   */
  async open(res: ServerResponse, articleId: number, place: LivePlace, lastId: number | undefined, ended: boolean): Promise<void> {
    this.streams++;
    res.once('close', () => this.streams--);
    res.writeHead(200, HEAD);
    res.write(`retry: 3000\n\n`);
    if (ended) {
      // A reader back after the end first gets what was posted before it and it missed.
      if (lastId !== undefined) await this.catchUpEnded(res, articleId, place, lastId);
      if (!res.destroyed) res.end(sseFrame('ended', {}));
      return;
    }
    const live = await this.liveOf(articleId, place);
    // An id from the future (a reader of a restored database) counts as now.
    const conn: Connection = { res, sent: Math.min(lastId ?? live.cursor, live.cursor), ready: false };
    live.conns.add(conn);
    res.on('close', () => this.drop(live, conn));
    res.socket?.setNoDelay(true);
    try {
      // Catch up until this reader has all the live's passes have sent: from then on passes write to it.
      for (;;) {
        if (res.destroyed || this.closed) return;
        const events = await eventsAfter(this.deps.db, articleId, conn.sent, this.batch);
        if (events.length > 0) {
          for (const f of await this.render(live, events)) this.write(live, conn, f);
          continue;
        }
        if (conn.sent >= live.cursor) break;
        // The live's cursor is ahead of what the database showed us a moment ago: read again.
      }
      conn.ready = true;
    } catch (err) {
      this.deps.log.error({ err, articleId }, 'live stream catch-up failed');
      res.destroy();
    }
  }

  /** Writes the events of an ended live after `lastId`, batch by batch, waiting for the reader to take each. */
  private async catchUpEnded(res: ServerResponse, articleId: number, place: LivePlace, lastId: number): Promise<void> {
    const live: Live = { articleId, place, conns: new Set(), cursor: lastId, running: null, again: false, ended: true };
    try {
      for (;;) {
        if (res.destroyed || this.closed) return;
        const events = await eventsAfter(this.deps.db, articleId, live.cursor, this.batch);
        if (events.length === 0) return;
        let full = false;
        for (const f of await this.render(live, events)) full = !res.write(f.bytes) || full;
        live.cursor = events[events.length - 1]!.id;
        if (full && !res.destroyed) await new Promise<void>((resolve) => {
          res.once('drain', resolve);
          res.once('close', resolve);
        });
      }
    } catch (err) {
      this.deps.log.error({ err, articleId }, 'live stream catch-up failed');
      res.destroy();
    }
  }

  /** Ends every stream (readers' EventSource reconnect to another node, or to this one once it is back). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    for (const off of this.unsubscribe) off();
    for (const live of this.lives.values()) for (const c of live.conns) c.res.end();
    this.lives.clear();
  }

  private async liveOf(articleId: number, place: LivePlace): Promise<Live> {
    const known = this.lives.get(articleId);
    if (known) return known;
    let pending = this.opening.get(articleId);
    if (!pending) {
      pending = lastEventId(this.deps.db, articleId).then((cursor) => {
        const live: Live = { articleId, place, conns: new Set(), cursor, running: null, again: false, ended: false };
        this.lives.set(articleId, live);
        this.opening.delete(articleId);
        return live;
      });
      pending.catch(() => this.opening.delete(articleId));
      this.opening.set(articleId, pending);
    }
    return pending;
  }

  private drop(live: Live, conn: Connection): void {
    live.conns.delete(conn);
    if (live.conns.size === 0 && this.lives.get(live.articleId) === live) this.lives.delete(live.articleId);
  }

  /**
   * Writes a frame unless the reader already has it. A reader still holding
   * more than the bound of unsent bytes does not read: it is dropped instead
   * (its EventSource reconnects and catches up if it was only slow).
   */
  private write(live: Live, conn: Connection, f: Frame): void {
    if (f.id <= conn.sent || conn.res.destroyed) return;
    if (this.tooSlow(live, conn)) return;
    conn.res.write(f.bytes);
    conn.sent = f.id;
  }

  private tooSlow(live: Live, conn: Connection): boolean {
    if (conn.res.writableLength <= this.maxBuffer) return false;
    this.deps.log.warn({ articleId: live.articleId, buffered: conn.res.writableLength }, 'live stream reader too slow: dropped');
    conn.res.destroy();
    this.drop(live, conn);
    return true;
  }

  /** Reads the live's new events once and writes them to its readers; one pass at a time per live (a call during one makes it go round again). */
  private pass(live: Live): Promise<void> {
    if (live.running) {
      live.again = true;
      return live.running;
    }
    live.running = (async () => {
      try {
        do {
          live.again = false;
          for (;;) {
            const events = await eventsAfter(this.deps.db, live.articleId, live.cursor, this.batch);
            if (events.length === 0) break;
            const frames = await this.render(live, events);
            for (const conn of live.conns) {
              if (!conn.ready) continue;
              for (const f of frames) this.write(live, conn, f);
            }
            live.cursor = events[events.length - 1]!.id;
          }
        } while (live.again && !this.closed);
      } catch (err) {
        this.deps.log.error({ err, articleId: live.articleId }, 'live stream pass failed');
      } finally {
        live.running = null;
      }
    })();
    return live.running;
  }

  /** Each event as a frame: an entry published or changed, rendered as on the page; or gone. */
  private async render(live: Live, events: Array<{ id: number; entry_id: number; kind: EntryMessage['kind'] }>): Promise<Frame[]> {
    const ctx = this.deps.context(live.place.edition);
    const wanted = [...new Set(events.filter((e) => e.kind !== 'deleted').map((e) => e.entry_id))];
    const entries = new Map((await entriesById(this.deps.db, live.articleId, wanted)).map((e) => [e.id, e]));
    // Pictures and library videos as the page loads them: a video block is the site's player here too.
    const shown = [...entries.values()];
    const [images, videos] = ctx ? await Promise.all([entryImages(this.deps.db, shown), entryVideos(this.deps.db, ctx, shown, (this.deps.now?.() ?? new Date()).toISOString())]) : [new Map(), new Map()];
    const html = new Map<number, string>();
    return events.map((ev) => {
      const e = ev.kind === 'deleted' ? undefined : entries.get(ev.entry_id);
      let msg: EntryMessage;
      if (!e || !ctx) msg = { id: ev.entry_id, kind: 'deleted' };
      else {
        let markup = html.get(e.id);
        if (markup === undefined) html.set(e.id, (markup = renderToString(h(EntryView, { ctx, entry: e, place: live.place, images, videos }))));
        msg = { id: e.id, kind: ev.kind, html: markup, postedAt: e.postedAt, pinned: e.pinned, keyPoint: e.keyPoint };
      }
      return { id: Number(ev.id), bytes: Buffer.from(sseFrame('entry', msg, Number(ev.id))) };
    });
  }

  private heartbeat(): void {
    const beat = Buffer.from(':\n\n');
    for (const live of this.lives.values()) {
      for (const conn of live.conns) {
        if (conn.res.destroyed || this.tooSlow(live, conn)) continue;
        conn.res.write(beat);
      }
    }
  }

  /** Tells the readers of lives that ended, and ends their streams. */
  private async checkEnded(): Promise<void> {
    const ids = [...this.lives.keys()];
    if (ids.length === 0 || this.closed) return;
    try {
      const rows = await this.deps.db.selectFrom('articles').select(['id', 'live_ended_at']).where('id', 'in', ids).where('live_ended_at', 'is not', null).execute();
      for (const r of rows) {
        const live = this.lives.get(r.id);
        if (!live || live.ended) continue;
        live.ended = true;
        // What was posted before the end goes first.
        await this.pass(live);
        const frame = sseFrame('ended', { at: r.live_ended_at });
        for (const c of live.conns) c.res.end(frame);
        this.lives.delete(live.articleId);
      }
    } catch (err) {
      this.deps.log.error({ err }, 'live end check failed');
    }
  }
}
