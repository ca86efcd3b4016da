import { describe, expect, it } from 'vitest';
import { analyserFor, STEMMED_LANGUAGES } from './analyse.ts';

const words = (edition: string, text: string) => analyserFor(edition).terms(text).map((t) => t.term);

describe('search analysis', () => {
  it('makes accented, unaccented, plural and elided French forms one term', () => {
    const fr = analyserFor('fr');
    expect(fr.term('negociation')).toBe(fr.term('négociations'));
    expect(words('fr', "l'armee")).toEqual(words('fr', 'l’armée'));
    expect(words('fr', 'armées')).toEqual(words('fr', "l'armée"));
    expect(fr.term('Daech')).toBe('daech');
  });

  it('gives a word typed without its accents the term of the word as written', () => {
    const fr = analyserFor('fr');
    // Pairs the stemmer once read differently when it saw the accents ("musée" → "mus", "musee" → "muse").
    for (const [written, typed] of [
      ['musée', 'musee'],
      ['musées', 'musee'],
      ['sécurité', 'securite'],
      ['réfugiés', 'refugie'],
      ['marée', 'maree'],
      ['inondées', 'inondees'],
      ['inondées', 'inonde'],
      ['électricité', 'electricite'],
      ['préfète', 'prefete'],
    ]) {
      expect(fr.term(typed), `${typed} for ${written}`).toBe(fr.term(written));
    }
    expect(analyserFor('en').term('café')).toBe(analyserFor('en').term('cafe'));
    expect(analyserFor('es').term('elección')).toBe(analyserFor('es').term('eleccion'));
  });

  it('drops stop words and elisions, and counts positions over kept words only', () => {
    const terms = analyserFor('fr').terms("L'accord de paix qu'il a signé");
    expect(terms.map((t) => t.term)).toEqual(['accord', 'paix', 'sign']);
    expect(terms.map((t) => t.position)).toEqual([1, 2, 3]);
    expect(terms[0]).toMatchObject({ start: 2, end: 8 });
  });

  it('stems English', () => {
    expect(analyserFor('en').term('negotiations')).toBe(analyserFor('en').term('negotiation'));
    expect(words('en', 'the talks')).toEqual(['talk']);
  });

  it('normalises Arabic letter forms and diacritics', () => {
    const ar = analyserFor('ar');
    expect(ar.term('أحمد')).toBe(ar.term('احمد'));
    expect(ar.term('مستشفى')).toBe(ar.term('مستشفي'));
    expect(ar.term('كِتَاب')).toBe(ar.term('كتاب'));
  });

  it('gives an Arabic word the same term with and without the article', () => {
    const ar = analyserFor('ar');
    for (const [bare, definite] of [
      ['مفاوضات', 'المفاوضات'],
      ['مفاوضات', 'والمفاوضات'],
      ['فيضانات', 'الفيضانات'],
      ['سكان', 'السكان'],
      ['مدرسة', 'المدرسة'],
      ['مدينة', 'بالمدينة'],
      ['حكومة', 'الحكومة'],
      ['سلام', 'للسلام'],
    ]) {
      expect(ar.term(definite), `${definite} and ${bare}`).toBe(ar.term(bare));
    }
    expect(ar.term('الله')).toBe('الله');
  });

  it('folds a language it cannot stem, and says which it stems', () => {
    expect(STEMMED_LANGUAGES).toEqual(expect.arrayContaining(['fr', 'en', 'es', 'ar']));
    expect(analyserFor('pl').stems).toBe(false);
    expect(words('pl', 'Łódź')).toEqual(['lodz']);
  });

  it('keeps numbers as written and cuts endless words', () => {
    expect(words('fr', 'en 2026')).toEqual(['2026']);
    expect(analyserFor('fr').term('a'.repeat(500))!.length).toBeLessThanOrEqual(60);
  });
});
