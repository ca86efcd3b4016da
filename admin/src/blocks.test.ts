import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { blocksToDoc, docToBlocks, type Block, type PMNode } from './blocks.ts';
import { editorExtensions } from './editor/schema.ts';

const schema = getSchema(editorExtensions());

/** Through ProseMirror itself: the JSON must be a valid document of the editor's schema, and survive it. */
function throughEditor(doc: PMNode): PMNode {
  const node = schema.nodeFromJSON(doc);
  node.check();
  return node.toJSON() as PMNode;
}

const everyBlock: Block[] = [
  { type: 'paragraph', text: 'Texte brut.' },
  {
    type: 'paragraph',
    content: [
      { text: 'Lire ' },
      { text: 'notre dossier', italic: true, href: 'https://example.org/dossier' },
      { text: ' et le ' },
      { text: 'rapport', bold: true },
      { text: ' complet', bold: true, italic: true },
      { text: ' ici', href: '/fr/tv/autre' },
    ],
  },
  { type: 'heading', text: '« Nous ne céderons pas »' },
  { type: 'figure', image: 12, alt: 'Le plateau', caption: 'Le plateau du débat.', credit: '(Photo Agence)', archive: true },
  { type: 'figure', image: 13, alt: '', decorative: true },
  { type: 'quote', text: 'Nous tiendrons.', speaker: { name: 'Hervé Lantier', role: 'général à la retraite' } },
  { type: 'quote', text: 'Sans rôle.', speaker: { name: 'Anne Roy' } },
  { type: 'pullquote', text: 'Une phrase forte.', attribution: 'Hervé Lantier' },
  { type: 'pullquote', text: 'Sans attribution.' },
  { type: 'list', ordered: false, items: ['un', 'deux'] },
  { type: 'list', ordered: true, items: ['premier', 'second'] },
  { type: 'embed', url: 'https://www.youtube.com/watch?v=abcdefghijk', title: 'Le débat', caption: 'En vidéo.' },
  { type: 'embed', url: 'https://vimeo.com/123456' },
  { type: 'video', video: 7, caption: 'Le reportage.' },
  { type: 'video', video: 8 },
];

