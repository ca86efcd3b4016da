import { expect, it } from 'vitest';
import { ghostToArticles } from './ghost.ts';

const ctx = { edition: 'fr', timeZone: 'Europe/Paris', exists: () => false };
const exportOf = (post: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
  JSON.stringify({ db: [{ data: { posts: [{ id: '1', title: 'Titre', slug: 'titre', status: 'published', published_at: '2026-03-01T10:00:00.000Z', html: '<p>Corps.</p>', ...post }], posts_meta: [{ post_id: '1', ...meta }] } }] });

it('cuts a 250-character meta_title to 200 with a report line instead of refusing the import', () => {
  const r = ghostToArticles(exportOf({}, { meta_title: 'T'.repeat(250) }), 'g.json', ctx);
  const seo = r.plans[0].article.seo as { title: string };
  expect(seo.title.length).toBeLessThanOrEqual(200);
  expect(r.plans[0].notes).toContainEqual({ field: 'meta_title', message: 'longer than 200 characters; cut' });
});

it("keeps a missing feature image's caption as text, and reports it", () => {
  const r = ghostToArticles(exportOf({ feature_image: '__GHOST_URL__/content/images/2026/03/a.jpg', feature_image_caption: 'Le <b>port</b> au matin' }), 'g.json', ctx);
  expect(r.plans[0].article.body).toEqual([{ type: 'paragraph', text: 'Le port au matin' }, { type: 'paragraph', text: 'Corps.' }]);
  expect(r.plans[0].notes.map((n) => n.message).join('\n')).toContain('its caption kept as a paragraph of text');
});

it('imports a post with a broken published_at from created_at, reported', () => {
  const r = ghostToArticles(exportOf({ published_at: 'hier', created_at: '2026-02-01T08:00:00.000Z' }), 'g.json', ctx);
  expect(r.plans[0].article).toMatchObject({ status: 'published', publishedAt: '2026-02-01T08:00:00.000Z' });
  expect(r.plans[0].notes).toContainEqual({ field: 'published_at', message: '"hier" is not a date; created_at used' });
});
