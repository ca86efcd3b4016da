/**
 * The change bus: named topics that carry small JSON messages between the
 * processes of a site. On one node it stays in the process; with REDIS_URL it
 * goes through Redis pub/sub to every node. Delivery is best effort: a message
 * may be lost while Redis is down, so what must not be lost also lives in the
 * database (the content version, the outbox), and the bus only makes it quick.
 */
export interface Bus {
  /** Sends a message to every subscriber of the topic, on this node and (with Redis) on the others. Never throws. */
  publish(topic: string, payload: unknown): Promise<void>;
  /** Calls `handler` with each message on the topic; answers a function that unsubscribes. */
  subscribe(topic: string, handler: (payload: unknown) => void): () => void;
  /** Whether messages reach other nodes right now (Redis configured and connected). */
  readonly shared: boolean;
  close(): Promise<void>;
}

/** Handlers by topic, shared by both buses for delivery inside the process. */
export class Subscribers {
  private readonly byTopic = new Map<string, Set<(payload: unknown) => void>>();

  constructor(private readonly onHandlerError: (err: unknown, topic: string) => void) {}

  /** Adds a handler; answers whether it is the topic's first. */
  add(topic: string, handler: (payload: unknown) => void): boolean {
    let set = this.byTopic.get(topic);
    const first = !set;
    if (!set) this.byTopic.set(topic, (set = new Set()));
    set.add(handler);
    return first;
  }

  /** Removes a handler; answers whether the topic has none left. */
  remove(topic: string, handler: (payload: unknown) => void): boolean {
    const set = this.byTopic.get(topic);
    if (!set) return false;
    set.delete(handler);
    if (set.size) return false;
    this.byTopic.delete(topic);
    return true;
  }

  topics(): string[] {
    return [...this.byTopic.keys()];
  }

  deliver(topic: string, payload: unknown): void {
    for (const h of this.byTopic.get(topic) ?? []) {
      try {
        h(payload);
      } catch (err) {
        this.onHandlerError(err, topic);
      }
    }
  }
}

/** The bus of a single node: messages never leave the process. */
export function memoryBus(log: { error(o: object, m: string): void }): Bus {
  const subs = new Subscribers((err, topic) => log.error({ err, topic }, 'bus subscriber failed'));
  return {
    shared: false,
    async publish(topic, payload) {
      // Later, not inside the publisher's call: the same order of events as with Redis.
      queueMicrotask(() => subs.deliver(topic, payload));
    },
    subscribe(topic, handler) {
      subs.add(topic, handler);
      return () => void subs.remove(topic, handler);
    },
    async close() {},
  };
}
