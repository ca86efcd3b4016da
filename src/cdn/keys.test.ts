import { describe, expect, it } from 'vitest';
import { cdnContract } from './contract.ts';
import { capKeys, joinKeys, key, keyHeaders, MAX_KEY_HEADER_BYTES, SITE_KEY } from './keys.ts';
import { listKeys } from './page-keys.ts';

describe('surrogate keys', () => {
  it('names things with short tokens', () => {
    expect([key.article(123), key.section(4), key.tag(56), key.person(7), key.author(2), key.edition('fr'), key.home('fr')]).toEqual(['a123', 's4', 't56', 'p7', 'u2', 'e-fr', 'home-fr']);
  });

  it('gives a list its own key, the edition, the site, then each article and its picture', () => {
    const k = listKeys('fr', key.section(4), [{ id: 1, image: { id: 9 } }, { id: 2, image: null }]);
    expect(capKeys(k)).toEqual(['s4', 'e-fr', 'all', 'a1', 'm9', 'a2']);
  });

  it('falls back to the edition’s any-article key when the listed keys would pass the header limit', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ id: 100_000 + i }));
    const keys = capKeys(listKeys('fr', key.home('fr'), many));
    expect(keys).toEqual(['home-fr', 'e-fr', 'all', 'ea-fr']);
    const fits = Array.from({ length: 50 }, (_, i) => ({ id: i + 1 }));
    expect(capKeys(listKeys('fr', key.home('fr'), fits))).toHaveLength(53);
  });

  it('never sends a header longer than the limit, down to the site key alone', () => {
    const own = Array.from({ length: 2000 }, (_, i) => `e-edition${i}`);
    expect(capKeys({ own })).toEqual([SITE_KEY]);
    const keys = capKeys({ own: ['x'], listed: Array.from({ length: 3000 }, (_, i) => `a${i}`), fallback: 'ea-fr' });
    expect(keys.join(' ').length).toBeLessThanOrEqual(MAX_KEY_HEADER_BYTES);
  });

  it('keeps a list exactly at the limit and drops one byte over it', () => {
    const listed = ['a'.repeat(10), 'b'.repeat(10)];
    expect(capKeys({ own: ['o'], listed, fallback: 'f' }, 1 + 1 + 10 + 1 + 10)).toEqual(['o', ...listed]);
    expect(capKeys({ own: ['o'], listed, fallback: 'f' }, 1 + 1 + 10 + 1 + 10 - 1)).toEqual(['o', 'f']);
  });

  it('sends Surrogate-Key always, and xkey (spaces) or Cache-Tag (commas) as configured', () => {
    expect(keyHeaders(['a1', 's2'], 'surrogate-key')).toEqual({ 'surrogate-key': 'a1 s2' });
    expect(keyHeaders(['a1', 's2'], 'xkey')).toEqual({ 'surrogate-key': 'a1 s2', xkey: 'a1 s2' });
    expect(keyHeaders(['a1', 's2'], 'cache-tag')).toEqual({ 'surrogate-key': 'a1 s2', 'cache-tag': 'a1,s2' });
  });

  it('stores keys deduplicated and sorted', () => {
    expect(joinKeys(['s2', 'a1', 's2'])).toBe('a1 s2');
  });
});

describe('the CDN contract', () => {
  it('lets a purged CDN keep pages a day, an unpurged one a minute, and serve them stale a day on errors', () => {
    const purged = cdnContract({ purging: true, keyHeader: 'surrogate-key' });
    expect(purged.cacheControl.page).toBe('public, max-age=30, s-maxage=86400, stale-while-revalidate=60, stale-if-error=86400');
    expect(purged.cacheControl.sitemap).toBe('public, max-age=300, s-maxage=86400, stale-while-revalidate=60, stale-if-error=86400');
    const plain = cdnContract({ purging: false, keyHeader: 'surrogate-key' });
    expect(plain.cacheControl.page).toBe('public, max-age=30, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400');
    expect(plain.cacheControl.sitemap).toMatch(/^public, max-age=300, s-maxage=300,/);
  });

  it('keeps 404 pages briefly, named by the miss key every change purges', () => {
    const c = cdnContract({ purging: true, keyHeader: 'xkey' });
    expect(c.cacheControl.miss).toBe('public, max-age=10, s-maxage=30');
    expect(c.missHeaders).toEqual({ 'surrogate-key': 'miss all', xkey: 'miss all' });
  });

  it('keeps search answers five minutes at most on a purged CDN, a minute on another', () => {
    expect(cdnContract({ purging: true, keyHeader: 'surrogate-key' }).cacheControl.search).toBe('public, max-age=30, s-maxage=300, stale-while-revalidate=30');
    expect(cdnContract({ purging: false, keyHeader: 'surrogate-key' }).cacheControl.search).toBe('public, max-age=30, s-maxage=60, stale-while-revalidate=30');
    expect(cdnContract({ purging: true, keyHeader: 'surrogate-key', sharedMaxAge: 86_400 }).cacheControl.search).toMatch(/ s-maxage=300,/);
    expect(cdnContract({ purging: true, keyHeader: 'surrogate-key', sharedMaxAge: 20 }).cacheControl.search).toMatch(/^public, max-age=20, s-maxage=20,/);
  });
});
