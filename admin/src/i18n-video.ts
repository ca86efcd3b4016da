/** The words of the video library and the video editor, in French and in English. */

import { adminLang, pick } from './lang.ts';

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });

const dateFormatEn = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });

function bytesEn(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toLocaleString('en-GB', { maximumFractionDigits: 1 })} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(n / 1024)).toLocaleString('en-GB')} KB`;
}

function durationEn(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h} h ${String(m).padStart(2, '0')} min ${sec} s` : `${m} min ${sec} s`;
}

function bytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Go`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  return `${Math.max(1, Math.round(n / 1024)).toLocaleString('fr-FR')} Ko`;
}

function duration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h} h ${String(m).padStart(2, '0')} min ${sec} s` : `${m} min ${sec} s`;
}

const fr = {
  library: {
    title: 'Vidéos',
    intro: 'Les vidéos de la rédaction : téléversez un fichier, il est transcodé en arrière-plan (plusieurs qualités, une version MP4, une affiche et des vignettes).',
    upload: 'Téléverser une vidéo',
    uploadHint: 'Ou déposez un fichier ici. MP4, MOV, MKV, WebM, MXF… jusqu’à la taille permise par le site ; l’envoi reprend de lui-même après une coupure du réseau.',
    dropHere: 'Déposez la vidéo pour la téléverser.',
    sending: (name: string, percent: number, sent: number, total: number) => `Envoi de ${name} : ${percent} % (${bytes(sent)} sur ${bytes(total)})`,
    paused: (name: string) => `Connexion perdue : l’envoi de ${name} reprendra dès que le réseau revient.`,
    resumed: (name: string) => `Envoi de ${name} repris.`,
    sent: (name: string) => `${name} est envoyée ; le transcodage va commencer.`,
    cancel: 'Annuler l’envoi',
    cancelled: (name: string) => `Envoi de ${name} annulé.`,
    search: 'Rechercher',
    searchHint: 'Dans le titre ou le nom du fichier.',
    searchButton: 'Chercher',
    filter: 'État',
    allStates: 'Tous',
    list: 'Liste des vidéos',
    none: 'Aucune vidéo.',
    more: 'Afficher plus',
    columns: { title: 'Titre', state: 'État', duration: 'Durée', edition: 'Édition', created: 'Ajoutée le', actions: 'Actions' },
    retry: 'Réessayer',
    retryLabel: (title: string) => `Réessayer le transcodage de « ${title} »`,
    retried: (title: string) => `Le transcodage de « ${title} » est relancé.`,
    edit: 'Modifier',
    editLabel: (title: string) => `Modifier « ${title} »`,
    poster: 'Affiche',
  },
  states: {
    waiting: 'En attente',
    transcoding: (percent: number) => `Transcodage ${percent} %`,
    ready: 'Prête',
    failed: 'Échec',
  },
  stateFilter: { waiting: 'En attente', transcoding: 'En cours de transcodage', ready: 'Prêtes', failed: 'En échec' } as Record<string, string>,
  failedBecause: (reason: string) => `Échec : ${reason}`,
  editor: {
    title: (title: string) => `Vidéo : ${title}`,
    back: 'Retour aux vidéos',
    metadata: 'Informations',
    fields: {
      title: 'Titre',
      description: 'Description',
      credit: 'Crédit',
      copyright: 'Droits (copyright)',
      licence: 'Licence',
      licenceHint: 'Par exemple « Tous droits réservés » ou « CC BY 4.0 ».',
      language: 'Langue parlée',
      languageHint: 'Code de langue : fr, en, ar… Les sous-titres sont attendus dans cette langue.',
      edition: 'Édition',
      section: 'Rubrique',
      noSection: 'Aucune',
      slug: 'Adresse (slug)',
      published: 'Page de la vidéo publiée',
      publishedHint: 'La vidéo a alors sa propre page dans l’édition ; elle peut être dans un article sans cela.',
    },
    save: 'Enregistrer',
    saved: 'Vidéo enregistrée.',
    conflict: 'Quelqu’un a modifié cette vidéo entre-temps. Rechargez la page pour voir sa version ; vos changements ne sont pas enregistrés.',
    reload: 'Recharger',
    facts: 'Fichier',
    file: 'Fichier d’origine',
    size: 'Taille',
    duration: 'Durée',
    frame: 'Image',
    created: 'Ajoutée le',
    durationText: duration,
    bytesText: bytes,
    date: (iso: string) => `${dateFormat.format(new Date(iso))} (heure de Paris)`,
    job: 'Transcodage',
    renditions: 'Qualités produites',
    audioOnly: 'son seul',
    links: 'Fichiers produits',
    hls: 'Liste de lecture HLS',
    mp4: 'MP4',
    posterTitle: 'Affiche',
    posterNone: 'Pas encore d’affiche : elle est tirée de la vidéo au transcodage.',
    posterAlt: (title: string) => `Affiche de « ${title} »`,
    posterAt: 'Image à (secondes)',
    posterAtHint: 'Le moment de la vidéo où prendre l’affiche ; elle est faite en arrière-plan.',
    posterFrame: 'Prendre cette image',
    posterQueued: 'L’affiche sera faite dans un instant.',
    posterPick: 'Choisir une image de la médiathèque',
    posterPicked: 'Affiche changée.',
    posterDialog: 'Choisir l’affiche',
    posterUse: 'Prendre comme affiche',
    posterUseLabel: (name: string) => `Prendre ${name} comme affiche`,
    posterJob: (state: string) => `Affiche : ${state}`,
    jobStates: { waiting: 'en attente', working: 'en cours', done: 'faite', failed: 'échec' } as Record<string, string>,
    usedIn: 'Utilisée dans',
    usedNowhere: 'Aucun article n’utilise cette vidéo.',
    article: (id: number) => `Article n° ${id}`,
    remove: 'Supprimer la vidéo',
    confirmRemove: (title: string) => `Supprimer « ${title} » ? Les articles ne doivent plus l’utiliser.`,
    removed: 'Vidéo supprimée.',
  },
};

