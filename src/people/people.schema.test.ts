import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../errors.ts';
import { AuthorPatch, parseBody, PersonPatch, SLUG_PATTERN, TopicPatch } from './people.schema.ts';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationFailed) return e.issues.map((i) => i.field);
    throw e;
  }
  throw new Error('accepted');
}

describe('what the newsroom may change on people, topics and authors', () => {
  it('takes a Wikidata item as Q and digits, and clears it with an empty text or null', () => {
    expect(parseBody(PersonPatch, { wikidata: 'Q142' }).wikidata).toBe('Q142');
    expect(parseBody(PersonPatch, { wikidata: '' }).wikidata).toBeNull();
    expect(parseBody(PersonPatch, { wikidata: null }).wikidata).toBeNull();
    for (const bad of ['q142', 'Q', 'Q0142', 'P31', 'https://www.wikidata.org/wiki/Q142']) {
      expect(fieldsOf(() => parseBody(PersonPatch, { wikidata: bad })), bad).toEqual(['wikidata']);
    }
  });

  it('refuses social links that are not http(s), naming the link', () => {
    expect(parseBody(AuthorPatch, { social: [{ network: 'Mastodon', url: 'https://mastodon.example/@x' }] }).social).toHaveLength(1);
    for (const url of ['javascript:alert(1)', 'ftp://example.org/x', '//example.org', 'mailto:a@example.org', 'example.org']) {
      expect(fieldsOf(() => parseBody(AuthorPatch, { social: [{ network: 'Site', url: 'https://ok.example' }, { network: 'Site', url }] })), url).toEqual(['social.1.url']);
    }
  });

  it('accepts slugs of letters of any script, digits and single hyphens', () => {
    for (const ok of ['herve-lantier', 'q142', 'بيروت-اليوم']) expect(SLUG_PATTERN.test(ok), ok).toBe(true);
    for (const bad of ['Hervé', 'a--b', '-a', 'a-', 'a b', 'a/b', '']) expect(SLUG_PATTERN.test(bad), bad).toBe(false);
    expect(fieldsOf(() => parseBody(TopicPatch, { slug: 'Pas bon' }))).toEqual(['slug']);
  });

  it('names an unknown field, and a featured flag that is not a boolean', () => {
    expect(fieldsOf(() => parseBody(TopicPatch, { featured: 'oui' }))).toEqual(['featured']);
    expect(fieldsOf(() => parseBody(PersonPatch, { bio: 'x' }))).toEqual(['bio']);
  });
});
