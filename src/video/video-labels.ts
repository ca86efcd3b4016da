import { inLanguage, type Catalogue } from '../render/catalogue.ts';
/**
 * The words of the video player and the video pages, per edition language
 * (unknown languages fall back to English). The player's own words travel to
 * public/video.js in the player's `data-labels`, so the controls it builds
 * speak the page's language.
 */
export interface VideoLabels {
  /** The poster link's visible words. */
  play: string;
  /** The poster link's accessible name, with the video's title. */
  playTitle: (title: string) => string;
  pause: string;
  mute: string;
  unmute: string;
  volume: string;
  seek: string;
  /** The time display: "elapsed / total". */
  time: string;
  subtitles: string;
  subtitlesOff: string;
  fullscreen: string;
  exitFullscreen: string;
  /** The region the built player is, named for assistive technology. */
  player: (title: string) => string;
  failed: string;
  /** No-JavaScript links under the poster. */
  downloadMp4: string;
  subtitleFile: (label: string) => string;
  transcript: string;
  chapters: string;
  /** A chapter link's accessible name: "Chapter at 1:05: Title". */
  chapterAt: (clock: string, title: string) => string;
  duration: string;
  credit: string;
  copyright: string;
  licence: string;
  usedIn: string;
  /** Listing titles. */
  videos: string;
  sectionVideos: (section: string) => string;
  latestVideos: string;
  allVideos: string;
  noVideos: string;
  /** The mark on a card of an article that leads with a video. */
  videoMark: string;
  /** The live variant's badge. */
  live: string;
}

const fr: VideoLabels = {
  play: 'Lire la vidéo',
  playTitle: (t) => `Lire la vidéo : ${t}`,
  pause: 'Pause',
  mute: 'Couper le son',
  unmute: 'Rétablir le son',
  volume: 'Volume',
  seek: 'Position dans la vidéo',
  time: 'Temps écoulé',
  subtitles: 'Sous-titres',
  subtitlesOff: 'Désactivés',
  fullscreen: 'Plein écran',
  exitFullscreen: 'Quitter le plein écran',
  player: (t) => `Lecteur vidéo : ${t}`,
  failed: 'La vidéo ne peut pas être lue pour le moment.',
  downloadMp4: 'Télécharger la vidéo (MP4)',
  subtitleFile: (l) => `Sous-titres : ${l} (WebVTT)`,
  transcript: 'Transcription',
  chapters: 'Chapitres',
  chapterAt: (c, t) => `${c} : ${t}`,
  duration: 'Durée',
  credit: 'Crédit',
  copyright: 'Droits',
  licence: 'Licence',
  usedIn: 'Articles avec cette vidéo',
  videos: 'Vidéos',
  sectionVideos: (s) => `Vidéos : ${s}`,
  latestVideos: 'Dernières vidéos',
  allVideos: 'Toutes les vidéos',
  noVideos: 'Aucune vidéo pour le moment.',
  videoMark: 'Vidéo',
  live: 'Direct',
};

const en: VideoLabels = {
  play: 'Play the video',
  playTitle: (t) => `Play the video: ${t}`,
  pause: 'Pause',
  mute: 'Mute',
  unmute: 'Unmute',
  volume: 'Volume',
  seek: 'Position in the video',
  time: 'Elapsed time',
  subtitles: 'Subtitles',
  subtitlesOff: 'Off',
  fullscreen: 'Full screen',
  exitFullscreen: 'Exit full screen',
  player: (t) => `Video player: ${t}`,
  failed: 'The video cannot be played right now.',
  downloadMp4: 'Download the video (MP4)',
  subtitleFile: (l) => `Subtitles: ${l} (WebVTT)`,
  transcript: 'Transcript',
  chapters: 'Chapters',
  chapterAt: (c, t) => `${c}: ${t}`,
  duration: 'Duration',
  credit: 'Credit',
  copyright: 'Copyright',
  licence: 'Licence',
  usedIn: 'Articles with this video',
  videos: 'Videos',
  sectionVideos: (s) => `Videos: ${s}`,
  latestVideos: 'Latest videos',
  allVideos: 'All videos',
  noVideos: 'No videos yet.',
  videoMark: 'Video',
  live: 'Live',
};

const es: VideoLabels = {
  play: 'Reproducir el vídeo',
  playTitle: (t) => `Reproducir el vídeo: ${t}`,
  pause: 'Pausa',
  mute: 'Silenciar',
  unmute: 'Activar el sonido',
  volume: 'Volumen',
  seek: 'Posición en el vídeo',
  time: 'Tiempo transcurrido',
  subtitles: 'Subtítulos',
  subtitlesOff: 'Desactivados',
  fullscreen: 'Pantalla completa',
  exitFullscreen: 'Salir de la pantalla completa',
  player: (t) => `Reproductor de vídeo: ${t}`,
  failed: 'El vídeo no se puede reproducir en este momento.',
  downloadMp4: 'Descargar el vídeo (MP4)',
  subtitleFile: (l) => `Subtítulos: ${l} (WebVTT)`,
  transcript: 'Transcripción',
  chapters: 'Capítulos',
  chapterAt: (c, t) => `${c}: ${t}`,
  duration: 'Duración',
  credit: 'Crédito',
  copyright: 'Derechos',
  licence: 'Licencia',
  usedIn: 'Artículos con este vídeo',
  videos: 'Vídeos',
  sectionVideos: (s) => `Vídeos: ${s}`,
  latestVideos: 'Últimos vídeos',
  allVideos: 'Todos los vídeos',
  noVideos: 'Todavía no hay vídeos.',
  videoMark: 'Vídeo',
  live: 'Directo',
};

const ar: VideoLabels = {
  play: 'تشغيل الفيديو',
  playTitle: (t) => `تشغيل الفيديو: ${t}`,
  pause: 'إيقاف مؤقت',
  mute: 'كتم الصوت',
  unmute: 'تشغيل الصوت',
  volume: 'مستوى الصوت',
  seek: 'الموضع في الفيديو',
  time: 'الوقت المنقضي',
  subtitles: 'الترجمة',
  subtitlesOff: 'إيقاف',
  fullscreen: 'ملء الشاشة',
  exitFullscreen: 'الخروج من ملء الشاشة',
  player: (t) => `مشغّل الفيديو: ${t}`,
  failed: 'لا يمكن تشغيل الفيديو حاليًا.',
  downloadMp4: 'تنزيل الفيديو (MP4)',
  subtitleFile: (l) => `الترجمة: ${l} (WebVTT)`,
  transcript: 'النص الكامل',
  chapters: 'الفصول',
  chapterAt: (c, t) => `${c}: ${t}`,
  duration: 'المدة',
  credit: 'المصدر',
  copyright: 'الحقوق',
  licence: 'الترخيص',
  usedIn: 'مقالات تتضمن هذا الفيديو',
  videos: 'فيديو',
  sectionVideos: (s) => `فيديو: ${s}`,
  latestVideos: 'أحدث مقاطع الفيديو',
  allVideos: 'كل مقاطع الفيديو',
  noVideos: 'لا توجد مقاطع فيديو حتى الآن.',
  videoMark: 'فيديو',
  live: 'مباشر',
};

/** Every language of the player and the video pages (src/render/catalogue.test.ts checks each has every key). */
export const catalogue: Catalogue<VideoLabels> = { fr, en, es, ar };

export function videoLabelsFor(language: string): VideoLabels {
  return inLanguage(catalogue, language);
}
