/** The words reader pages show, per edition language. Unknown languages fall back to English. */
export interface Labels {
  skipToContent: string;
  mainNav: string;
  home: string;
  latest: string;
  leadStory: string;
  share: string;
  copyLink: string;
  linkCopied: string;
  shareVia: string;
  shareByEmail: string;
  source: string;
  by: string;
  published: string;
  updated: string;
  tags: string;
  related: string;
  archivePhoto: string;
  page: (n: number) => string;
  newer: string;
  older: string;
  pagination: string;
  quotedIn: (name: string) => string;
  articlesBy: (name: string) => string;
  topic: (name: string) => string;
  notFoundTitle: string;
  notFoundText: string;
  goneTitle: string;
  goneText: string;
  errorTitle: string;
  errorText: string;
  unavailableTitle: string;
  unavailableText: string;
  backHome: string;
  loadEmbed: (provider: string) => string;
  watchOn: (provider: string) => string;
  noArticles: string;
  seeAll: (section: string) => string;
  editions: string;
  translations: string;
  /** Shown at the top of a newsroom preview. */
  previewBanner: string;
  /** The header's link to the live channel's page, while the channel is on air. */
  onAir: string;
  /** The search box and page. */
  search: Search;
}

/** The search box, the search page and its filters. */
export interface Search {
  /** The search page's title, and the header's search landmark. */
  title: string;
  /** The text field's label. */
  label: string;
  /** The button. */
  submit: string;
  /** Heading of the page for a query. */
  resultsFor: (q: string) => string;
  /** The total: `estimate` when it is a lower bound. */
  count: (n: number, estimate: boolean) => string;
  noResults: (q: string) => string;
  closestTopics: string;
  /** People and topics whose names match, above the articles. */
  names: string;
  empty: string;
  stopWordsOnly: string;
  cut: (chars: number) => string;
  /** The suggestions list the script shows under the box. */
  suggestions: string;
  refine: string;
  sort: string;
  relevance: string;
  date: string;
  section: string;
  anySection: string;
  topic: string;
  anyTopic: string;
  person: string;
  anyPerson: string;
  type: string;
  anyType: string;
  types: { article: string; video: string; wire: string };
  from: string;
  to: string;
  apply: string;
  clear: string;
  pages: string;
  previous: string;
  next: string;
  pastTheEnd: string;
  firstPage: string;
}

const fr: Labels = {
  skipToContent: 'Aller au contenu',
  mainNav: 'Rubriques',
  home: 'Accueil',
  latest: 'Dernières informations',
  leadStory: 'À la une',
  share: 'Partager cet article',
  copyLink: 'Copier le lien',
  linkCopied: 'Lien copié',
  shareVia: 'Partager…',
  shareByEmail: 'E-mail',
  source: 'SOURCE :',
  by: 'Par',
  published: 'Publié le',
  updated: 'Mis à jour le',
  tags: 'Sujets',
  related: 'À lire aussi',
  archivePhoto: 'Photo d’archives',
  page: (n) => `Page ${n}`,
  newer: 'Plus récents',
  older: 'Plus anciens',
  pagination: 'Pagination',
  quotedIn: (name) => `${name} : ses citations`,
  articlesBy: (name) => `Articles de ${name}`,
  topic: (name) => name,
  notFoundTitle: 'Page introuvable',
  notFoundText: 'La page demandée n’existe pas ou a été déplacée.',
  goneTitle: 'Article retiré',
  goneText: 'Cet article a été retiré de la publication.',
  errorTitle: 'Erreur',
  errorText: 'Une erreur est survenue. Veuillez réessayer dans un instant.',
  unavailableTitle: 'Site momentanément indisponible',
  unavailableText: 'Le site ne peut pas afficher cette page pour le moment. Veuillez réessayer dans quelques instants.',
  backHome: 'Retour à l’accueil',
  loadEmbed: (p) => `Charger la vidéo ${p}`,
  watchOn: (p) => `Voir la vidéo sur ${p}`,
  noArticles: 'Aucun article pour le moment.',
  seeAll: (s) => `Toute la rubrique ${s}`,
  editions: 'Éditions',
  translations: 'Cet article dans d’autres langues',
  previewBanner: 'Aperçu — non publié',
  onAir: 'DIRECT',
  search: {
    title: 'Recherche',
    label: 'Rechercher sur le site',
    submit: 'Rechercher',
    resultsFor: (q) => `Recherche : « ${q} »`,
    count: (n, estimate) => {
      const num = n.toLocaleString('fr');
      if (estimate) return `Plus de ${num} résultats`;
      return n === 0 ? 'Aucun résultat' : n === 1 ? '1 résultat' : `${num} résultats`;
    },
    noResults: (q) => `Aucun article ne correspond à « ${q} ».`,
    closestTopics: 'Sujets proches',
    names: 'Personnes et sujets',
    empty: 'Saisissez un ou plusieurs mots pour lancer la recherche.',
    stopWordsOnly: 'Ces mots sont trop courants pour une recherche : essayez des mots plus précis.',
    cut: (n) => `Votre recherche était trop longue : seuls ses ${n} premiers caractères ont été pris en compte.`,
    suggestions: 'Suggestions',
    refine: 'Affiner la recherche',
    sort: 'Trier par',
    relevance: 'Pertinence',
    date: 'Date',
    section: 'Rubrique',
    anySection: 'Toutes les rubriques',
    topic: 'Sujet',
    anyTopic: 'Tous les sujets',
    person: 'Personne',
    anyPerson: 'Toutes les personnes',
    type: 'Type',
    anyType: 'Tous les types',
    types: { article: 'Article', video: 'Vidéo', wire: 'Dépêche' },
    from: 'Du',
    to: 'Au',
    apply: 'Appliquer',
    clear: 'Effacer les filtres',
    pages: 'Pages de résultats',
    previous: 'Page précédente',
    next: 'Page suivante',
    pastTheEnd: 'Il n’y a pas d’autres résultats.',
    firstPage: 'Revenir à la première page',
  },
};

