/**
 * The words of the "Direct et programmes" screen (the live channel, its
 * schedule, its shows and its XMLTV source), in French and in English. Times always say
 * their zone: the schedule is kept in the edition's time zone, which may not
 * be the one of the computer in use.
 */

import { adminLang, pick } from './lang.ts';

const locale = () => (adminLang() === 'en' ? 'en-GB' : 'fr-FR');

/** "20:30 UTC+1": a time in the edition's zone, with the zone. */
export function timeIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short' }).format(new Date(iso));
}

/** "7 déc. 2026, 10:30 UTC+1". */
export function dateTimeIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso)) + ` (${timeZone})`;
}

const fr = {
  title: 'Direct et programmes',
  intro: 'La chaîne en direct de chaque édition, sa grille des programmes (importée d’un fichier XMLTV ou saisie ici) et ses émissions.',
  edition: 'Édition',
  zone: (tz: string) => `Heures de l’édition : ${tz}`,

  channel: {
    heading: 'La chaîne',
    name: 'Nom de la chaîne',
    streams: 'Flux HLS',
    streamsHint: 'Une adresse https par ligne, se terminant par .m3u8 ; la première est lue.',
    enabled: 'Diffuser le direct sur le site',
    enabledHint: 'Avec au moins un flux, le lien « DIRECT » apparaît dans l’en-tête du site.',
    onAir: 'À l’antenne : le lien « DIRECT » est visible.',
    offAir: 'Hors antenne : la page du direct l’indique aux lecteurs.',
    adminsOnly: 'Seuls les administrateurs peuvent modifier la chaîne.',
    saved: 'Réglages de la chaîne enregistrés.',
  },

  schedule: {
    heading: 'Grille des programmes',
    day: 'Jour',
    previous: 'Jour précédent',
    next: 'Jour suivant',
    none: 'Aucun programme ce jour-là.',
    columns: ['Horaire', 'Programme', 'Origine', 'Actions'],
    source: { xmltv: 'Import XMLTV', admin: 'Saisi ici' } as Record<'xmltv' | 'admin', string>,
    sourceHint: 'Un programme importé que l’on modifie ici devient « saisi ici » : les imports suivants ne le remplacent plus.',
    edit: 'Modifier',
    editLabel: (title: string) => `Modifier « ${title} »`,
    remove: 'Supprimer',
    removeLabel: (title: string) => `Supprimer « ${title} »`,
    confirmRemove: (title: string) => `Supprimer le programme « ${title} » ?`,
    removed: 'Programme supprimé.',
    add: 'Ajouter un programme',
    editing: (title: string) => `Modifier « ${title} »`,
    show: 'Émission',
    showNone: 'Selon le titre (émission créée si besoin)',
    titleField: 'Titre',
    titleHint: 'Facultatif quand une émission est choisie : son titre est repris.',
    episodeTitle: 'Titre de l’épisode',
    description: 'Description',
    startsAt: (tz: string) => `Début (heure de ${tz})`,
    endsAt: (tz: string) => `Fin (heure de ${tz})`,
    season: 'Saison',
    episode: 'Épisode',
    videoId: 'Replay : numéro de la vidéo',
    videoHint: 'Le numéro de la vidéo dans la vidéothèque ; son lien apparaît sur la page de l’émission une fois la vidéo publiée.',
    articleIds: 'Articles liés : numéros',
    articleHint: 'Numéros d’articles séparés par des virgules.',
    submitAdd: 'Ajouter le programme',
    submitEdit: 'Enregistrer le programme',
    cancel: 'Annuler la modification',
    added: 'Programme ajouté.',
    saved: 'Programme enregistré.',
    badTime: 'Indiquez une date et une heure.',
    badNumbers: 'Indiquez des numéros séparés par des virgules.',
    replay: (id: number) => `replay : vidéo ${id}`,
    articles: (n: number) => (n === 1 ? '1 article lié' : `${n} articles liés`),
    episodeNumber: (s: number | null, e: number | null) => [s !== null ? `saison ${s}` : '', e !== null ? `épisode ${e}` : ''].filter(Boolean).join(', '),
  },

  shows: {
    heading: 'Émissions',
    none: 'Aucune émission.',
    columns: ['Émission', 'Adresse', 'Actions'],
    add: 'Ajouter une émission',
    editing: (title: string) => `Modifier « ${title} »`,
    titleField: 'Titre',
    slug: 'Adresse (slug)',
    slugHint: 'Lettres minuscules, chiffres et tirets ; tirée du titre si vide.',
    description: 'Description',
    imageId: 'Image : numéro dans la médiathèque',
    submitAdd: 'Ajouter l’émission',
    submitEdit: 'Enregistrer l’émission',
    added: 'Émission ajoutée.',
    saved: 'Émission enregistrée.',
    remove: 'Supprimer',
    removeLabel: (title: string) => `Supprimer l’émission « ${title} »`,
    confirmRemove: (title: string) => `Supprimer l’émission « ${title} » ? Ce n’est possible que si aucun programme n’en fait partie.`,
    removed: 'Émission supprimée.',
    edit: 'Modifier',
    editLabel: (title: string) => `Modifier l’émission « ${title} »`,
    view: 'Voir la page',
  },

  source: {
    heading: 'Source XMLTV',
    intro: 'Un fichier XMLTV publié à une adresse est relu régulièrement ; ses programmes remplacent ceux du même créneau déjà importés. On peut aussi importer un fichier en ligne de commande : depeche import --from xmltv FICHIER.',
    url: 'Adresse du fichier XMLTV',
    urlHint: 'http(s) ; laisser vide pour ne rien relire.',
    channel: 'Identifiant de la chaîne dans le fichier',
    channelHint: 'La valeur de <channel id="…"> ; facultatif si le fichier n’a qu’une chaîne.',
    minutes: 'Relire toutes les (minutes)',
    save: 'Enregistrer la source',
    saved: 'Source enregistrée.',
    importNow: 'Importer maintenant',
    importing: 'Import en cours…',
    imported: (n: number, replaced: number) => `${n} programmes importés (${replaced} remplacés).`,
    failed: (error: string) => `L’import a échoué : ${error}`,
    lastPoll: (at: string) => `Dernière lecture : ${at}`,
    never: 'Jamais lue.',
    lastError: (error: string) => `Erreur : ${error}`,
    ok: 'Dernière lecture réussie.',
  },
};

