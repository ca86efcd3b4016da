import { expect, it } from 'vitest';
import { ValidationFailed } from '../errors.ts';
import { localPathFrom } from './figures.ts';
import { shortcodes, wxrToArticles } from './wordpress.ts';

const ctx = { edition: 'fr', exists: () => false };

it('refuses a document with a DOCTYPE before parsing it', () => {
  expect(() => wxrToArticles('<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><rss/>', 'x.xml', ctx)).toThrow(ValidationFailed);
});

it('keeps bracketed prose and removes real shortcodes, reporting them', () => {
  const notes: { field: string; message: string }[] = [];
  expect(shortcodes('Il a dit [sic] puis [audio src="a.mp3"] et [embed]https://v.example[/embed]', notes)).toBe('Il a dit [sic] puis  et https://v.example');
  expect(notes.map((n) => n.message)).toEqual(['shortcode [audio] not mapped; removed, its inner text kept', 'shortcode [embed] not mapped; removed, its inner text kept']);
});

it('maps an uploads URL to a local path and never escapes the folder', () => {
  expect(localPathFrom('https://x.example/wp-content/uploads/2026/03/a%20b.jpg', /\/wp-content\/uploads\//, 'uploads/')).toBe('uploads/2026/03/a b.jpg');
  expect(localPathFrom('https://x.example/wp-content/uploads/..%2F..%2Fetc/passwd', /\/wp-content\/uploads\//, 'uploads/')).toBeUndefined();
});
