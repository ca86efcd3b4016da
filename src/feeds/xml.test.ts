import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { el, xmlDocument } from './xml.ts';

/**
 * Reads a value back with libxml2 (xmllint, Debian libxml2-utils), a strict
 * parser: output that is not well-formed throws here.
 */
function readBack(xml: string, xpath: string): string {
  return execFileSync('xmllint', ['--xpath', `string(${xpath})`, '-'], { input: xml, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).replace(/\n$/, '');
}

/** A headline as an element's text and as an attribute, written and read back. */
function roundTrip(headline: string) {
  const xml = xmlDocument(el('item', { title: headline }, [el('title', {}, headline)]));
  return { xml, text: readBack(xml, '/item/title'), attr: readBack(xml, '/item/@title') };
}

describe('XML writer escaping', () => {
  it('writes the literal text &amp; so that a reader gets &amp; back, not &', () => {
    const r = roundTrip('Tom &amp; Jerry');
    expect(r.xml).toContain('<title>Tom &amp;amp; Jerry</title>');
    expect(r.text).toBe('Tom &amp; Jerry');
    expect(r.attr).toBe('Tom &amp; Jerry');
  });

  it('keeps &nbsp; as text instead of an entity XML does not declare', () => {
    const r = roundTrip('Prix&nbsp;Goncourt');
    expect(r.xml).toContain('<title>Prix&amp;nbsp;Goncourt</title>');
    expect(r.text).toBe('Prix&nbsp;Goncourt');
    expect(r.attr).toBe('Prix&nbsp;Goncourt');
  });

  it('escapes <, > and & in <jour 1> & « suite », and writes the guillemets as they are', () => {
    const r = roundTrip('<jour 1> & « suite »');
    expect(r.xml).toContain('<title>&lt;jour 1&gt; &amp; « suite »</title>');
    expect(r.text).toBe('<jour 1> & « suite »');
    expect(r.attr).toBe('<jour 1> & « suite »');
  });

  it('escapes double quotes in attribute values and reads both kinds of quote back', () => {
    const r = roundTrip(`Il a dit "oui" puis 'non'`);
    expect(r.xml).toContain(`title="Il a dit &quot;oui&quot; puis 'non'"`);
    expect(r.attr).toBe(`Il a dit "oui" puis 'non'`);
    expect(r.text).toBe(`Il a dit "oui" puis 'non'`);
  });

  it('drops the characters XML 1.0 cannot carry, and nothing beside them', () => {
    const r = roundTrip('nul\u0000 bell\u0007 vt\u000B esc\u001B fffe\uFFFE ffff\uFFFF hi\uD800gh lo\uDC00w emoji😀 del\u007F');
    const kept = 'nul bell vt esc fffe ffff high low emoji😀 del\u007F';
    expect(r.text).toBe(kept);
    expect(r.attr).toBe(kept);
  });

  it('keeps tabs and line breaks in attribute values, which a reader would otherwise turn into spaces', () => {
    const r = roundTrip('un\tdeux\ntrois');
    expect(r.xml).toContain('title="un&#9;deux&#10;trois"');
    expect(r.attr).toBe('un\tdeux\ntrois');
    expect(r.text).toBe('un\tdeux\ntrois');
  });

  it('escapes > so that ]]> in a text is only words', () => {
    const r = roundTrip('a ]]> b');
    expect(r.xml).toContain('<title>a ]]&gt; b</title>');
    expect(r.text).toBe('a ]]> b');
  });
});

describe('XML writer elements', () => {
  it('leaves out null and undefined attributes and empty children, and closes an element without content itself', () => {
    const node = el('entry', { a: 'x', b: null, c: undefined, n: 3 }, [el('id', {}, '1'), null, undefined, false, '', el('link', { href: '/a' })]);
    expect(node.xml).toBe('<entry a="x" n="3"><id>1</id><link href="/a"/></entry>');
  });

  it('writes a UTF-8 declaration before the root, and a text that is empty as an open and close tag', () => {
    expect(xmlDocument(el('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, [el('loc', {}, '')]))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><loc></loc></urlset>\n',
    );
  });
});
