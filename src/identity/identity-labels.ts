/** The reader's words of the edition's identity (the footer's social accounts), per edition language. */
export interface IdentityLabels {
  /** The name of the list of social accounts, for screen readers. */
  social: string;
  /** A link's accessible name: the edition on one network. */
  on: (edition: string, network: string) => string;
}

const fr: IdentityLabels = { social: 'Réseaux sociaux', on: (e, n) => `${e} sur ${n}` };
const en: IdentityLabels = { social: 'Social media', on: (e, n) => `${e} on ${n}` };
const es: IdentityLabels = { social: 'Redes sociales', on: (e, n) => `${e} en ${n}` };
const ar: IdentityLabels = { social: 'وسائل التواصل الاجتماعي', on: (e, n) => `${e} على ${n}` };

export const identityLabelsByLanguage: Record<string, IdentityLabels> = { fr, en, es, ar };
/** The catalogue src/render/catalogue.test.ts checks. */
export const catalogue = { fr, en, es, ar };

export function identityLabelsFor(language: string): IdentityLabels {
  return identityLabelsByLanguage[language] ?? identityLabelsByLanguage[language.split('-')[0]!] ?? en;
}
