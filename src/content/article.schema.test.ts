import { describe, expect, it } from 'vitest';
import { parseArticle } from './article.schema.ts';
import { parseEmbed } from './blocks.ts';

const base = { edition: 'fr', section: 'tv', headline: 'Titre', status: 'published', publishedAt: '2026-11-20T09:30:00Z' };
const issues = (value: unknown) => {
  const r = parseArticle(value);
  return r.ok ? [] : r.issues.map((i) => `${i.field}: ${i.message}`);
};

describe('article validation', () => {
  it('accepts the documented shape', () => {
    expect(issues({ ...base, body: [{ type: 'paragraph', text: 'x' }], source: { name: 'Agence', url: 'https://example.org' } })).toEqual([]);
  });
  it('names the path of a missing speaker name', () => {
    expect(issues({ ...base, body: [{ type: 'paragraph', text: 'a' }, { type: 'quote', text: 'q', speaker: { role: 'r' } }] })).toEqual(['body[1].speaker.name: required']);
  });
  it('names an unknown block type and unknown fields', () => {
    expect(issues({ ...base, body: [{ type: 'html', html: '<b>' }] })[0]).toMatch(/^body\[0\]\.type: unknown block type; expected one of paragraph, heading, figure/);
    expect(issues({ ...base, body: [{ type: 'heading', text: 'x', level: 3 }] })).toEqual(['body[0].level: unknown field level']);
  });
  it('requires alt text unless the image is decorative', () => {
    expect(issues({ ...base, lead: { image: 'a.jpg', alt: '' } })).toEqual(['lead.alt: required (or mark the image decorative)']);
    expect(issues({ ...base, lead: { image: 'a.jpg', alt: '', decorative: true } })).toEqual([]);
  });
  it('refuses javascript: links and bad URLs', () => {
    expect(issues({ ...base, body: [{ type: 'paragraph', content: [{ text: 'x', href: 'javascript:alert(1)' }] }] })).toEqual([
      'body[0].content[0].href: expected an http(s)://, mailto: or /relative link',
    ]);
    expect(issues({ ...base, source: { name: 'A', url: 'ftp://x' } })[0]).toMatch(/^source\.url: expected/);
  });
  it('requires a publication time for a published article and a valid date', () => {
    expect(issues({ ...base, publishedAt: undefined })).toEqual(['publishedAt: required when status is published']);
    expect(issues({ ...base, publishedAt: '20/11/2026' })).toEqual(['publishedAt: expected an ISO 8601 date-time such as 2026-11-20T09:30:00Z']);
  });
  it('refuses an embed from a provider not on the allow-list', () => {
    expect(issues({ ...base, body: [{ type: 'embed', url: 'https://evil.example/x' }] })).toEqual([
      'body[0].url: expected a YouTube, Vimeo or Dailymotion video URL',
    ]);
  });
  it('refuses a paragraph with both text and content, or neither', () => {
    expect(issues({ ...base, body: [{ type: 'paragraph' }] })).toEqual(['body[0].text: give either text or content']);
  });
});

describe('parseEmbed', () => {
  it('knows YouTube, Vimeo and Dailymotion', () => {
    expect(parseEmbed('https://youtu.be/abcdefghijk')?.playerUrl).toBe('https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1');
    expect(parseEmbed('https://www.dailymotion.com/video/x8abcd')?.provider).toBe('dailymotion');
    expect(parseEmbed('https://www.youtube.com/watch?v=short')).toBeNull();
    expect(parseEmbed('javascript:alert(1)')).toBeNull();
  });
});

describe('validation messages', () => {
  it('says "required" only for a missing value, and names the expected type otherwise', () => {
    expect(issues({ ...base, headline: undefined })).toEqual(['headline: required']);
    expect(issues({ ...base, headline: 42 })[0]).toMatch(/^headline: .*expected string/);
  });
});
