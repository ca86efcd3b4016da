import type { FastifyBaseLogger } from 'fastify';
import type { ThemeSlots } from '../render/slots.ts';
import { loadCatalog, type Catalog } from '../content/catalog.ts';
import { editionContext, type AssetUrls, type EditionContext } from '../render/context.ts';
import { readChanges, readContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';

/**
 * What reader pages need in memory: the catalog, one render context per edition,
 * and the content version last seen. Changes announced on the bus refresh it at
 * once (refreshSoon); `watch` polls the version as well, so that a change whose
 * announcement was lost (Redis down, a process killed after its commit) still
 * reaches this process's cache within one poll.
 */
export class SiteState {
  catalog!: Catalog;
  version = -1;
  /**
   * Counts reloads, a reveal's or a midnight's too (which leave the version as it was):
   * a page rendered across one is sent but not kept, so it cannot outlive the cache's emptying.
   */
  generation = 0;
  private contexts = new Map<string, EditionContext>();
  /** Editions' own host names (from their base URL, other than the site's PUBLIC_URL host), lower case, with a port when not the default. */
  private hosts = new Map<string, EditionContext>();
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: Array<(changed: ReadonlySet<string> | null) => void> = [];

  constructor(
    private readonly db: Db,
    private readonly opts: { assets: AssetUrls; siteName: string; publicUrl: string; mediaUrl?: string; log: FastifyBaseLogger; now: () => Date; slots?: ThemeSlots },
  ) {}

  private refreshing: Promise<unknown> | undefined;
  private again = false;

  /**
   * Refreshes at once, without waiting for the poll: for a change announced on
   * the bus. Announcements during a refresh lead to one more refresh after it.
   */
  refreshSoon(): void {
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = this.refresh()
      .catch((err) => this.opts.log.warn({ err }, 'refresh after a change announcement failed; the poll will try again'))
      .finally(() => {
        this.refreshing = undefined;
        if (this.again) {
          this.again = false;
          this.refreshSoon();
        }
      });
  }

  /**
   * Calls `listener` after each reload with the surrogate keys that changed since
   * the previous one (src/cdn/keys.ts), or null when everything may have: a change
   * to the whole site, versions whose keys are not known, a reveal, a forced reload.
   */
  onChange(listener: (changed: ReadonlySet<string> | null) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Reloads the catalog when the content version moved, when an embargoed article's time
   * came (no write marks that moment, see Catalog.nextReveal), or always, with force.
   */
  refresh(force = false): Promise<boolean> {
    // One at a time (the poll, bus announcements, previews): a slow reload that began
    // before a change can never finish after, and put back, the newer one.
    const run = this.queue.then(() => this.reload(force));
    this.queue = run.catch(() => {});
    return run;
  }

  private queue: Promise<unknown> = Promise.resolve();

  private async reload(force: boolean): Promise<boolean> {
    const version = await readContentVersion(this.db);
    const now = this.opts.now();
    const revealed = this.catalog?.nextReveal != null && this.catalog.nextReveal <= now.toISOString();
    if (!force && !revealed && version === this.version) return false;
    // Read before the catalog: a change committed in between moves the version again, so the next reload sees it.
    const changed = !force && !revealed && version > this.version ? await readChanges(this.db, this.version, version) : null;
    const catalog = await loadCatalog(this.db, now);
    this.catalog = catalog;
    this.contexts = new Map(
      catalog.editions.map((e) => [
        e.code,
        editionContext({ ...e, base_url: e.base_url || this.opts.publicUrl }, catalog, this.opts.assets, this.opts.siteName, this.opts.publicUrl, this.opts.mediaUrl, this.opts.slots),
      ]),
    );
    this.hosts = ownHosts(catalog, this.contexts, this.opts.publicUrl);
    this.version = version;
    this.generation++;
    for (const l of this.listeners) l(changed);
    return true;
  }

  context(code: string): EditionContext | undefined {
    return this.contexts.get(code);
  }

  /**
   * The edition whose own host name (its base URL's) is `host`, as a request's Host
   * header gives it; undefined for the site's own host and any other. The edition
   * first by position wins when two name the same host.
   */
  hostContext(host: string | undefined): EditionContext | undefined {
    if (!host || this.hosts.size === 0) return undefined;
    return this.hosts.get(normalHost(host));
  }

  /** Whether any edition has a host name of its own (then `/` answers by host). */
  hasOwnHosts(): boolean {
    return this.hosts.size > 0;
  }

  defaultContext(): EditionContext | undefined {
    const d = this.catalog?.defaultEdition;
    return d ? this.contexts.get(d.code) : undefined;
  }

  watch(intervalMs: number): void {
    // Through an outage the poll fails every interval: the first failure is
    // logged, then one line a minute, then the recovery. A failed poll changes
    // nothing, so the page cache keeps serving what it has.
    let failingSince: number | undefined;
    let lastLogged = 0;
    const tick = async () => {
      try {
        await this.refresh();
        if (failingSince !== undefined) this.opts.log.info({ downMs: Date.now() - failingSince }, 'content version poll recovered');
        failingSince = undefined;
      } catch (err) {
        const now = Date.now();
        if (failingSince === undefined || now - lastLogged >= 60_000) {
          this.opts.log.warn({ err }, 'content version poll failed');
          lastLogged = now;
        }
        failingSince ??= now;
      }
      if (this.timer) this.timer = setTimeout(tick, intervalMs).unref();
    };
    this.timer = setTimeout(tick, intervalMs).unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** A host as compared: lower case, no trailing dot, no default port. */
export function normalHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.(?=:|$)/, '').replace(/:(80|443)$/, '');
}

function ownHosts(catalog: Catalog, contexts: Map<string, EditionContext>, publicUrl: string): Map<string, EditionContext> {
  const site = hostOf(publicUrl);
  const hosts = new Map<string, EditionContext>();
  for (const e of catalog.editions) {
    const host = e.base_url ? hostOf(e.base_url) : null;
    const ctx = contexts.get(e.code);
    if (host && host !== site && ctx && !hosts.has(host)) hosts.set(host, ctx);
  }
  return hosts;
}

function hostOf(url: string): string | null {
  try {
    return normalHost(new URL(url).host);
  } catch {
    return null;
  }
}