const en: typeof fr = {
  library: {
    title: 'Videos',
    intro: 'The newsroom’s videos: upload a file, it is transcoded in the background (several qualities, an MP4 version, a poster and thumbnails).',
    upload: 'Upload a video',
    uploadHint: 'Or drop a file here. MP4, MOV, MKV, WebM, MXF… up to the size the site allows; the upload resumes by itself after a network cut.',
    dropHere: 'Drop the video to upload it.',
    sending: (name: string, percent: number, sent: number, total: number) => `Uploading ${name}: ${percent} % (${bytesEn(sent)} of ${bytesEn(total)})`,
    paused: (name: string) => `Connection lost: the upload of ${name} resumes as soon as the network is back.`,
    resumed: (name: string) => `Upload of ${name} resumed.`,
    sent: (name: string) => `${name} is uploaded; the transcode will start.`,
    cancel: 'Cancel the upload',
    cancelled: (name: string) => `Upload of ${name} cancelled.`,
    search: 'Search',
    searchHint: 'In the title or the file name.',
    searchButton: 'Search',
    filter: 'State',
    allStates: 'All',
    list: 'List of videos',
    none: 'No videos.',
    more: 'Show more',
    columns: { title: 'Title', state: 'State', duration: 'Duration', edition: 'Edition', created: 'Added', actions: 'Actions' },
    retry: 'Try again',
    retryLabel: (title: string) => `Try the transcode of “${title}” again`,
    retried: (title: string) => `The transcode of “${title}” starts again.`,
    edit: 'Edit',
    editLabel: (title: string) => `Edit “${title}”`,
    poster: 'Poster',
  },
  states: {
    waiting: 'Waiting',
    transcoding: (percent: number) => `Transcoding ${percent} %`,
    ready: 'Ready',
    failed: 'Failed',
  },
  stateFilter: { waiting: 'Waiting', transcoding: 'Transcoding', ready: 'Ready', failed: 'Failed' },
  failedBecause: (reason: string) => `Failed: ${reason}`,
  editor: {
    title: (title: string) => `Video: ${title}`,
    back: 'Back to the videos',
    metadata: 'Information',
    fields: {
      title: 'Title',
      description: 'Description',
      credit: 'Credit',
      copyright: 'Rights (copyright)',
      licence: 'Licence',
      licenceHint: 'For example “All rights reserved” or “CC BY 4.0”.',
      language: 'Spoken language',
      languageHint: 'Language code: fr, en, ar… Subtitles are expected in this language.',
      edition: 'Edition',
      section: 'Section',
      noSection: 'None',
      slug: 'Address (slug)',
      published: 'Video page published',
      publishedHint: 'The video then has its own page in the edition; it can be in an article without it.',
    },
    save: 'Save',
    saved: 'Video saved.',
    conflict: 'Someone changed this video in the meantime. Reload the page to see their version; your changes are not saved.',
    reload: 'Reload',
    facts: 'File',
    file: 'Original file',
    size: 'Size',
    duration: 'Duration',
    frame: 'Frame',
    created: 'Added',
    durationText: durationEn,
    bytesText: bytesEn,
    date: (iso: string) => `${dateFormatEn.format(new Date(iso))} (Paris time)`,
    job: 'Transcode',
    renditions: 'Qualities made',
    audioOnly: 'audio only',
    links: 'Files made',
    hls: 'HLS playlist',
    mp4: 'MP4',
    posterTitle: 'Poster',
    posterNone: 'No poster yet: it is taken from the video when transcoding.',
    posterAlt: (title: string) => `Poster of “${title}”`,
    posterAt: 'Frame at (seconds)',
    posterAtHint: 'The moment of the video to take the poster from; it is made in the background.',
    posterFrame: 'Take this frame',
    posterQueued: 'The poster will be made in a moment.',
    posterPick: 'Choose a picture from the media library',
    posterPicked: 'Poster changed.',
    posterDialog: 'Choose the poster',
    posterUse: 'Use as poster',
    posterUseLabel: (name: string) => `Use ${name} as poster`,
    posterJob: (state: string) => `Poster: ${state}`,
    jobStates: { waiting: 'waiting', working: 'under way', done: 'done', failed: 'failed' },
    usedIn: 'Used in',
    usedNowhere: 'No article uses this video.',
    article: (id: number) => `Article no. ${id}`,
    remove: 'Delete the video',
    confirmRemove: (title: string) => `Delete “${title}”? Articles must no longer use it.`,
    removed: 'Video deleted.',
  },
};

