import { describe, expect, it } from 'vitest';
import { isSafeHref, SafeHref } from './blocks.ts';

describe('body links', () => {
  const accepted = [
    '/fr/tv/un-article',
    '/fr/tv/un-article?page=2#suite',
    '/',
    '/./fr/../en/',
    '/%5Cevil.example/',
    'https://example.org/a?b=c',
    'HTTP://example.org',
    'mailto:redaction@example.org',
  ];
  const refused: Array<[string, string]> = [
    ['/\\evil.example/', 'a backslash a browser reads as a slash'],
    ['\\\\evil.example/', 'two backslashes'],
    ['/\\/evil.example', 'slash, backslash, slash'],
    ['//evil.example/', 'a scheme-relative address'],
    ['/\t/evil.example', 'a tab a browser strips, leaving //'],
    ['/\n/evil.example', 'a newline a browser strips, leaving //'],
    ['/\r/evil.example', 'a carriage return'],
    ['/\u0000x', 'a NUL'],
    ['/a b', 'a space'],
    ['/a\u00a0b', 'a no-break space'],
    ['java\tscript:alert(1)', 'a tab inside the scheme'],
    ['javascript:alert(1)', 'a script address'],
    ['JaVaScRiPt:alert(1)', 'a script address in mixed case'],
    ['data:text/html,<b>x</b>', 'a data address'],
    ['https:evil.example', 'http(s) without the two slashes'],
    ['https:/evil.example', 'http(s) with one slash'],
    ['https:///evil.example', 'http(s) with three slashes'],
    ['https://', 'no host'],
    ['ht\ttps://evil.example', 'a tab inside the scheme of an absolute address'],
    ['https://ev\nil.example', 'a newline inside the host'],
    ['mailto:', 'an empty mailto'],
    ['evil.example', 'a bare host name'],
    ['#top', 'a fragment alone'],
    ['?q=1', 'a query alone'],
    ['', 'nothing'],
  ];

  it.each(accepted)('accepts %j', (href) => {
    expect(isSafeHref(href)).toBe(true);
    expect(SafeHref.safeParse(href).success).toBe(true);
  });

  it.each(refused)('refuses %j (%s)', (href) => {
    expect(isSafeHref(href)).toBe(false);
    expect(SafeHref.safeParse(href).success).toBe(false);
  });

  it('the accepted paths stay on the page’s own origin, whatever the page', () => {
    for (const base of ['https://news.example/fr/tv/x', 'http://127.0.0.1:3000/']) {
      for (const href of accepted.filter((h) => h.startsWith('/'))) expect(new URL(href, base).origin).toBe(new URL(base).origin);
    }
  });
});
