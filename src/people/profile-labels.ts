/** The words of the profile heads on person, author and topic pages, and of the home page's featured topics, per edition language. */
export interface ProfileLabels {
  /** Before the other names a person goes by, with its punctuation. */
  alsoKnownAs: string;
  /** The list of an author's pages elsewhere. */
  elsewhere: string;
  /** The link to the person's Wikidata item. */
  wikidata: string;
  /** The home page's row of featured topics. */
}

const fr: ProfileLabels = { alsoKnownAs: 'Aussi appelé :', elsewhere: 'Ailleurs sur le web', wikidata: 'Fiche Wikidata' };
const en: ProfileLabels = { alsoKnownAs: 'Also known as:', elsewhere: 'Elsewhere on the web', wikidata: 'Wikidata entry' };
const es: ProfileLabels = { alsoKnownAs: 'También conocido como:', elsewhere: 'En otras webs', wikidata: 'Ficha en Wikidata' };
const ar: ProfileLabels = { alsoKnownAs: 'يُعرف أيضًا باسم:', elsewhere: 'على مواقع أخرى', wikidata: 'صفحة ويكي بيانات' };

export const PROFILE_LABELS: Record<string, ProfileLabels> = { fr, en, es, ar };
/** The catalogue src/render/catalogue.test.ts checks. */
export const catalogue = { fr, en, es, ar };

export function profileLabelsFor(language: string): ProfileLabels {
  return PROFILE_LABELS[language] ?? PROFILE_LABELS[language.split('-')[0]!] ?? en;
}