/** Both languages, for the test that every key exists in each. */
export const catalogue = { fr, en };

/** The video screens' words in the signed-in person's language. */
export const tv = pick(catalogue);

/** Why a video was refused or failed, in the admin's language: the server's English as it is, else in French. */
export function videoReason(reason: string): string {
  return adminLang() === 'en' ? reason : reasonInFrench(reason);
}

/**
 * Why a video was refused or failed, in French. The server states its reasons
 * in fixed English sentences (src/video/probe.ts, video.worker.ts); each known
 * one becomes its French sentence, with ffmpeg's own words kept as a detail.
 * An unknown reason is shown as it came.
 */
export function reasonInFrench(reason: string): string {
  const named = /^([^:]{1,255}\.[a-z0-9]{2,5}): (.*)$/is.exec(reason);
  const file = named ? named[1] : null;
  const rest = named ? named[2] : reason;
  const m = (re: RegExp) => re.exec(rest);
  let r: RegExpExecArray | null;
  let text: string;
  if ((r = m(/^this file is not a video \(its format is ([^)]*)\)/))) text = `ce fichier n’est pas une vidéo (format reconnu : ${r[1]}) ; envoyez un fichier MP4, MOV, MKV, WebM, MXF, AVI ou MPEG-TS`;
  else if (m(/^this file is not a video that can be read/)) text = 'ce fichier n’est pas une vidéo lisible';
  else if (m(/^this file has no video track/)) text = 'ce fichier n’a pas de piste vidéo';
  else if (m(/^the video track has no frame size/)) text = 'la piste vidéo n’indique pas la taille de son image';
  else if ((r = m(/^the frame \((\d+)×(\d+)\) is larger than the ([\d,]+) pixels accepted/))) text = `l’image (${r[1]} × ${r[2]}) dépasse les ${r[3].replace(/,/g, '\u202f')} pixels acceptés`;
  else if (m(/^the video has no duration/)) text = 'la vidéo n’a pas de durée (fichier vide, flux sans fin ou fichier abîmé)';
  else if ((r = m(/^the video lasts (.+), longer than the (.+) accepted/))) text = `la vidéo dure ${r[1]}, plus que les ${r[2]} acceptées`;
  else if ((r = m(/^the file could not be read within (\d+) s/))) text = `le fichier n’a pas pu être lu en ${r[1]} s`;
  else if (m(/^the file describes too many tracks/)) text = 'le fichier décrit trop de pistes pour être une vidéo';
  else if ((r = m(/^the transcode stopped (\d+) times/))) text = `le transcodage s’est interrompu ${r[1]} fois sans aboutir (mémoire insuffisante ?)`;
  else if (m(/^the video has no source file/)) text = 'la vidéo n’a pas de fichier source';
  else if ((r = m(/^ffmpeg stopped \(([^)]*)\)(?:: (.*))?$/s))) text = `ffmpeg s’est arrêté (${r[1]})${r[2] ? ` : ${r[2]}` : ''}`;
  else if ((r = m(/^could not start (.*)$/s))) text = `impossible de lancer ${r[1]}`;
  else text = rest;
  return file ? `${file} : ${text}` : text;
}
