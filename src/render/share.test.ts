import { describe, expect, it } from 'vitest';
import { shareLinks } from './share.ts';

describe('shareLinks', () => {
  const links = shareLinks('https://news.example/fr/tv/a-b?x=1&y=2', 'Qui a dit « oui » & pourquoi ?', 'E-mail');
  const by = Object.fromEntries(links.map((l) => [l.network, new URL(l.href)]));

  it('offers the six networks', () => {
    expect(links.map((l) => l.network)).toEqual(['x', 'facebook', 'whatsapp', 'telegram', 'linkedin', 'email']);
  });
  it('encodes the URL and title so they survive a round trip', () => {
    expect(by.x.searchParams.get('url')).toBe('https://news.example/fr/tv/a-b?x=1&y=2');
    expect(by.x.searchParams.get('text')).toBe('Qui a dit « oui » & pourquoi ?');
    expect(by.facebook.searchParams.get('u')).toBe('https://news.example/fr/tv/a-b?x=1&y=2');
    expect(by.whatsapp.searchParams.get('text')).toBe('Qui a dit « oui » & pourquoi ? https://news.example/fr/tv/a-b?x=1&y=2');
    expect(by.telegram.searchParams.get('url')).toBe('https://news.example/fr/tv/a-b?x=1&y=2');
    expect(by.linkedin.searchParams.get('url')).toBe('https://news.example/fr/tv/a-b?x=1&y=2');
  });
  it('builds a mailto with subject and body', () => {
    const mail = links.find((l) => l.network === 'email')!.href;
    expect(mail.startsWith('mailto:?subject=')).toBe(true);
    expect(decodeURIComponent(mail.split('body=')[1])).toBe('Qui a dit « oui » & pourquoi ?\n\nhttps://news.example/fr/tv/a-b?x=1&y=2');
    expect(mail).not.toMatch(/[ &]pourquoi/);
  });
});
