import { Redis, type RedisOptions } from 'ioredis';

export interface LinkLog {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
}

/**
 * The two connections a node keeps to Redis: one for commands (publishes,
 * counters) and one that only listens. Both reconnect by themselves, forever.
 * Commands never wait for a connection: while Redis is away they fail at once
 * and the caller does the single-node thing. One line is logged when Redis goes
 * away, and one when it is back.
 */
export class RedisLink {
  readonly commands: Redis;
  readonly listener: Redis;
  private up = false;
  private downSince: number | undefined = Date.now();
  private reported = false;
  private lastError: string | undefined;
  private closed = false;

  constructor(
    url: string,
    /** Before every key and channel name. */
    readonly prefix: string,
    private readonly log: LinkLog,
  ) {
    const common: RedisOptions = {
      // Quick retries at first, then every 2 s while Redis stays away.
      retryStrategy: (times) => Math.min(100 * times, 2000),
      connectTimeout: 3000,
    };
    this.commands = new Redis(url, {
      ...common,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // A Redis that accepts the connection but does not answer (stopped, cut network) must not hold a request.
      commandTimeout: 1000,
    });
    // The listener queues its SUBSCRIBEs until it connects, and subscribes again after each reconnection.
    this.listener = new Redis(url, { ...common, maxRetriesPerRequest: null, autoResubscribe: true });
    for (const c of [this.commands, this.listener]) {
      c.on('error', (err: Error) => {
        this.lastError = err.message;
        this.update();
      });
      c.on('ready', () => this.update());
      c.on('close', () => this.update());
      c.on('end', () => this.update());
    }
    // A Redis that never answered at start is an outage like any other: reported once, after the first try.
    setTimeout(() => this.update(), 3500).unref();
  }

  /** Both connections ready. */
  get ready(): boolean {
    return this.up;
  }

  key(name: string): string {
    return this.prefix + name;
  }

  private update(): void {
    if (this.closed) return;
    const up = this.commands.status === 'ready' && this.listener.status === 'ready';
    if (up === this.up) {
      // Still connecting at start: say so once the first attempt has had its time.
      if (!up && !this.reported && this.downSince !== undefined && Date.now() - this.downSince >= 3000) this.reportDown();
      return;
    }
    this.up = up;
    if (up) {
      if (this.reported) this.log.info({ downMs: Date.now() - (this.downSince ?? Date.now()) }, 'Redis is back: the change bus and counters are shared again');
      this.reported = false;
      this.downSince = undefined;
    } else {
      this.downSince = Date.now();
      this.reportDown();
    }
  }

  private reportDown(): void {
    if (this.reported) return;
    this.reported = true;
    this.log.warn({ error: this.lastError }, 'Redis is unreachable: running as a single node (database poll, local counters) until it is back');
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const c of [this.commands, this.listener]) {
      if (c.status === 'ready') await c.quit().catch(() => c.disconnect());
      else c.disconnect();
    }
  }
}
