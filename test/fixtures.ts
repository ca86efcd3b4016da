import fs from 'node:fs/promises';
import path from 'node:path';
import { makeArticle, makeImage, scratchDir } from './harness.ts';

/**
 * A folder with a broadcaster-style article (kicker TV, question headline,
 * credits, archive photo, quotes, share, source) and its photos, as an
 * editor would hand it to `depeche import`.
 */
export async function writeImportFolder(articles?: Array<Record<string, unknown>>): Promise<{ dir: string; file: string; articles: Array<Record<string, any>> }> {
  const dir = await scratchDir('import-');
  await fs.mkdir(path.join(dir, 'photos'));
  await fs.writeFile(path.join(dir, 'photos/lead.jpg'), await makeImage(1600, 900, 'jpeg', '#204060'));
  await fs.writeFile(path.join(dir, 'photos/archive.jpg'), await makeImage(1200, 800, 'jpeg', '#806040'));
  await fs.writeFile(path.join(dir, 'photos/small.png'), await makeImage(300, 200, 'png', '#aa2222'));
  const list = articles ?? [broadcasterArticle()];
  const file = path.join(dir, 'articles.json');
  await fs.writeFile(file, JSON.stringify(list.length === 1 ? list[0] : list, null, 2));
  return { dir, file, articles: list as Array<Record<string, any>> };
}

export function broadcasterArticle(overrides: Record<string, unknown> = {}) {
  return makeArticle({
    section: 'tv',
    headline: 'Faut-il encore croire aux négociations?',
    standfirst: 'Le débat de la semaine réunit deux anciens diplomates et un militaire.',
    authors: ['Claire Dubreuil', 'Yanis Kerouani'],
    tags: ['Diplomatie', 'Débats'],
    source: { name: 'Agence Exemple Presse', url: 'https://example.org/depeches/123' },
    seo: { title: 'Négociations : le débat', description: 'Deux diplomates et un militaire débattent.', image: 'photos/small.png' },
    lead: { image: 'photos/lead.jpg', alt: 'Le plateau du débat', caption: 'Le plateau de l’émission.', credit: '(Photo Agence Exemple)' },
    body: [
      { type: 'paragraph', text: 'Le débat a commencé à 20:30 : trois invités, une question.' },
      { type: 'heading', text: '« Nous ne céderons pas »' },
      {
        type: 'figure',
        image: 'photos/archive.jpg',
        alt: 'Une poignée de main en 2019',
        caption: 'Une rencontre précédente.',
        credit: '© http://example.org/photos',
        archive: true,
        copyright: 'Exemple Photo SA',
        sourceUrl: 'https://example.org/photos/4521',
      },
      {
        type: 'quote',
        text: 'Personne ne signe un accord qu’il ne peut pas défendre devant les siens.',
        speaker: { name: 'Hervé Lantier', role: 'général à la retraite' },
      },
      { type: 'pullquote', text: 'Une paix se prépare longtemps avant la signature.' },
      {
        type: 'paragraph',
        content: [
          { text: 'Lire aussi ' },
          { text: 'notre dossier', italic: true, href: 'https://example.org/dossier' },
          { text: ' et le ' },
          { text: 'rapport', bold: true },
        ],
      },
      { type: 'list', items: ['Premier point', 'Deuxième point'] },
      { type: 'embed', url: 'https://www.youtube.com/watch?v=abcdefghijk', title: 'Extrait du débat' },
    ],
    ...overrides,
  });
}
