import { inLanguage, type Catalogue } from './catalogue.ts';

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

const es: Labels = {
  skipToContent: 'Ir al contenido',
  mainNav: 'Secciones',
  home: 'Portada',
  latest: 'Últimas noticias',
  leadStory: 'Lo más destacado',
  share: 'Compartir este artículo',
  copyLink: 'Copiar el enlace',
  linkCopied: 'Enlace copiado',
  shareVia: 'Compartir…',
  shareByEmail: 'Correo electrónico',
  source: 'FUENTE:',
  by: 'Por',
  published: 'Publicado el',
  updated: 'Actualizado el',
  tags: 'Temas',
  related: 'Lea también',
  archivePhoto: 'Foto de archivo',
  page: (n) => `Página ${n}`,
  newer: 'Más recientes',
  older: 'Más antiguos',
  pagination: 'Paginación',
  quotedIn: (name) => `${name}: sus declaraciones`,
  articlesBy: (name) => `Artículos de ${name}`,
  topic: (name) => name,
  notFoundTitle: 'Página no encontrada',
  notFoundText: 'La página solicitada no existe o ha cambiado de dirección.',
  goneTitle: 'Artículo retirado',
  goneText: 'Este artículo ha sido retirado de la publicación.',
  errorTitle: 'Error',
  errorText: 'Se ha producido un error. Vuelva a intentarlo en un momento.',
  unavailableTitle: 'Sitio no disponible por el momento',
  unavailableText: 'El sitio no puede mostrar esta página ahora. Vuelva a intentarlo dentro de unos instantes.',
  backHome: 'Volver a la portada',
  loadEmbed: (p) => `Cargar el vídeo de ${p}`,
  watchOn: (p) => `Ver el vídeo en ${p}`,
  noArticles: 'Todavía no hay artículos.',
  seeAll: (s) => `Toda la sección ${s}`,
  editions: 'Ediciones',
  translations: 'Este artículo en otros idiomas',
  previewBanner: 'Vista previa — no publicado',
  onAir: 'EN DIRECTO',
  search: {
    title: 'Búsqueda',
    label: 'Buscar en el sitio',
    submit: 'Buscar',
    resultsFor: (q) => `Búsqueda: «${q}»`,
    count: (n, estimate) => {
      const num = n.toLocaleString('es');
      if (estimate) return `Más de ${num} resultados`;
      return n === 0 ? 'Ningún resultado' : n === 1 ? '1 resultado' : `${num} resultados`;
    },
    noResults: (q) => `Ningún artículo corresponde a «${q}».`,
    closestTopics: 'Temas cercanos',
    names: 'Personas y temas',
    empty: 'Escriba una o varias palabras para buscar.',
    stopWordsOnly: 'Estas palabras son demasiado comunes para una búsqueda: pruebe con palabras más precisas.',
    cut: (n) => `Su búsqueda era demasiado larga: solo se han tenido en cuenta sus ${n} primeros caracteres.`,
    suggestions: 'Sugerencias',
    refine: 'Afinar la búsqueda',
    sort: 'Ordenar por',
    relevance: 'Relevancia',
    date: 'Fecha',
    section: 'Sección',
    anySection: 'Todas las secciones',
    topic: 'Tema',
    anyTopic: 'Todos los temas',
    person: 'Persona',
    anyPerson: 'Todas las personas',
    type: 'Tipo',
    anyType: 'Todos los tipos',
    types: { article: 'Artículo', video: 'Vídeo', wire: 'Despacho de agencia' },
    from: 'Desde',
    to: 'Hasta',
    apply: 'Aplicar',
    clear: 'Borrar los filtros',
    pages: 'Páginas de resultados',
    previous: 'Página anterior',
    next: 'Página siguiente',
    pastTheEnd: 'No hay más resultados.',
    firstPage: 'Volver a la primera página',
  },
};

/** Arabic counts: one, two, a few (3–10) and many take different forms. */
function arabicResults(n: number, num: string): string {
  if (n === 0) return 'لا توجد نتائج';
  if (n === 1) return 'نتيجة واحدة';
  if (n === 2) return 'نتيجتان';
  return n % 100 >= 3 && n % 100 <= 10 ? `${num} نتائج` : `${num} نتيجة`;
}

