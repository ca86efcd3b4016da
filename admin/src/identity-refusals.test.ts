import { describe, expect, it } from 'vitest';
import { identityLabels } from './i18n-identity.ts';
import { uploadIssue } from './screens/identity-upload.tsx';
import { colourIssue } from './screens/identity.tsx';

describe('the Identité screen’s refusals, in French', () => {
  const w = identityLabels.fr;
  it('says a contrast refusal with the ratio and the two colours', () => {
    expect(colourIssue('contrast 2.84:1 between link (#999999) and paper (#ffffff) is under the 4.5:1 that WCAG AA requires for text; choose a link further from paper', w.colours)).toBe(
      'Contraste de 2,84:1 entre « Liens » et « Fond de page » : il faut au moins 4,5:1 (niveau AA des WCAG) pour que le texte reste lisible.',
    );
    expect(colourIssue('expected a colour written #rrggbb, for example #c8102e', w.colours)).toBe(w.colours.notHex);
  });
  it('says what an SVG holds', () => {
    expect(uploadIssue('the SVG holds a script (<script>), an event handler (onload); remove it and upload the file again')).toBe(
      'Le SVG contient un script, un gestionnaire d’événement (onload) : retirez-le puis envoyez le fichier à nouveau.',
    );
    expect(uploadIssue('expected an SVG or PNG file')).toBe('Choisir un fichier SVG ou PNG.');
    expect(uploadIssue('the picture is 256 × 256 pixels; icons need at least 512 × 512 (or an SVG)')).toContain('256 × 256');
  });
  it('has the same words in English', () => {
    expect(Object.keys(identityLabels.en).sort()).toEqual(Object.keys(identityLabels.fr).sort());
    for (const k of Object.keys(identityLabels.fr) as Array<keyof typeof identityLabels.fr>) {
      const fr = identityLabels.fr[k];
      if (typeof fr === 'object') expect(Object.keys(identityLabels.en[k] as object).sort(), k).toEqual(Object.keys(fr).sort());
    }
  });
});
