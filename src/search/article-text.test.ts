import { describe, expect, it } from 'vitest';
import { articleText } from './article-text.ts';

describe('article text', () => {
  it('reads every block kind into its field, and tells a video', () => {
    const t = articleText({
      headline: 'Le chantier reprend',
      standfirst: 'Après six mois',
      lead: JSON.stringify({ imageId: 1, alt: 'Grue', caption: 'La grue du chantier', credit: '(Photo Agence)' }),
      body: JSON.stringify([
        { type: 'paragraph', text: 'Premier paragraphe.' },
        { type: 'paragraph', content: [{ text: 'Un lien ' }, { text: 'ici', href: 'https://example.org' }] },
        { type: 'heading', text: 'Intertitre' },
        { type: 'quote', text: 'Nous tiendrons les délais', speaker: { name: 'Martine Roux', role: 'maire' } },
        { type: 'figure', imageId: 2, alt: 'x', caption: 'Vue aérienne', credit: '© Studio' },
        { type: 'list', items: ['un', 'deux'] },
        { type: 'embed', url: 'https://www.youtube.com/watch?v=abcdefghijk', title: 'Le reportage' },
      ]),
      tags: ['Urbanisme'],
      people: ['Martine Roux'],
      authors: ['Paul Martin'],
      seo_title: 'Chantier du tram',
      source_name: 'Agence Exemple',
    });
    expect(t.body).toBe('Premier paragraphe.\nUn lien ici\nIntertitre\nun\ndeux\nLe reportage');
    expect(t.quotes).toBe('Nous tiendrons les délais');
    expect(t.speakers).toBe('Martine Roux, maire');
    expect(t.captions).toBe('La grue du chantier\n(Photo Agence)\nVue aérienne\n© Studio');
    expect(t).toMatchObject({ tags: 'Urbanisme', people: 'Martine Roux', authors: 'Paul Martin', seo: 'Chantier du tram', source: 'Agence Exemple', video: true });
  });

  it('survives a body that is not JSON', () => {
    expect(articleText({ headline: 'H', standfirst: null, body: 'not json', lead: null }).body).toBe('');
  });
});