const ar: Labels = {
  skipToContent: 'الانتقال إلى المحتوى',
  mainNav: 'الأقسام',
  home: 'الرئيسية',
  latest: 'آخر الأخبار',
  leadStory: 'أبرز الأخبار',
  share: 'مشاركة هذا المقال',
  copyLink: 'نسخ الرابط',
  linkCopied: 'تم نسخ الرابط',
  shareVia: 'مشاركة…',
  shareByEmail: 'البريد الإلكتروني',
  source: 'المصدر:',
  by: 'بقلم',
  published: 'نُشر في',
  updated: 'حُدّث في',
  tags: 'مواضيع',
  related: 'اقرأ أيضًا',
  archivePhoto: 'صورة أرشيفية',
  page: (n) => `الصفحة ${n}`,
  newer: 'الأحدث',
  older: 'الأقدم',
  pagination: 'التنقل بين الصفحات',
  quotedIn: (name) => `تصريحات ${name}`,
  articlesBy: (name) => `مقالات ${name}`,
  topic: (name) => name,
  notFoundTitle: 'الصفحة غير موجودة',
  notFoundText: 'الصفحة المطلوبة غير موجودة أو نُقلت إلى عنوان آخر.',
  goneTitle: 'مقال مسحوب',
  goneText: 'سُحب هذا المقال من النشر.',
  errorTitle: 'خطأ',
  errorText: 'حدث خطأ. يُرجى إعادة المحاولة بعد قليل.',
  unavailableTitle: 'الموقع غير متاح مؤقتًا',
  unavailableText: 'لا يستطيع الموقع عرض هذه الصفحة الآن. يُرجى إعادة المحاولة بعد لحظات.',
  backHome: 'العودة إلى الصفحة الرئيسية',
  loadEmbed: (p) => `تحميل فيديو ${p}`,
  watchOn: (p) => `مشاهدة الفيديو على ${p}`,
  noArticles: 'لا توجد مقالات حتى الآن.',
  seeAll: (s) => `كل مقالات قسم ${s}`,
  editions: 'الطبعات',
  translations: 'هذا المقال بلغات أخرى',
  previewBanner: 'معاينة — غير منشور',
  onAir: 'مباشر',
  search: {
    title: 'بحث',
    label: 'البحث في الموقع',
    submit: 'بحث',
    resultsFor: (q) => `نتائج البحث عن «${q}»`,
    count: (n, estimate) => {
      const num = n.toLocaleString('ar');
      if (estimate) return `أكثر من ${num} نتيجة`;
      return arabicResults(n, num);
    },
    noResults: (q) => `لا يوجد مقال يطابق «${q}».`,
    closestTopics: 'مواضيع قريبة',
    names: 'أشخاص ومواضيع',
    empty: 'اكتب كلمة أو أكثر لبدء البحث.',
    stopWordsOnly: 'هذه الكلمات شائعة جدًا للبحث: جرّب كلمات أدق.',
    cut: (n) => `كان بحثك طويلًا جدًا: أُخذت في الاعتبار أول ${n} حرفًا فقط.`,
    suggestions: 'اقتراحات',
    refine: 'تدقيق البحث',
    sort: 'الترتيب حسب',
    relevance: 'الصلة',
    date: 'التاريخ',
    section: 'القسم',
    anySection: 'كل الأقسام',
    topic: 'الموضوع',
    anyTopic: 'كل المواضيع',
    person: 'الشخص',
    anyPerson: 'كل الأشخاص',
    type: 'النوع',
    anyType: 'كل الأنواع',
    types: { article: 'مقال', video: 'فيديو', wire: 'برقية' },
    from: 'من',
    to: 'إلى',
    apply: 'تطبيق',
    clear: 'مسح عوامل التصفية',
    pages: 'صفحات النتائج',
    previous: 'الصفحة السابقة',
    next: 'الصفحة التالية',
    pastTheEnd: 'لا توجد نتائج أخرى.',
    firstPage: 'العودة إلى الصفحة الأولى',
  },
};

/** Every language the reader pages speak; src/render/catalogue.test.ts checks that each has every key. */
export const catalogue: Catalogue<Labels> = { fr, en, es, ar };

export function labelsFor(language: string): Labels {
  return inLanguage(catalogue, language);
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
