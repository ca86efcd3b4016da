import { describe, expect, it } from 'vitest';
import { peopleCatalogue } from './i18n-people.ts';

/** Every key path of a catalogue, with the kind of value it holds. */
function shape(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? shape(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}:${typeof v}`]));
}

describe('the words of the people, topics and authors screens', () => {
  it('has every French key in English too, of the same kind', () => {
    expect(shape(peopleCatalogue.en)).toEqual(shape(peopleCatalogue.fr));
  });

  it('says the French words in French', () => {
    expect(peopleCatalogue.fr.nav).toEqual({ people: 'Personnes', topics: 'Sujets', authors: 'Auteurs' });
    expect(peopleCatalogue.fr.common.mergeInto('Hervé Lantier')).toBe('Fusionner dans Hervé Lantier');
  });
});
