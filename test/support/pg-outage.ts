import net from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_POSTGRES_URL } from '../harness.ts';

/**
 * A PostgreSQL database of the test's own, so that terminating "the site's
 * backends" touches no other test file's connections (they share `test`).
 */
export async function ownDatabase(): Promise<{ name: string; url: string; terminate(): Promise<number>; query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>; drop(): Promise<void> }> {
  const name = `depeche_fault_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const inside = new pg.Client({ connectionString: url.toString() });
  await inside.connect();
  // This test's own clients must not die with the site's.
  inside.on('error', () => {});
  admin.on('error', () => {});
  return {
    name,
    url: url.toString(),
    /** Terminates every backend of this database but the test's own: what a failover or a PgBouncer restart does. */
    async terminate() {
      const r = await admin.query(`select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> $2`, [name, (inside as any).processID]);
      return r.rows.filter((x) => x.ok).length;
    },
    async query(text, values) {
      return (await inside.query(text, values)).rows;
    },
    async drop() {
      await inside.end().catch(() => {});
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * A TCP proxy in front of PostgreSQL that a test can cut (live connections are
 * destroyed, new ones closed at once) and restore: the database "unreachable
 * for a few seconds" without touching the server.
 */
export class TcpProxy {
  private server = net.createServer((client) => this.accept(client));
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private down = false;
  /** Connections turned away while cut: how many times the app tried. */
  refused = 0;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  /** The URL of `databaseUrl` through this proxy. */
  url(databaseUrl: string): string {
    const u = new URL(databaseUrl);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  private accept(client: net.Socket) {
    client.on('error', () => {});
    if (this.down) {
      this.refused++;
      client.destroy();
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    const pair: [net.Socket, net.Socket] = [client, upstream];
    this.pairs.add(pair);
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** The database becomes unreachable: open connections break, new ones are closed at once. */
  cut(): void {
    this.down = true;
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
