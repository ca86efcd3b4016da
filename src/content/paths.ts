/**
 * Public paths, stored nowhere: content keeps slugs and ids, and URLs are made
 * when a page is rendered, so moving an edition to another domain rewrites nothing.
 */
type Words = { topic: string; person: string; author: string; search: string; entry: string; alerts: string; videos: string; direct: string; schedule: string; show: string; page: string };
const EN: Words = { topic: 'topic', person: 'person', author: 'author', search: 'search', entry: 'entry', alerts: 'alerts', videos: 'videos', direct: 'live', schedule: 'schedule', show: 'show', page: 'page' };
/** Per language; an edition in a language not listed here uses the English words (an Arabic edition's addresses stay readable when shared). */
const WORDS: Record<string, Words> = {
  fr: { topic: 'sujet', person: 'personne', author: 'auteur', search: 'recherche', entry: 'entree', alerts: 'alertes', videos: 'videos', direct: 'direct', schedule: 'programmes', show: 'emission', page: 'page' },
  en: EN,
  es: { topic: 'tema', person: 'persona', author: 'autor', search: 'buscar', entry: 'entrada', alerts: 'alertas', videos: 'videos', direct: 'directo', schedule: 'programacion', show: 'programa', page: 'pagina' },
};

function words(edition: string) {
  return WORDS[edition] ?? WORDS[edition.split('-')[0]] ?? WORDS.en;
}

/** Every word a search page may be called by, whatever the edition: the routes are registered under each. */
export const SEARCH_WORDS = [...new Set(Object.values(WORDS).map((w) => w.search))];
/** Every word a videos page may be called by (/fr/videos, /en/videos): the video routes are registered under each. */
export const VIDEO_WORDS = [...new Set(Object.values(WORDS).map((w) => w.videos))];

/** Every word the live channel's, the schedule's and the show pages may be called by, whatever the edition (src/tv/). */
export const TV_WORDS = {
  direct: [...new Set(Object.values(WORDS).map((w) => w.direct))],
  schedule: [...new Set(Object.values(WORDS).map((w) => w.schedule))],
  show: [...new Set(Object.values(WORDS).map((w) => w.show))],
};

/** Every word a static page may be called by (/fr/page/…, /es/pagina/…): the page routes are registered under each (src/structure/). */
export const PAGE_WORDS = [...new Set(Object.values(WORDS).map((w) => w.page))];
/** A slug as one path segment: percent-encoded when it is not ASCII (Arabic slugs), unchanged otherwise; routes get it decoded. */
const enc = (segment: string) => (/^[a-z0-9-]*$/.test(segment) ? segment : encodeURIComponent(segment));

export const paths = {
  edition: (edition: string) => `/${edition}/`,
  section: (edition: string, section: string) => `/${edition}/${enc(section)}/`,
  article: (edition: string, section: string, slug: string) => `/${edition}/${enc(section)}/${enc(slug)}`,
  tag: (edition: string, slug: string) => `/${edition}/${words(edition).topic}/${enc(slug)}`,
  person: (edition: string, slug: string) => `/${edition}/${words(edition).person}/${enc(slug)}`,
  author: (edition: string, slug: string) => `/${edition}/${words(edition).author}/${enc(slug)}`,
  /** The edition's search page, in its language: /fr/recherche, /en/search. */
  search: (edition: string) => `/${edition}/${words(edition).search}`,
  /** One entry of a live: /fr/monde/<slug>/entree/<id>, /en/world/<slug>/entry/<id>. */
  liveEntry: (edition: string, section: string, slug: string, entryId: number) => `/${edition}/${enc(section)}/${enc(slug)}/${words(edition).entry}/${entryId}`,
  /** A live page's event stream (Server-Sent Events). */
  liveEvents: (edition: string, section: string, slug: string) => `/${edition}/${enc(section)}/${enc(slug)}/events`,
  /** The edition's alerts page word: its feed is /fr/alertes/feed.xml. */
  alerts: (edition: string) => `/${edition}/${words(edition).alerts}`,
  /** The edition's videos: /fr/videos (all, `?section=` for one section's), /fr/videos/<slug> (one). */
  videos: (edition: string) => `/${edition}/${words(edition).videos}`,
  video: (edition: string, slug: string) => `/${edition}/${words(edition).videos}/${enc(slug)}`,
  /** The live channel's page: /fr/direct, /en/live. */
  direct: (edition: string) => `/${edition}/${words(edition).direct}`,
  /** The programme schedule: /fr/programmes?date=YYYY-MM-DD, /en/schedule. */
  schedule: (edition: string) => `/${edition}/${words(edition).schedule}`,
  /** A show's page, listing its episodes: /fr/emission/<slug>, /en/show/<slug>. */
  show: (edition: string, slug: string) => `/${edition}/${words(edition).show}/${enc(slug)}`,
  /** A static page (À propos, Mentions légales…): /fr/page/mentions-legales. */
  page: (edition: string, slug: string) => `/${edition}/${words(edition).page}/${enc(slug)}`,
  media: (key: string) => `/media/${key}`,
  words,
};

/**
 * The address of a media file: on the media host (MEDIA_PUBLIC_URL) when there
 * is one, otherwise under /media/ on `siteBase` (empty for a path on the same site).
 */
export function mediaHref(key: string, siteBase = '', mediaUrl?: string): string {
  return mediaUrl ? `${mediaUrl}/${key}` : siteBase + paths.media(key);
}

/** Path words, which no section may take as its slug. */
export const RESERVED_SLUGS = new Set([
  ...Object.values(WORDS).flatMap((w) => [w.topic, w.person, w.author, w.search, w.alerts, w.videos, w.direct, w.schedule, w.show, w.page]),
  'page',
  'assets',
  'media',
  'healthz',
  'api',
  'admin',
]);

/**
 * One percent-encoded segment of an address, decoded; null when it is
 * malformed or carries U+0000, which names no page (and which PostgreSQL
 * cannot take in a look-up).
 */
export function decodeSegment(segment: string): string | null {
  let s: string;
  try {
    s = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return s.includes('\u0000') ? null : s;
}
