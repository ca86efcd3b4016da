import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { SourceDelivery, describeNote } from './ingest.tsx';

describe('where a source delivers', () => {
  it('shows the drop folder of a ninjs source without a URL, so the editor can pass it to the agency', () => {
    expect(render(h(SourceDelivery, { source: { url: null, dropFolder: '/srv/depeche/ingest/7' } }))).toBe('Dossier de dépôt : <code>/srv/depeche/ingest/7</code>');
  });
  it('shows the feed address of a polled source, escaped', () => {
    expect(render(h(SourceDelivery, { source: { url: 'https://agence.example/fil?a=1&b=2', dropFolder: null } }))).toBe('https://agence.example/fil?a=1&amp;b=2');
  });
});

describe('an item’s conversion notes, in French', () => {
  it('says the depth note of the markup walk in French, with the field in French', () => {
    expect(describeNote({ field: 'body', message: 'markup nested more than 64 levels deep flattened to text (7 tags not followed; their text is kept)' })).toBe(
      'Corps : balisage imbriqué sur plus de 64 niveaux, mis à plat en texte (7 balises non suivies ; leur texte est gardé)',
    );
  });
  it('keeps the count of a note repeated by the converter', () => {
    expect(describeNote({ field: 'body', message: '<script> element removed with its content (3 times)' })).toBe('Corps : élément <script> retiré avec son contenu (3 fois)');
  });
  it('names a field it has no French word for as the agency wrote it', () => {
    expect(describeNote({ field: 'urgency', message: 'not mapped' })).toBe('urgency : champ non repris');
    expect(describeNote({ field: 'associations.featureimage', message: 'picture https://agence.example/p.jpg not imported (images referenced by URL are not fetched)' })).toBe(
      'associations.featureimage : picture https://agence.example/p.jpg non repris (les images désignées par une adresse ne sont pas téléchargées)',
    );
  });
  it('says in French that a date the agency sent as a number (1e309 arrives as Infinity) or a list was not taken', async () => {
    const { ninjsToArticle } = await import('../../../src/ninjs/ninjs-import.ts');
    const { notes } = await ninjsToArticle(JSON.parse('{"guid":"n","headline":"T","firstcreated":1e309,"versioncreated":[2026]}'), { editions: new Map([['fr', ['monde']]]), defaultEdition: 'fr', section: 'monde' });
    expect(notes.map(describeNote)).toEqual([
      'Date de création : Infinity n’est pas une date écrite en texte : non repris',
      'Date de mise à jour : une liste n’est pas une date écrite en texte : non repris',
    ]);
  });
  it('falls back to a French line that still shows the field and the server’s words for a message it does not know', () => {
    expect(describeNote({ field: 'section', message: 'edition fr has no sections yet; give --section' })).toBe(
      'section : remarque de conversion (détail en anglais : edition fr has no sections yet; give --section)',
    );
    expect(describeNote({ field: '', message: 'something new' })).toBe('remarque de conversion (détail en anglais : something new)');
  });
});

describe('the French table against the converter’s own notes', () => {
  it('has a French sentence for every note a hostile ninjs item draws from the converter', async () => {
    const { ninjsToArticle } = await import('../../../src/ninjs/ninjs-import.ts');
    const item = {
      guid: 'x',
      headline: '<b>Titre</b> en gras',
      headlines: [{ value: 'Autre', role: 'short' }],
      description_text: `<i>${'long '.repeat(300)}</i>`,
      body_html: `<p><a href="javascript:x()">lien</a></p><script>a()</script><ul><li>un<ul><li>deux</li></ul></li></ul><img src="https://a.example/p.jpg"><table><tr><td>1</td></tr></table>${'<div>'.repeat(70)}x${'</div>'.repeat(70)}`,
      language: 'de',
      subjects: [{ code: 'medtop:1' }, ...Array.from({ length: 31 }, (_, i) => ({ name: `Sujet ${i}` }))],
      infosources: [{ name: 'A' }, { name: 'B' }],
      copyrightholder: 'Quelqu’un d’autre',
      firstcreated: '2026-11-24T08:00:00',
      versioncreated: 'hier',
      pubstatus: 'withheld',
      associations: { featureimage: { type: 'picture', uri: 'https://a.example/p.jpg' } },
      renditions: {},
      urgency: 2,
    };
    const { notes } = await ninjsToArticle(item, { editions: new Map([['fr', ['monde']]]), defaultEdition: 'fr', section: 'monde' });
    expect(notes.length).toBeGreaterThan(12);
    const unknown = notes.filter((n) => describeNote(n).includes('détail en anglais'));
    expect(unknown).toEqual([]);
  });
});
