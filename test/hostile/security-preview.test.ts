import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEdition } from '../../src/content/edition.service.ts';
import { firstAdmin, type AdminClient } from '../admin-client.ts';
import { forEachDialect, makeDraft, startTestSite, type TestSite } from '../harness.ts';

const PASSWORD = 'correct horse battery';

forEachDialect('hostile: newsroom previews', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  beforeAll(async () => {
    site = await startTestSite(dialect, { schedulerMs: 0 });
    admin = await firstAdmin(site.url, PASSWORD, 'Ada');
  });
  afterAll(() => site.close());

  it('sends a preview with the reader pages’ CSP, no-store and noindex, a visible banner and no share block', async () => {
    const { article } = await admin.json('POST', '/api/admin/articles', makeDraft({ headline: 'Brouillon secret' }));
    const r = await admin.call('GET', `/api/admin/articles/${article.id}/preview`);
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("script-src 'self'");
    // The very header reader pages get.
    const reader = await fetch(`${site.url}/fr/`);
    expect(csp).toBe(reader.headers.get('content-security-policy'));
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-robots-tag')).toBe('noindex');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await r.text();
    expect(html).toContain('<h1>Brouillon secret</h1>');
    expect(html).toMatch(/<body><a class="skip-link"[^>]*>[^<]*<\/a><p class="page-banner" role="note">Aperçu — non publié<\/p>/);
    expect(html).not.toContain('class="share"');
    expect(html).not.toMatch(/facebook\.com\/sharer|twitter\.com\/intent|x\.com\/intent|linkedin\.com\/share|mailto:\?/);
    expect(html).toContain('<meta name="robots" content="noindex"/>');
  });

  it('says “Preview — not published” on an English-edition preview', async () => {
    await ensureEdition(site.app.store.db, { code: 'en', name: 'Depeche', timeZone: 'Europe/London', isDefault: false });
    const { article } = await admin.json('POST', '/api/admin/articles', makeDraft({ edition: 'en', section: 'world', headline: 'Secret draft' }));
    const html = await (await admin.call('GET', `/api/admin/articles/${article.id}/preview`)).text();
    expect(html).toContain('Preview — not published');
  });
});
