import { expect, it } from 'vitest';
import { ValidationFailed } from '../errors.ts';
import { localPathFrom } from './figures.ts';
import { shortcodes, wxrToArticles } from './wordpress.ts';

const ctx = { edition: 'fr', timeZone: 'Europe/Paris', exists: () => false };

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

const wxr = (items: string, decl = '<?xml version="1.0" encoding="UTF-8"?>') => `${decl}
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel>${items}</channel></rss>`;
const post = (id: number, fields: string) => `<item><title>Article ${id}</title><wp:post_id>${id}</wp:post_id><wp:post_name>article-${id}</wp:post_name><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>${fields}</item>`;

it('reads a WXR in the ISO-8859-1 it declares, and says so', () => {
  const bytes = Buffer.from(wxr(post(1, '<content:encoded><![CDATA[<p>Un café.</p>]]></content:encoded><wp:post_date_gmt>2026-03-01 10:00:00</wp:post_date_gmt>'), '<?xml version="1.0" encoding="ISO-8859-1"?>'), 'latin1');
  const r = wxrToArticles(bytes, 'x.xml', ctx);
  expect(r.plans[0].article.body).toEqual([{ type: 'paragraph', text: 'Un café.' }]);
  expect(r.notes).toContainEqual({ field: 'x.xml', message: 'read as ISO-8859-1, the encoding the file declares' });
  expect(() => wxrToArticles(Buffer.from(wxr('', '<?xml version="1.0" encoding="x-klingon"?>')), 'x.xml', ctx)).toThrow(/declares the encoding "x-klingon"/);
});

it('accepts a post quoting <!DOCTYPE html> in its CDATA, and still refuses a DTD of the document', () => {
  const r = wxrToArticles(wxr(post(2, '<content:encoded><![CDATA[<p>Écrivez <code><!DOCTYPE html></code> en tête.</p><!-- <!ENTITY x "y"> -->]]></content:encoded><wp:post_date_gmt>2026-03-01 10:00:00</wp:post_date_gmt>')), 'x.xml', ctx);
  expect(r.plans).toHaveLength(1);
  expect(r.plans[0].article.body).toEqual([{ type: 'paragraph', text: 'Écrivez en tête.' }]); // the declaration is markup of the post, not text
  expect(() => wxrToArticles(wxr('').replace('<rss', '<!DOCTYPE rss [<!ENTITY a "b">]>\n<rss'), 'x.xml', ctx)).toThrow(ValidationFailed);
  expect(() => wxrToArticles(wxr('<!-- note --><!ENTITY a "b">'), 'x.xml', ctx)).toThrow(ValidationFailed);
});

it('falls back to post_date in the site time zone when post_date_gmt is broken, and reports it', () => {
  const r = wxrToArticles(wxr(post(3, '<wp:post_date>2026-07-14 12:30:00</wp:post_date><wp:post_date_gmt>2026-02-31 99:00:00</wp:post_date_gmt>') + post(4, '<wp:post_date>jamais</wp:post_date><wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>')), 'x.xml', ctx);
  expect(r.plans[0].article).toMatchObject({ status: 'published', publishedAt: '2026-07-14T10:30:00.000Z' }); // Paris is UTC+2 in July
  expect(r.plans[0].notes).toContainEqual({ field: 'wp:post_date_gmt', message: `"2026-02-31 99:00:00" is not a date; wp:post_date read in the site's time zone (Europe/Paris)` });
  expect(r.plans[1].article.status).toBe('draft');
  expect(r.plans[1].notes.map((n) => n.message)).toEqual(expect.arrayContaining(['published post without a usable date imported as a draft']));
});

it("keeps a missing picture's caption and credit as text, and reports it", () => {
  const att = `<item><title>jetee</title><wp:post_id>9</wp:post_id><wp:post_type>attachment</wp:post_type><wp:attachment_url>https://old.example/wp-content/uploads/2026/03/jetee.jpg</wp:attachment_url><excerpt:encoded><![CDATA[La jetée au matin.]]></excerpt:encoded><wp:postmeta><wp:meta_key>_credit</wp:meta_key><wp:meta_value>Photo Loïc Garrec</wp:meta_value></wp:postmeta></item>`;
  const body = '<p>Avant.</p><figure><img src="https://old.example/wp-content/uploads/2026/03/jetee-300x200.jpg" alt="La jetée"><figcaption>La jetée, <em>rouverte</em>.</figcaption></figure>';
  const r = wxrToArticles(wxr(att + post(5, `<content:encoded><![CDATA[${body}]]></content:encoded><wp:post_date_gmt>2026-03-01 10:00:00</wp:post_date_gmt><wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>9</wp:meta_value></wp:postmeta>`)), 'x.xml', ctx);
  expect(r.plans[0].article.body).toEqual([
    { type: 'paragraph', text: 'La jetée au matin. — Photo Loïc Garrec' },
    { type: 'paragraph', text: 'Avant.' },
    { type: 'paragraph', text: 'La jetée, rouverte. — Photo Loïc Garrec' },
  ]);
  const messages = r.plans[0].notes.map((n) => n.message).join('\n');
  expect(messages).toContain('picture https://old.example/wp-content/uploads/2026/03/jetee-300x200.jpg not imported (no file at uploads/2026/03/jetee-300x200.jpg); its caption and credit kept as a paragraph of text');
  expect(messages).toContain('featured image; no file at');
});

it('turns [caption] shortcodes into figures in one pass, leaving unclosed ones as text', () => {
  const notes: { field: string; message: string }[] = [];
  expect(shortcodes('a [caption id="1"]<img src="x.jpg"> Légende[/caption] b [caption] c', notes)).toBe('a <figure><img src="x.jpg"><figcaption>Légende</figcaption></figure> b [caption] c');
  const many = '[caption '.repeat(50_000) + '[a '.repeat(50_000);
  expect(shortcodes(many, [])).toBe(many);
});