describe('blocks ⇄ Tiptap document', () => {
  it('gives back every block type unchanged after a round trip through the editor schema', () => {
    const doc = blocksToDoc(everyBlock);
    expect(docToBlocks(doc)).toEqual(everyBlock);
    expect(docToBlocks(throughEditor(doc))).toEqual(everyBlock);
  });

  it('maps blocks to the nodes the editor knows: h2 headings, list items of one paragraph, atoms with attributes', () => {
    const doc = blocksToDoc([
      { type: 'heading', text: 'Titre' },
      { type: 'list', items: ['a'] },
      { type: 'quote', text: 'Q', speaker: { name: 'N', role: 'R' } },
    ]);
    expect(doc.content).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Titre' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] }] },
      { type: 'quote', attrs: { text: 'Q', speakerName: 'N', speakerRole: 'R' } },
    ]);
  });

  it('writes a paragraph without marks as plain text, and one with marks as runs', () => {
    const plain = docToBlocks({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Un ' }, { type: 'text', text: 'deux' }] }] });
    expect(plain).toEqual([{ type: 'paragraph', text: 'Un deux' }]);
    const marked = docToBlocks({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Un ' },
            { type: 'text', text: 'gras', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' lien', marks: [{ type: 'link', attrs: { href: 'mailto:a@example.org', target: null, rel: null, class: null, title: null } }] },
          ],
        },
      ],
    });
    expect(marked).toEqual([
      { type: 'paragraph', content: [{ text: 'Un ' }, { text: 'gras', bold: true }, { text: ' lien', href: 'mailto:a@example.org' }] },
    ]);
  });

  it('joins neighbouring text with the same marks into one run', () => {
    const blocks = docToBlocks({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'a', marks: [{ type: 'bold' }] },
            { type: 'text', text: 'b', marks: [{ type: 'bold' }] },
            { type: 'text', text: 'c', marks: [{ type: 'italic' }] },
          ],
        },
      ],
    });
    expect(blocks).toEqual([{ type: 'paragraph', content: [{ text: 'ab', bold: true }, { text: 'c', italic: true }] }]);
  });

  it('leaves out empty paragraphs, headings, list items and the trailing empty paragraph', () => {
    const blocks = docToBlocks({
      type: 'doc',
      content: [
        { type: 'paragraph' },
        { type: 'paragraph', content: [{ type: 'text', text: '   ' }] },
        { type: 'heading', attrs: { level: 2 } },
        { type: 'paragraph', content: [{ type: 'text', text: 'Reste.' }] },
        { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
        { type: 'paragraph' },
      ],
    });
    expect(blocks).toEqual([
      { type: 'paragraph', text: 'Reste.' },
      { type: 'list', items: ['x'], ordered: true },
    ]);
  });

  it('drops marks in headings and list items, which are plain text', () => {
    const blocks = docToBlocks({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Gras', marks: [{ type: 'bold' }] }, { type: 'text', text: ' fin' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'it', marks: [{ type: 'italic' }] }] }] }] },
      ],
    });
    expect(blocks).toEqual([
      { type: 'heading', text: 'Gras fin' },
      { type: 'list', items: ['it'], ordered: false },
    ]);
  });

  it('flattens nested list items into one plain list', () => {
    const blocks = docToBlocks({
      type: 'doc',
      content: [
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'a' }] },
                { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a.1' }] }] }] },
              ],
            },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }] },
          ],
        },
      ],
    });
    expect(blocks).toEqual([{ type: 'list', items: ['a', 'a.1', 'b'], ordered: false }]);
  });

  it('leaves out empty optional fields of figures, quotes, pull quotes and embeds', () => {
    const blocks = docToBlocks({
      type: 'doc',
      content: [
        { type: 'figure', attrs: { image: 4, alt: 'A', caption: '', credit: ' ', archive: false, decorative: false, copyright: '', sourceUrl: '' } },
        { type: 'quote', attrs: { text: 'T', speakerName: 'N', speakerRole: '' } },
        { type: 'pullquote', attrs: { text: 'P', attribution: '' } },
        { type: 'embed', attrs: { url: 'https://vimeo.com/1', title: '', caption: '' } },
      ],
    });
    expect(blocks).toEqual([
      { type: 'figure', image: 4, alt: 'A' },
      { type: 'quote', text: 'T', speaker: { name: 'N' } },
      { type: 'pullquote', text: 'P' },
      { type: 'embed', url: 'https://vimeo.com/1' },
    ]);
  });

  it('reads a list without `ordered` as a bullet list', () => {
    expect(docToBlocks(throughEditor(blocksToDoc([{ type: 'list', items: ['a'] }])))).toEqual([{ type: 'list', items: ['a'], ordered: false }]);
  });

  it('turns an empty body into one empty paragraph, and back into no blocks', () => {
    const doc = blocksToDoc([]);
    expect(doc).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(docToBlocks(throughEditor(doc))).toEqual([]);
    expect(blocksToDoc(undefined)).toEqual(doc);
  });

  it('leaves out a video card whose video was never chosen', () => {
    const doc: PMNode = { type: 'doc', content: [{ type: 'video', attrs: { video: null, caption: 'x' } }, { type: 'paragraph', content: [{ type: 'text', text: 'Après.' }] }] };
    expect(docToBlocks(throughEditor(doc))).toEqual([{ type: 'paragraph', text: 'Après.' }]);
  });

  it('keeps a block of an unknown type as it came', () => {
    const odd = { type: 'timeline', events: [1, 2] } as unknown as Block;
    const blocks: Block[] = [{ type: 'paragraph', text: 'Avant.' }, odd];
    expect(docToBlocks(throughEditor(blocksToDoc(blocks)))).toEqual(blocks);
  });

  it('keeps an image given as an import path', () => {
    const blocks: Block[] = [{ type: 'figure', image: 'photos/a.jpg', alt: 'A' }];
    expect(docToBlocks(throughEditor(blocksToDoc(blocks)))).toEqual(blocks);
  });

  it('reads null optional fields from the API as absent', () => {
    const fromApi = [{ type: 'figure', image: 3, alt: 'A', caption: null, credit: null }, { type: 'embed', url: 'https://vimeo.com/2', title: null }] as unknown as Block[];
    expect(docToBlocks(throughEditor(blocksToDoc(fromApi)))).toEqual([
      { type: 'figure', image: 3, alt: 'A' },
      { type: 'embed', url: 'https://vimeo.com/2' },
    ]);
  });
});
