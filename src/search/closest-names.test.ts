import { describe, expect, it } from 'vitest';
import { editDistance, nearness } from './closest-names.ts';

describe('closest names', () => {
  it('counts the letters to change', () => {
    expect(editDistance('diplomatie', 'diplomatie')).toBe(0);
    expect(editDistance('diplomatei', 'diplomatie')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('chat', 'chats')).toBe(1);
  });

  it('measures a name by its nearest word, accents folded', () => {
    expect(nearness('negotiasions', 'Négociations')).toBeCloseTo(2 / 12);
    expect(nearness('roussel', 'Martine Roussel')).toBe(0);
    expect(nearness('xylophone', 'Diplomatie')).toBeGreaterThan(0.5);
  });
});
