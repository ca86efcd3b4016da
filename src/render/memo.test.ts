import { describe, expect, it } from 'vitest';
import { memoize } from './memo.ts';

describe('memoize', () => {
  it('computes each input once and stays bounded', () => {
    let calls = 0;
    const upper = memoize((s) => {
      calls++;
      return s.toUpperCase();
    }, 2);
    expect(upper('a')).toBe('A');
    expect(upper('a')).toBe('A');
    expect(calls).toBe(1);
    upper('b');
    upper('c'); // full: forgets a and b
    upper('a');
    expect(calls).toBe(4);
  });
});
