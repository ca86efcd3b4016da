import { describe, expect, it } from 'vitest';
import { repeat } from './repeat.ts';

describe('repeat', () => {
  it('runs passes one after another, keeps going after a failure, and stops', async () => {
    const seen: string[] = [];
    let n = 0;
    const job = repeat(
      async () => {
        n++;
        seen.push(`start ${n}`);
        if (n === 2) throw new Error('boom');
        await new Promise((r) => setTimeout(r, 5));
        seen.push(`end ${n}`);
      },
      1,
      (err) => seen.push(`error ${(err as Error).message}`),
    );
    await expect.poll(() => n, { timeout: 2000 }).toBeGreaterThanOrEqual(3);
    job.stop();
    const at = n;
    await new Promise((r) => setTimeout(r, 30));
    expect(n).toBeLessThanOrEqual(at + 1);
    expect(seen.slice(0, 5)).toEqual(['start 1', 'end 1', 'start 2', 'error boom', 'start 3']);
  });
});

describe('repeat, when a pass says more work waits', () => {
  it('runs the next pass at once, goes back to the interval when the work is done, and stop() waits for the pass in flight', async () => {
    let n = 0;
    let finished = 0;
    // An hour between passes: only "more work" can bring the second and third pass.
    const job = repeat(
      async () => {
        n++;
        await new Promise((r) => setTimeout(r, 5));
        finished++;
        return n < 3;
      },
      3_600_000,
      () => {},
    );
    await expect.poll(() => n, { timeout: 2000 }).toBe(3);
    await job.stop();
    expect(finished).toBe(3);
    await new Promise((r) => setTimeout(r, 20));
    expect(n).toBe(3);
  });
});
