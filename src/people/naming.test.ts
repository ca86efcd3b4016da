import { describe, expect, it } from 'vitest';
import { asciiPath } from './naming.ts';

describe('the address of a redirect to a renamed name', () => {
  it('percent-encodes letters outside ASCII and keeps what is already encoded', () => {
    expect(asciiPath('/ar/topic/بيروت')).toBe('/ar/topic/%D8%A8%D9%8A%D8%B1%D9%88%D8%AA');
    expect(asciiPath('/ar/topic/%D8%A8')).toBe('/ar/topic/%D8%A8');
    expect(asciiPath('/fr/sujet/diplomatie-mondiale')).toBe('/fr/sujet/diplomatie-mondiale');
  });
});
