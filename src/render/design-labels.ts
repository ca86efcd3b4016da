/** The words the reader's page design adds (header, footer, home rows, article byline), per edition language. */
export interface DesignLabels {
  /** The home's column of the newest articles, with their times. */
  latestNews: string;
  /** The home's row of featured topics. */
  featuredTopics: string;
  /** The home's video and TV row. */
  videos: string;
  /** The tile of the live channel in the video row. */
  watchLive: string;
  /** A section block's link to the whole section. */
  more: string;
  /** Footer headings. */
  sections: string;
  about: string;
  follow: string;
  feeds: string;
  /** The footer's link to the edition's main feed. */
  allNews: string;
  /** The footer's edition switcher heading. */
  otherEditions: string;
  /** The legal line under the footer: © and the site's name. */
  rights: (name: string) => string;
  /** The byline's photo of an author, described for screen readers (empty alt: the name follows it). */
  authors: string;
  /** The related articles as cards. */
  readAlso: string;
  /** The home page's description for search engines and link previews. */
  homeDescription: (edition: string) => string;
  /** A section's or topic's page description when it has none of its own. */
  listingDescription: (title: string, edition: string) => string;
}

const fr: DesignLabels = {
  latestNews: 'En continu',
  featuredTopics: 'À suivre',
  videos: 'Vidéos',
  watchLive: 'Regarder la chaîne en direct',
  more: 'Toute la rubrique',
  sections: 'Rubriques',
  about: 'À propos',
  follow: 'Nous suivre',
  feeds: 'Fils RSS',
  allNews: 'Toute l’actualité',
  otherEditions: 'Nos éditions',
  rights: (n) => `© ${n}`,
  authors: 'Auteurs',
  readAlso: 'À lire aussi',
  homeDescription: (e) => `${e} : l’actualité internationale en continu, les vidéos et le direct de la chaîne.`,
  listingDescription: (t, e) => `${t} : toute l’actualité et les derniers articles de ${e}.`,
};

const en: DesignLabels = {
  latestNews: 'Latest news',
  featuredTopics: 'In focus',
  videos: 'Videos',
  watchLive: 'Watch the channel live',
  more: 'More in this section',
  sections: 'Sections',
  about: 'About us',
  follow: 'Follow us',
  feeds: 'RSS feeds',
  allNews: 'All the news',
  otherEditions: 'Our editions',
  rights: (n) => `© ${n}`,
  authors: 'Authors',
  readAlso: 'Read also',
  homeDescription: (e) => `${e}: international news as it happens, videos and the channel live.`,
  listingDescription: (t, e) => `${t}: the latest news and articles from ${e}.`,
};

const es: DesignLabels = {
  latestNews: 'Última hora',
  featuredTopics: 'En foco',
  videos: 'Vídeos',
  watchLive: 'Ver el canal en directo',
  more: 'Toda la sección',
  sections: 'Secciones',
  about: 'Quiénes somos',
  follow: 'Síguenos',
  feeds: 'Canales RSS',
  allNews: 'Toda la actualidad',
  otherEditions: 'Nuestras ediciones',
  rights: (n) => `© ${n}`,
  authors: 'Autores',
  readAlso: 'Lea también',
  homeDescription: (e) => `${e}: la actualidad internacional al minuto, vídeos y el canal en directo.`,
  listingDescription: (t, e) => `${t}: toda la actualidad y los últimos artículos de ${e}.`,
};

const ar: DesignLabels = {
  latestNews: 'آخر الأخبار',
  featuredTopics: 'مواضيع بارزة',
  videos: 'فيديو',
  watchLive: 'شاهد القناة مباشرة',
  more: 'المزيد في هذا القسم',
  sections: 'الأقسام',
  about: 'من نحن',
  follow: 'تابعونا',
  feeds: 'خلاصات RSS',
  allNews: 'كل الأخبار',
  otherEditions: 'نسخنا',
  rights: (n) => `© ${n}`,
  authors: 'الكتّاب',
  readAlso: 'اقرأ أيضاً',
  homeDescription: (e) => `${e}: الأخبار الدولية لحظة بلحظة، الفيديو والبث المباشر للقناة.`,
  listingDescription: (t, e) => `${t}: آخر الأخبار والمقالات من ${e}.`,
};

export const DESIGN_LABELS: Record<string, DesignLabels> = { fr, en, es, ar };
/** The catalogue src/render/catalogue.test.ts checks. */
export const catalogue = { fr, en, es, ar };

export function designLabelsFor(language: string): DesignLabels {
  return DESIGN_LABELS[language] ?? DESIGN_LABELS[language.split('-')[0]!] ?? en;
}
