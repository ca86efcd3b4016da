import { describe, expect, it } from 'vitest';
import { structureCatalogue } from './i18n-structure.ts';

/** The keys of a catalogue, nested ones as paths. */
function keys(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('the structure screens’ words', () => {
  it('has every key in French and in English', () => {
    expect(keys(structureCatalogue.en).sort()).toEqual(keys(structureCatalogue.fr).sort());
  });

  it('has no French sentence left in the English catalogue (words spelt alike in both aside)', () => {
    const fr = keys(structureCatalogue.fr).map((k) => k.split('.').reduce<any>((o, p) => o[p], structureCatalogue.fr));
    const en = keys(structureCatalogue.en).map((k) => k.split('.').reduce<any>((o, p) => o[p], structureCatalogue.en));
    const same = fr.filter((v, i) => typeof v === 'string' && v === en[i] && !['Pages', 'Page', 'Menus', 'Contact', 'Actions', 'Description', 'Navigation'].includes(v));
    expect(same).toEqual([]);
  });
});
