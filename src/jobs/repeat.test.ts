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
