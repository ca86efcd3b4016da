import { describe, expect, it } from 'vitest';
import { PROFILE_LABELS, profileLabelsFor } from './profile-labels.ts';

describe('the profile heads’ reader words', () => {
  it('has every key in French, English, Spanish and Arabic, none empty', () => {
    const keys = Object.keys(PROFILE_LABELS.fr).sort();
    for (const lang of ['fr', 'en', 'es', 'ar']) {
      expect(Object.keys(PROFILE_LABELS[lang]).sort(), lang).toEqual(keys);
      for (const v of Object.values(PROFILE_LABELS[lang])) expect(v.trim(), lang).not.toBe('');
    }
  });

  it('chooses by language, a region falling back to its language and an unknown one to English', () => {
    expect(profileLabelsFor('es-MX')).toBe(PROFILE_LABELS.es);
    expect(profileLabelsFor('de')).toBe(PROFILE_LABELS.en);
  });
});
