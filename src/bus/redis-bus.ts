import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Subscribers, type Bus } from './bus.ts';
import type { RedisLink } from './redis-link.ts';

/** What goes on the wire: the sending node (which has delivered it to itself already) and the message. */
interface Envelope {
  from: string;
  payload: unknown;
}

/**
 * The bus across nodes, over Redis pub/sub. A message reaches this node's own
 * subscribers at once, and the others through Redis; while Redis is away it
 * reaches this node only, and the database poll carries content changes.
 */
export function redisBus(link: RedisLink, log: { error(o: object, m: string): void }): Bus {
  const node = randomUUID();
  const subs = new Subscribers((err, topic) => log.error({ err, topic }, 'bus subscriber failed'));
  const channel = (topic: string) => link.key(`bus:${topic}`);
  const prefix = link.key('bus:');
  link.listener.on('message', (ch: string, text: string) => {
    if (!ch.startsWith(prefix)) return;
    let env: Envelope;
    try {
      env = JSON.parse(text);
    } catch {
      return;
    }
    if (env.from === node) return;
    subs.deliver(ch.slice(prefix.length), env.payload);
  });
  return {
    get shared() {
      return link.ready;
    },
    async publish(topic, payload) {
      queueMicrotask(() => subs.deliver(topic, payload));
      if (!link.ready) return;
      try {
        await link.commands.publish(channel(topic), JSON.stringify({ from: node, payload } satisfies Envelope));
      } catch {
        // Redis went away meanwhile: the link reports the outage; other nodes catch up by their poll.
      }
    },
    subscribe(topic, handler) {
      if (subs.add(topic, handler)) link.listener.subscribe(channel(topic)).catch(() => {});
      return () => {
        if (subs.remove(topic, handler)) link.listener.unsubscribe(channel(topic)).catch(() => {});
      };
    },
    async close() {},
  };
}

/**
 * One message from a short-lived process (a `depeche` command): connects,
 * publishes, leaves. Answers false when Redis could not be reached; the nodes'
 * poll then carries the change.
 */
export async function publishOnce(url: string, prefix: string, topic: string, payload: unknown): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2000, commandTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.publish(`${prefix}bus:${topic}`, JSON.stringify({ from: `cli-${process.pid}`, payload } satisfies Envelope));
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
