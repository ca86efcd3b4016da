import { describe, expect, it } from 'vitest';
import { cacheKey } from './reader.routes.ts';

describe('cacheKey', () => {
  it('keeps the page and a live’s order, in one spelling, and drops anything else', () => {
    expect(cacheKey('/fr/monde/x')).toBe('/fr/monde/x');
    expect(cacheKey('/fr/monde/x?utm_source=a')).toBe('/fr/monde/x');
    expect(cacheKey('/fr/monde/?page=2&utm_source=a')).toBe('/fr/monde/?page=2');
    expect(cacheKey('/fr/monde/x?page=2&utm=1&order=oldest')).toBe('/fr/monde/x?order=oldest&page=2');
    expect(cacheKey('/fr/monde/x?order=newest')).toBe('/fr/monde/x');
  });
  it('keeps the section a videos listing shows', () => {
    expect(cacheKey('/fr/videos?page=2&section=tv&utm_source=a')).toBe('/fr/videos?section=tv&page=2');
    expect(cacheKey('/fr/videos?section=t%20v')).toBe('/fr/videos?section=t%20v');
  });
});
