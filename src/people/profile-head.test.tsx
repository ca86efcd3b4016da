import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { EditionContext } from '../render/context.ts';
import { personStructuredData, ProfileHead, type ProfileData } from './profile-head.tsx';

const ctx = {
  edition: { code: 'fr', language: '', name: 'Dépêche' },
  t: (s: string) => s,
  abs: (p: string) => `https://news.example${p}`,
  media: (k: string) => `/media/${k}`,
  variants: () => [],
  markup: new Map(),
} as unknown as EditionContext;

const person: ProfileData = {
  kind: 'person',
  name: 'Hervé Lantier',
  path: '/fr/personne/herve-lantier',
  description: 'Négociateur </script><script>alert(1)</script>',
  role: 'Général',
  photo: null,
  aliases: ['H. Lantier'],
  wikidata: 'Q42',
  links: [],
};

describe('the profile head of person and author pages', () => {
  it('describes a person for search engines: url, role, other names, sameAs the Wikidata item', () => {
    expect(personStructuredData(ctx, person)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Person',
      name: 'Hervé Lantier',
      url: 'https://news.example/fr/personne/herve-lantier',
      jobTitle: 'Général',
      description: person.description,
      alternateName: ['H. Lantier'],
      sameAs: ['https://www.wikidata.org/wiki/Q42'],
    });
  });

  it('escapes what it shows, in the page and in the JSON-LD block', () => {
    const html = renderToString(<ProfileHead ctx={ctx} profile={person} />);
    expect(html).not.toContain('</script><script>');
    expect(html).toContain('Aussi appelé : <bdi>H. Lantier</bdi>');
    expect(html).toContain('href="https://www.wikidata.org/wiki/Q42"');
  });

  it('shows nothing but the JSON-LD for a person with no profile, and nothing at all for a bare topic', () => {
    const bare = { ...person, description: null, aliases: [], wikidata: null };
    expect(renderToString(<ProfileHead ctx={ctx} profile={bare} />)).toMatch(/^<script type="application\/ld\+json">/);
    expect(renderToString(<ProfileHead ctx={ctx} profile={{ ...bare, kind: 'topic' }} />)).toBe('');
  });
});
