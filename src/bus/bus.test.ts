import { describe, expect, it } from 'vitest';
import { memoryBus } from './bus.ts';
import { fallbackCounters, memoryCounters, type Counters } from './counters.ts';

const quiet = { error() {} };

describe('memoryBus', () => {
  it('delivers a message to every subscriber of its topic, and none after they unsubscribe', async () => {
    const bus = memoryBus(quiet);
    const got: unknown[] = [];
    const off = bus.subscribe('live:1', (p) => got.push(['a', p]));
    bus.subscribe('live:1', (p) => got.push(['b', p]));
    bus.subscribe('live:2', (p) => got.push(['other', p]));
    await bus.publish('live:1', { n: 1 });
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual([
      ['a', { n: 1 }],
      ['b', { n: 1 }],
    ]);
    off();
    await bus.publish('live:1', { n: 2 });
    await new Promise((r) => setImmediate(r));
    expect(got.at(-1)).toEqual(['b', { n: 2 }]);
    expect(got).toHaveLength(3);
    expect(bus.shared).toBe(false);
  });

  it('keeps delivering to the others when a subscriber throws', async () => {
    const errors: unknown[] = [];
    const bus = memoryBus({ error: (o) => errors.push(o) });
    const got: unknown[] = [];
    bus.subscribe('t', () => {
      throw new Error('boom');
    });
    bus.subscribe('t', (p) => got.push(p));
    await bus.publish('t', 1);
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual([1]);
    expect(errors).toHaveLength(1);
  });
});

describe('memoryCounters', () => {
  it('counts hits in a window, starts a new one when it ends, gives back and forgets', async () => {
    const c = memoryCounters();
    const t0 = new Date('2026-12-07T10:00:00Z');
    expect(await c.hit('k', 60_000, t0)).toEqual({ count: 1, endsAt: t0.getTime() + 60_000 });
    expect((await c.hit('k', 60_000, new Date(t0.getTime() + 59_000))).count).toBe(2);
    await c.takeBack('k');
    expect((await c.hit('k', 60_000, t0)).count).toBe(2);
    const later = new Date(t0.getTime() + 60_000);
    expect(await c.hit('k', 60_000, later)).toEqual({ count: 1, endsAt: later.getTime() + 60_000 });
    await c.clear('k');
    expect((await c.hit('k', 60_000, later)).count).toBe(1);
  });

  it('keeps at most maxKeys windows, dropping ended ones first', async () => {
    const c = memoryCounters(3);
    const t0 = new Date('2026-12-07T10:00:00Z');
    await c.hit('old', 1000, t0);
    await c.hit('a', 60_000, t0);
    await c.hit('b', 60_000, t0);
    const t1 = new Date(t0.getTime() + 2000);
    await c.hit('c', 60_000, t1);
    // 'a' and 'b' are still counted: only the ended window went.
    expect((await c.hit('a', 60_000, t1)).count).toBe(2);
    expect((await c.hit('b', 60_000, t1)).count).toBe(2);
  });
});

describe('fallbackCounters', () => {
  it('counts in the fallback while the primary is down or failing, and in the primary otherwise', async () => {
    let up = true;
    const failing: Counters = {
      hit: async () => {
        throw new Error('Redis went away');
      },
      takeBack: async () => {},
      clear: async () => {},
    };
    const primary = memoryCounters();
    const fallback = memoryCounters();
    const now = new Date();
    const c = fallbackCounters(primary, fallback, () => up);
    await c.hit('k', 60_000, now);
    expect((await primary.hit('k', 60_000, now)).count).toBe(2);
    up = false;
    await c.hit('k', 60_000, now);
    expect((await fallback.hit('k', 60_000, now)).count).toBe(2);
    up = true;
    const broken = fallbackCounters(failing, fallback, () => up);
    expect((await broken.hit('k', 60_000, now)).count).toBe(3);
  });
});
