import { describe, expect, it } from 'vitest';
import { frenchTypography as fr, typographyFor } from './typography.ts';

const N = '\u202f';

describe('French typography', () => {
  it('puts a narrow no-break space before ; : ! ?', () => {
    expect(fr('Pourquoi ? Parce que ! Il a dit : oui ; non')).toBe(`Pourquoi${N}? Parce que${N}! Il a dit${N}: oui${N}; non`);
  });
  it('adds the space where the writer left none', () => {
    expect(fr('Vraiment?')).toBe(`Vraiment${N}?`);
    expect(fr('Bilan: lourd')).toBe(`Bilan${N}: lourd`);
  });
  it('puts narrow no-break spaces inside guillemets', () => {
    expect(fr('« Nous ne reculerons pas »')).toBe(`«${N}Nous ne reculerons pas${N}»`);
    expect(fr('«Non»')).toBe(`«${N}Non${N}»`);
  });
  it('never touches a URL', () => {
    expect(fr('voir https://example.org/rapport?page=3 : page 3')).toBe(`voir https://example.org/rapport?page=3${N}: page 3`);
    expect(fr('© http://example.org/photos')).toBe('© http://example.org/photos');
    expect(fr('écrire à mailto:redaction@example.org!')).toBe(`écrire à mailto:redaction@example.org${N}!`);
  });
  it('uses the typographic apostrophe between letters, not in URLs', () => {
    expect(fr("l'été d'Aïssata")).toBe('l’été d’Aïssata');
    expect(fr("https://example.org/l'ete")).toBe("https://example.org/l'ete");
  });
  it('leaves times and scores alone', () => {
    expect(fr('à 9:30, score 2:1')).toBe('à 9:30, score 2:1');
  });
  it('does not double a space already there', () => {
    const once = fr('Quoi ?!');
    expect(fr(once)).toBe(once);
    expect(once).toBe(`Quoi${N}?!`);
  });
});

describe('typography per language', () => {
  it('keeps the French spacing rules for French only', () => {
    expect(typographyFor('fr')('Vraiment ?')).toBe('Vraiment\u202f?');
    expect(typographyFor('fr-CA')('Vraiment ?')).toBe('Vraiment\u202f?');
    expect(typographyFor('en')('Really ?')).toBe('Really ?');
    expect(typographyFor('es')('¿Qué tal?')).toBe('¿Qué tal?');
    expect(typographyFor('ar')('«نعم»')).toBe('«نعم»');
  });
  it('gives Arabic its own comma, semicolon and question mark after Arabic words only', () => {
    expect(typographyFor('ar')('هل وصل الوفد? نعم, وصل صباحًا; ثم غادر')).toBe('هل وصل الوفد؟ نعم، وصل صباحًا؛ ثم غادر');
    expect(typographyFor('ar')('بلغ النمو 3,5 في المئة')).toBe('بلغ النمو 3,5 في المئة');
    expect(typographyFor('ar')('قال Macron, ثم')).toBe('قال Macron, ثم');
  });
});
