import { describe, expect, it } from 'vitest';
import { DecodeGate } from './decode-gate.ts';

/** A job the test finishes by hand, so that what runs at once is decided by the test, not by timing. */
function manual() {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  return { done, finish };
}

describe('DecodeGate', () => {
  it('runs at most its limit at once and queues the rest in order', async () => {
    const gate = new DecodeGate(2);
    const jobs = Array.from({ length: 5 }, () => manual());
    const started: number[] = [];
    const results = jobs.map((j, i) =>
      gate.run(async () => {
        started.push(i);
        expect(gate.active).toBeLessThanOrEqual(2);
        await j.done;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.waiting).toBe(3);
    jobs[1].finish();
    await results[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const j of jobs) j.finish();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(gate.peak).toBe(2);
    expect(gate.active).toBe(0);
    expect(gate.waiting).toBe(0);
  });

  it('gives the turn on when a job fails', async () => {
    const gate = new DecodeGate(1);
    const failing = gate.run(async () => {
      throw new Error('broken picture');
    });
    const next = gate.run(async () => 'next');
    await expect(failing).rejects.toThrow('broken picture');
    expect(await next).toBe('next');
    expect(gate.active).toBe(0);
  });

  it('refuses a limit below 1', () => {
    expect(() => new DecodeGate(0)).toThrow(RangeError);
  });
});
