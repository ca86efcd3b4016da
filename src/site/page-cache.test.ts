import { describe, expect, it } from 'vitest';
import { notModified, PageCache } from './page-cache.ts';

describe('PageCache', () => {
  it('keeps encoded bytes with a strong ETag that changes with the body', () => {
    const c = new PageCache(true);
    const a = c.put('/a', 200, '<p>é</p>');
    expect(a.body.equals(Buffer.from('<p>é</p>'))).toBe(true);
    expect(c.get('/a')).toBe(a);
    expect(c.put('/b', 200, '<p>e</p>').etag).not.toBe(a.etag);
  });
  it('forgets everything on clear', () => {
    const c = new PageCache(true);
    c.put('/a', 200, 'x');
    c.clear();
    expect(c.get('/a')).toBeUndefined();
  });
  it('drops by surrogate key just the pages that carry one, and pages kept without keys', () => {
    const c = new PageCache(true);
    const keyed = (keys: string) => ({ headers: { 'content-type': 'text/html', 'surrogate-key': keys } });
    c.put('/live', 200, 'l', keyed('a1 s1 e-fr all'));
    const other = c.put('/other', 200, 'o', keyed('a2 s2 e-fr all'));
    c.put('/home', 200, 'h', keyed('home-fr a1 a2 e-fr all'));
    c.put('/gone', 404, 'g', keyed('miss all'));
    c.put('/bare', 200, 'b');
    expect(c.purge(['a1', 'miss'])).toBe(4);
    expect(c.get('/live')).toBeUndefined();
    expect(c.get('/home')).toBeUndefined();
    expect(c.get('/gone')).toBeUndefined();
    expect(c.get('/bare')).toBeUndefined();
    expect(c.get('/other')).toBe(other);
    expect(c.size).toBe(1);
  });
  it('forgets the keys of a replaced or evicted page', () => {
    const c = new PageCache(true, 2);
    c.put('/a', 200, 'x', { headers: { 'surrogate-key': 'a1' } });
    const a = c.put('/a', 200, 'y', { headers: { 'surrogate-key': 'a2' } });
    c.purge(['a1']);
    expect(c.get('/a')).toBe(a);
    c.put('/b', 200, 'b', { headers: { 'surrogate-key': 'a1' } });
    c.put('/c', 200, 'c', { headers: { 'surrogate-key': 'a3' } });
    expect(c.get('/a')).toBeUndefined();
    // /a was evicted: purging its key leaves the others.
    expect(c.purge(['a2'])).toBe(0);
    expect(c.size).toBe(2);
  });
  it('expires entries after their time to live', () => {
    let now = 0;
    const c = new PageCache(true, 10, 1000, () => now);
    c.put('/a', 200, 'x');
    now = 999;
    expect(c.get('/a')).toBeDefined();
    now = 1001;
    expect(c.get('/a')).toBeUndefined();
  });
  it('still gives an expired entry as stale until it is replaced or cleared', () => {
    let now = 0;
    const c = new PageCache(true, 10, 1000, () => now);
    const a = c.put('/a', 200, 'x');
    now = 5000;
    expect(c.get('/a')).toBeUndefined();
    expect(c.stale('/a')).toBe(a);
    const b = c.put('/a', 200, 'y');
    expect(c.stale('/a')).toBe(b);
    c.clear();
    expect(c.stale('/a')).toBeUndefined();
  });
  it('drops the oldest entry when full', () => {
    const c = new PageCache(true, 2);
    c.put('/1', 200, '1');
    c.put('/2', 200, '2');
    c.put('/3', 200, '3');
    expect(c.get('/1')).toBeUndefined();
    expect(c.get('/3')).toBeDefined();
  });
  it('stores nothing when disabled but still encodes', () => {
    const c = new PageCache(false);
    expect(c.put('/a', 200, 'x').body.toString()).toBe('x');
    expect(c.get('/a')).toBeUndefined();
  });
  it('keeps the headers a page is sent with, in order, and adds ETag, Last-Modified and Content-Length', () => {
    const c = new PageCache(true);
    const p = c.put('/feed', 200, 'é', { headers: { 'content-type': 'text/xml', 'surrogate-key': 'home edition-fr' }, lastModified: Date.UTC(2026, 10, 22, 14, 40) });
    expect(p.headers).toEqual({ 'content-type': 'text/xml', 'surrogate-key': 'home edition-fr', etag: p.etag, 'last-modified': 'Sun, 22 Nov 2026 14:40:00 GMT' });
    expect(p.wire).toEqual(['content-type', 'text/xml', 'surrogate-key', 'home edition-fr', 'etag', p.etag, 'last-modified', 'Sun, 22 Nov 2026 14:40:00 GMT', 'content-length', '2']);
    expect(p.wire304).toEqual(p.wire.slice(0, -2));
  });
  it('tells a current copy by If-None-Match (lists, weak tags, *) before If-Modified-Since', () => {
    const page = { etag: '"abc"', lastModified: Date.UTC(2026, 0, 1, 12, 0, 0, 500) };
    expect(notModified(page, '"abc"', undefined)).toBe(true);
    expect(notModified(page, '"x", W/"abc"', undefined)).toBe(true);
    expect(notModified(page, '*', undefined)).toBe(true);
    expect(notModified(page, '"x"', 'Thu, 01 Jan 2099 00:00:00 GMT')).toBe(false);
    expect(notModified(page, undefined, 'Thu, 01 Jan 2026 12:00:00 GMT')).toBe(true);
    expect(notModified(page, undefined, 'Thu, 01 Jan 2026 11:59:59 GMT')).toBe(false);
    expect(notModified({ etag: '"abc"' }, undefined, 'Thu, 01 Jan 2099 00:00:00 GMT')).toBe(false);
  });
});
