import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../test/admin-client.ts';
import { jpegWithIptc } from '../test/iptc-fixture.ts';
import { ADMIN, CONTRIBUTOR, JOURNEY_MS, OTHER_CONTRIBUTOR, PASSWORD, newsroomJourneys } from './newsroom-harness.ts';
import { ArticleEditorPage, PublicationPanel, SocialImageField, VersionsPanel } from './pages/newsroom.page.ts';

/**
 * The newsroom's gaps, closed, in Chromium: the social image (seo.image) picked
 * from the library in the metadata panel, two versions compared in the versions
 * panel, the server's refusals in French, and no "submit for review" on someone
 * else's article. Accounts and articles are made through the API.
 */

const nr = newsroomJourneys();
const { newPage, signedIn, api, expectNoAxeViolations } = nr;

function articleInput(headline: string, section: string, paragraph = 'Premier paragraphe.'): Record<string, unknown> {
  return { edition: 'fr', section, headline, standfirst: 'Un chapô.', body: [{ type: 'paragraph', text: paragraph }] };
}

beforeAll(async () => {
  const setup = await adminClient(nr.site.url).call('POST', '/api/admin/setup', { ...ADMIN, password: PASSWORD });
  expect(setup.status).toBe(201);
  const admin = await api(ADMIN.email);
  for (const u of [CONTRIBUTOR, OTHER_CONTRIBUTOR]) await admin.json('POST', '/api/admin/users', { ...u, role: 'contributor', password: PASSWORD });
});

describe('newsroom gaps in Chromium', () => {
  it(
    'picks the social image from the media library, shows it, saves it as seo.image, then removes it',
    async () => {
      const contributor = await api(CONTRIBUTOR.email);
      const form = new FormData();
      const jpeg = await jpegWithIptc({ caption: 'Le pont au crépuscule', credit: 'Photo Agence Méridien' }, { color: '#335577' });
      form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'partage.jpg');
      const media = await contributor.json('POST', '/api/admin/media', form);
      const mediaId: number = media.media?.id ?? media.id;
      const { article } = await contributor.json('POST', '/api/admin/articles', { ...articleInput('Un pont rouvert après deux ans de travaux', 'societe'), seo: { title: 'Le pont rouvert' } });
      const seoOf = async () => (await contributor.json('GET', `/api/admin/articles/${article.id}`)).article.seo ?? null;

      const editor = new ArticleEditorPage(await signedIn(CONTRIBUTOR.email));
      await editor.goto(nr.site.url, article.id);
      const social = new SocialImageField(editor);
      await social.openMetadata();
      await social.none.waitFor();

      await social.choose('partage.jpg');
      await social.current('partage.jpg').waitFor();
      await expect.poll(() => social.thumbnail.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
      await expectNoAxeViolations(editor.page, 'editor, social image chosen');

      await editor.saveButton.click();
      // Saved with the article, next to the SEO title that was already there.
      await expect.poll(seoOf).toEqual({ title: 'Le pont rouvert', image: mediaId });

      // Shown again after a reload, then removed.
      await editor.goto(nr.site.url, article.id);
      await social.openMetadata();
      await social.current('partage.jpg').waitFor();
      await social.removeButton.click();
      await social.none.waitFor();
      await editor.saveButton.click();
      await expect.poll(seoOf).toEqual({ title: 'Le pont rouvert' });
    },
    JOURNEY_MS,
  );

  it(
    'compares two versions: the changed fields in French, before and after, blocks by their text',
    async () => {
      const contributor = await api(CONTRIBUTOR.email);
      const { article: v1 } = await contributor.json('POST', '/api/admin/articles', articleInput('Le marché couvert ferme ses portes', 'economie', 'Les commerçants partent en mars.'));
      const { article: v2 } = await contributor.json(
        'PUT',
        `/api/admin/articles/${v1.id}`,
        { ...articleInput('Le marché couvert rouvrira en juin', 'economie', 'Les commerçants reviennent en juin.'), slug: v1.slug, tags: ['commerce'] },
        { headers: { 'if-match': `"${v1.version}"` } },
      );
      expect(v2.version).toBeGreaterThan(v1.version);

      const editor = new ArticleEditorPage(await signedIn(CONTRIBUTOR.email));
      await editor.goto(nr.site.url, v1.id);
      const versions = new VersionsPanel(editor);
      await versions.open();
      await versions.compare(v1.version, v2.version);

      const changes = versions.changes(v1.version, v2.version);
      await changes.first().waitFor();
      const texts = (await changes.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
      expect(texts).toEqual([
        'Titre Avant Le marché couvert ferme ses portes Après Le marché couvert rouvrira en juin',
        'Sujets Avant (vide) Après commerce',
        'Bloc 1 Avant Les commerçants partent en mars. Après Les commerçants reviennent en juin.',
      ]);
      await expectNoAxeViolations(editor.page, 'editor, versions compared');

      // Closing gives the form back; the same version twice is refused.
      await editor.page.keyboard.press('Escape');
      await versions.dialog(v1.version, v2.version).waitFor({ state: 'hidden' });
      await versions.compare(v2.version, v2.version);
      await versions.form.getByText('Choisissez deux versions différentes.').waitFor();
      await expectNoAxeViolations(editor.page, 'editor, versions panel open');
    },
    JOURNEY_MS,
  );

  it(
    'on someone else’s draft, a contributor gets no "submit for review" and reads the refusal in French, with the server’s words as detail',
    async () => {
      const other = await api(OTHER_CONTRIBUTOR.email);
      const { article: theirs } = await other.json('POST', '/api/admin/articles', articleInput('Le brouillon de Paule', 'societe'));
      const { article: own } = await (await api(CONTRIBUTOR.email)).json('POST', '/api/admin/articles', articleInput('Mon brouillon', 'societe'));

      const editor = new ArticleEditorPage(await signedIn(CONTRIBUTOR.email));
      const panel = new PublicationPanel(editor);
      // Their own draft still has it.
      await editor.goto(nr.site.url, own.id);
      await editor.waitStatus('Brouillon');
      await editor.transitionButton('Soumettre à la relecture').waitFor();

      await editor.goto(nr.site.url, theirs.id);
      await editor.waitStatus('Brouillon');
      expect(await panel.buttonNames()).not.toContain('Soumettre à la relecture');

      await editor.standfirst.fill('Réécrit par quelqu’un d’autre.');
      await editor.saveButton.click();
      await panel.saveFailed.waitFor();
      const text = (await panel.saveFailed.textContent()) ?? '';
      expect(text).toContain('Votre rôle ne permet pas cette action.');
      // The server's words follow in French, never in English.
      expect(text).toContain('vous ne pouvez pas modifier cet article');
      expect(text).not.toContain('you may not edit this article');
      await expectNoAxeViolations(editor.page, 'editor, refusal shown');
    },
    JOURNEY_MS,
  );
});
