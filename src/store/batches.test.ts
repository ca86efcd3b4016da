import { describe, expect, it } from 'vitest';
import { inBatches, MAX_BOUND_VALUES, rowsPerStatement, slices } from './batches.ts';

describe('statement batches', () => {
  it('keeps every statement under the bound-value budget, whatever the row width', () => {
    for (const width of [1, 3, 17, 40, 999]) expect(rowsPerStatement(width) * width).toBeLessThanOrEqual(MAX_BOUND_VALUES);
    expect(rowsPerStatement(1)).toBe(1000);
    expect(rowsPerStatement(17)).toBe(588);
  });

  it('cuts a list into slices in order, the last one shorter', async () => {
    expect([...slices([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    const seen: number[] = [];
    const out = await inBatches(Array.from({ length: 2500 }, (_, i) => i), 1, async (s) => (seen.push(s.length), s.map((x) => x * 2)));
    expect(seen).toEqual([1000, 1000, 500]);
    expect(out[2499]).toBe(4998);
  });
});
