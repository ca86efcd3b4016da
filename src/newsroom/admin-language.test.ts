import { describe, expect, it } from 'vitest';
import { acceptedLanguage, frenchOf, localiseRefusal } from './admin-language.ts';

describe('the Admin API’s language', () => {
  it('takes the preferred of French and English from Accept-Language, English when neither is asked', () => {
    expect(acceptedLanguage('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(acceptedLanguage('en-GB,en;q=0.9,fr;q=0.5')).toBe('en');
    expect(acceptedLanguage('de-DE,en;q=0.3,fr;q=0.7')).toBe('fr');
    expect(acceptedLanguage('fr;q=0')).toBe('en');
    expect(acceptedLanguage('de')).toBe('en');
    expect(acceptedLanguage(undefined)).toBe('en');
  });

  it('words known messages in French, with what they name kept', () => {
    expect(frenchOf('no article 12')).toBe('aucun article 12');
    expect(frenchOf('"crise" already exists in edition fr')).toBe('« crise » existe déjà dans l’édition fr');
    expect(frenchOf('something new')).toBeNull();
  });

  it('answers a refusal in French only when every sentence of it has French words, else wholly in English', () => {
    const known = { code: 'validation_failed', message: 'language: expected fr or en', field: 'language', issues: [{ field: 'language', message: 'expected fr or en' }] };
    expect(localiseRefusal(known, 'fr')).toEqual({
      lang: 'fr',
      body: { ...known, message: 'language : attendu : fr ou en', issues: [{ field: 'language', message: 'attendu : fr ou en' }] },
    });
    const mixed = { code: 'validation_failed', message: 'a: required; b: odd', issues: [{ field: 'a', message: 'required' }, { field: 'b', message: 'odd' }] };
    const out = localiseRefusal(mixed, 'fr');
    expect(out.lang).toBe('en');
    // Each issue known is still given in French, by its field.
    expect(out.body.issues).toEqual([{ field: 'a', message: 'obligatoire' }, { field: 'b', message: 'odd' }]);
    expect(out.body.message).toBe(mixed.message);
    expect(localiseRefusal({ code: 'not_found', message: 'no article 4' }, 'en')).toEqual({ lang: 'en', body: { code: 'not_found', message: 'no article 4' } });
    expect(localiseRefusal({ code: 'internal', message: 'Internal server error' }, 'fr').body.message).toBe('erreur interne du serveur');
    expect(localiseRefusal({ code: 'conflict', message: 'the slot is taken' }, 'fr')).toEqual({ lang: 'en', body: { code: 'conflict', message: 'the slot is taken' } });
  });
});
