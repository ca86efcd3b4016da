import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { fieldError, summaryIssues } from './people-errors.ts';

const refused = (issues: Array<{ field: string; message: string }>) => new ApiError(422, 'validation_failed', 'invalid', { issues });

describe('the refusals of the people, topics and authors forms', () => {
  it('says each known refusal in French, next to its field and in the summary', () => {
    const err = refused([
      { field: 'wikidata', message: 'expected a Wikidata item: Q followed by digits (Q142)' },
      { field: 'social.1.url', message: 'expected an absolute http(s) URL' },
      { field: 'name', message: 'the address herve-lantier is another person’s (#3): merge them, or choose another slug' },
    ]);
    expect(fieldError(err, 'wikidata')).toBe('un identifiant Wikidata s’écrit Q suivi de chiffres, par exemple Q142.');
    expect(fieldError(err, 'social.1.url')).toBe('une adresse complète commençant par http:// ou https:// est attendue.');
    expect(fieldError(err, 'slug')).toBeNull();
    expect(summaryIssues(err)?.map((i) => i.message)).toEqual([
      'Identifiant Wikidata : un identifiant Wikidata s’écrit Q suivi de chiffres, par exemple Q142.',
      'Adresse (2) : une adresse complète commençant par http:// ou https:// est attendue.',
      'Nom : l’adresse herve-lantier est déjà celle d’une autre fiche : fusionnez-les, ou choisissez-en une autre.',
    ]);
  });

  it('has no summary of its own for a refusal without fields', () => {
    expect(summaryIssues(new ApiError(409, 'conflict', 'person 2 was already merged into 1', {}))).toBeUndefined();
  });
});