const en: Labels = {
  skipToContent: 'Skip to content',
  mainNav: 'Sections',
  home: 'Home',
  latest: 'Latest news',
  leadStory: 'Top story',
  share: 'Share this article',
  copyLink: 'Copy link',
  linkCopied: 'Link copied',
  shareVia: 'Share…',
  shareByEmail: 'Email',
  source: 'SOURCE:',
  by: 'By',
  published: 'Published',
  updated: 'Updated',
  tags: 'Topics',
  related: 'Related',
  archivePhoto: 'Archive photo',
  page: (n) => `Page ${n}`,
  newer: 'Newer',
  older: 'Older',
  pagination: 'Pagination',
  quotedIn: (name) => `${name}: quotes`,
  articlesBy: (name) => `Articles by ${name}`,
  topic: (name) => name,
  notFoundTitle: 'Page not found',
  notFoundText: 'The page you asked for does not exist or has moved.',
  goneTitle: 'Article withdrawn',
  goneText: 'This article has been withdrawn from publication.',
  errorTitle: 'Error',
  errorText: 'Something went wrong. Please try again in a moment.',
  unavailableTitle: 'Temporarily unavailable',
  unavailableText: 'The site cannot show this page right now. Please try again in a few moments.',
  backHome: 'Back to the home page',
  loadEmbed: (p) => `Load the ${p} video`,
  watchOn: (p) => `Watch on ${p}`,
  noArticles: 'No articles yet.',
  seeAll: (s) => `All of ${s}`,
  editions: 'Editions',
  translations: 'This article in other languages',
  previewBanner: 'Preview — not published',
  onAir: 'LIVE',
  search: {
    title: 'Search',
    label: 'Search the site',
    submit: 'Search',
    resultsFor: (q) => `Search: “${q}”`,
    count: (n, estimate) => {
      const num = n.toLocaleString('en');
      if (estimate) return `More than ${num} results`;
      return n === 0 ? 'No results' : n === 1 ? '1 result' : `${num} results`;
    },
    noResults: (q) => `No article matches “${q}”.`,
    closestTopics: 'Related topics',
    names: 'People and topics',
    empty: 'Type one or more words to search.',
    stopWordsOnly: 'These words are too common to search for: try more specific ones.',
    cut: (n) => `Your search was too long: only its first ${n} characters were used.`,
    suggestions: 'Suggestions',
    refine: 'Refine the search',
    sort: 'Sort by',
    relevance: 'Relevance',
    date: 'Date',
    section: 'Section',
    anySection: 'All sections',
    topic: 'Topic',
    anyTopic: 'All topics',
    person: 'Person',
    anyPerson: 'All people',
    type: 'Type',
    anyType: 'All types',
    types: { article: 'Article', video: 'Video', wire: 'Wire story' },
    from: 'From',
    to: 'To',
    apply: 'Apply',
    clear: 'Clear filters',
    pages: 'Result pages',
    previous: 'Previous page',
    next: 'Next page',
    pastTheEnd: 'There are no more results.',
    firstPage: 'Back to the first page',
  },
};

const byLanguage: Record<string, Labels> = { fr, en };

export function labelsFor(language: string): Labels {
  return byLanguage[language] ?? byLanguage[language.split('-')[0]] ?? en;
}

const languageNames = new Map<string, string>();

/** A language's name in that language, as a language switcher shows it: "English", "Français". */
export function languageName(code: string): string {
  let name = languageNames.get(code);
  if (name === undefined) {
    let own: string | undefined;
    try {
      own = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    } catch {
      own = undefined; // not a tag Intl knows: show the code
    }
    name = own && own !== code ? own.charAt(0).toLocaleUpperCase(code) + own.slice(1) : code.toUpperCase();
    languageNames.set(code, name);
  }
  return name;
}