const en: typeof fr = {
  title: 'Live and schedule',
  intro: 'Each edition’s live channel, its programme schedule (imported from an XMLTV file or entered here) and its shows.',
  edition: 'Edition',
  zone: (tz: string) => `Edition times: ${tz}`,

  channel: {
    heading: 'The channel',
    name: 'Channel name',
    streams: 'HLS streams',
    streamsHint: 'One https address per line, ending in .m3u8; the first one is played.',
    enabled: 'Show the live channel on the site',
    enabledHint: 'With at least one stream, the “LIVE” link appears in the site’s header.',
    onAir: 'On air: the “LIVE” link is shown.',
    offAir: 'Off air: the live page tells readers so.',
    adminsOnly: 'Only administrators may change the channel.',
    saved: 'Channel settings saved.',
  },

  schedule: {
    heading: 'Programme schedule',
    day: 'Day',
    previous: 'Previous day',
    next: 'Next day',
    none: 'No programme that day.',
    columns: ['Time', 'Programme', 'Origin', 'Actions'],
    source: { xmltv: 'XMLTV import', admin: 'Entered here' },
    sourceHint: 'An imported programme changed here becomes “entered here”: later imports no longer replace it.',
    edit: 'Edit',
    editLabel: (title: string) => `Edit “${title}”`,
    remove: 'Delete',
    removeLabel: (title: string) => `Delete “${title}”`,
    confirmRemove: (title: string) => `Delete the programme “${title}”?`,
    removed: 'Programme deleted.',
    add: 'Add a programme',
    editing: (title: string) => `Edit “${title}”`,
    show: 'Show',
    showNone: 'By its title (show created if needed)',
    titleField: 'Title',
    titleHint: 'Optional when a show is chosen: its title is used.',
    episodeTitle: 'Episode title',
    description: 'Description',
    startsAt: (tz: string) => `Start (${tz} time)`,
    endsAt: (tz: string) => `End (${tz} time)`,
    season: 'Season',
    episode: 'Episode',
    videoId: 'Replay: video number',
    videoHint: 'The video’s number in the video library; its link shows on the show’s page once the video is published.',
    articleIds: 'Linked articles: numbers',
    articleHint: 'Article numbers separated by commas.',
    submitAdd: 'Add the programme',
    submitEdit: 'Save the programme',
    cancel: 'Cancel the edit',
    added: 'Programme added.',
    saved: 'Programme saved.',
    badTime: 'Give a date and a time.',
    badNumbers: 'Give numbers separated by commas.',
    replay: (id: number) => `replay: video ${id}`,
    articles: (n: number) => (n === 1 ? '1 linked article' : `${n} linked articles`),
    episodeNumber: (s: number | null, e: number | null) => [s !== null ? `season ${s}` : '', e !== null ? `episode ${e}` : ''].filter(Boolean).join(', '),
  },

  shows: {
    heading: 'Shows',
    none: 'No shows.',
    columns: ['Show', 'Address', 'Actions'],
    add: 'Add a show',
    editing: (title: string) => `Edit “${title}”`,
    titleField: 'Title',
    slug: 'Address (slug)',
    slugHint: 'Lower-case letters, digits and hyphens; made from the title if empty.',
    description: 'Description',
    imageId: 'Picture: number in the media library',
    submitAdd: 'Add the show',
    submitEdit: 'Save the show',
    added: 'Show added.',
    saved: 'Show saved.',
    remove: 'Delete',
    removeLabel: (title: string) => `Delete the show “${title}”`,
    confirmRemove: (title: string) => `Delete the show “${title}”? Only possible when no programme belongs to it.`,
    removed: 'Show deleted.',
    edit: 'Edit',
    editLabel: (title: string) => `Edit the show “${title}”`,
    view: 'See the page',
  },

  source: {
    heading: 'XMLTV source',
    intro: 'An XMLTV file published at an address is read again regularly; its programmes replace those already imported in the same slot. A file can also be imported from the command line: depeche import --from xmltv FILE.',
    url: 'XMLTV file address',
    urlHint: 'http(s); leave empty to read nothing.',
    channel: 'Channel identifier in the file',
    channelHint: 'The value of <channel id="…">; optional if the file has a single channel.',
    minutes: 'Read again every (minutes)',
    save: 'Save the source',
    saved: 'Source saved.',
    importNow: 'Import now',
    importing: 'Importing…',
    imported: (n: number, replaced: number) => `${n} programmes imported (${replaced} replaced).`,
    failed: (error: string) => `The import failed: ${error}`,
    lastPoll: (at: string) => `Last read: ${at}`,
    never: 'Never read.',
    lastError: (error: string) => `Error: ${error}`,
    ok: 'Last read succeeded.',
  },
};

/** Both languages, for the test that every key exists in each. */
export const catalogue = { fr, en };

/** The screen's words in the signed-in person's language (the name it has always had). */
export const tvFr = pick(catalogue);
