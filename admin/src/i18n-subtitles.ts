/**
 * The words of the subtitles panel (the video editor's "Sous-titres" part),
 * of the video lead and video block of the article editor, and of the
 * publishing override, in French and in English.
 */

import { pick } from './lang.ts';

/** "00:01:02.500". */
const example = '00:01:02.500';

/** A video's transcode state. */
const VIDEO_STATUS: Record<string, string> = { waiting: 'en attente', transcoding: 'transcodage en cours', ready: 'prête', failed: 'échec' };

const fr = {
  panel: {
    heading: 'Sous-titres',
    intro: 'Un fichier WebVTT par langue. La vidéo doit avoir des sous-titres dans sa langue pour être publiée sans dérogation.',
    none: 'Aucun sous-titre pour le moment.',
    own: (lang: string) => `Langue de la vidéo (${lang})`,
    missingOwn: (lang: string) => `Il manque les sous-titres dans la langue de la vidéo (${lang}) : la publication le signalera.`,
    languages: 'Langues',
    language: 'Langue',
    label: 'Nom affiché',
    labelHint: 'Laissez vide pour le nom de la langue (« Français »).',
    cues: 'Répliques',
    cueCount: (n: number) => (n <= 1 ? `${n} réplique` : `${n} répliques`),
    updated: 'Modifié',
    edit: 'Modifier',
    editLabel: (label: string) => `Modifier les sous-titres ${label}`,
    remove: 'Supprimer',
    removeLabel: (label: string) => `Supprimer les sous-titres ${label}`,
    removeConfirm: (label: string) => `Supprimer les sous-titres ${label} ?`,
    removed: (label: string) => `Sous-titres ${label} supprimés.`,
    add: 'Ajouter une langue',
    languageHint: 'Code de langue : fr, en, ar, pt-BR…',
    languageInvalid: 'Un code de langue comme fr, en ou pt-BR.',
    upload: 'Envoyer un fichier .vtt',
    uploadHint: 'Le fichier remplace les sous-titres de cette langue.',
    uploaded: (label: string, n: number) => `Sous-titres ${label} enregistrés (${n <= 1 ? `${n} réplique` : `${n} répliques`}).`,
    fileTooLarge: 'Le fichier dépasse 2 Mo.',
    open: 'Ouvrir',
    file: 'Fichier publié',
  },
  editor: {
    heading: (label: string) => `Répliques — ${label}`,
    start: 'Début',
    end: 'Fin',
    text: 'Texte',
    timeHint: `Temps au format ${example}.`,
    addCue: 'Ajouter une réplique',
    removeCue: (n: number) => `Supprimer la réplique ${n}`,
    splitCue: (n: number) => `Couper la réplique ${n} en deux`,
    split: 'Couper',
    remove: 'Supprimer',
    save: 'Enregistrer les répliques',
    saved: (label: string) => `Répliques ${label} enregistrées.`,
    cancel: 'Fermer',
    row: (n: number) => `Réplique ${n}`,
    badTime: (what: string) => `${what} : une heure au format ${example}.`,
    endBeforeStart: 'La fin doit venir après le début.',
    emptyText: 'Le texte est vide.',
    outOfOrder: 'Les répliques doivent suivre l’ordre de leur début.',
    arrow: 'Le texte ne peut pas contenir « --> ».',
    noCues: 'Ajoutez au moins une réplique.',
  },
  errors: {
    title: 'Le fichier n’a pas été accepté',
    line: (line: number, message: string) => `Ligne ${line} : ${message}`,
    cue: (n: number, message: string) => `Réplique ${n} : ${message}`,
    /** The validator's messages (webvtt-parser), in French; anything else is shown as it came. */
    messages: {
      'No valid signature. (File needs to start with "WEBVTT".)': 'le fichier doit commencer par « WEBVTT ».',
      'No blank line after the signature.': 'une ligne vide doit suivre « WEBVTT ».',
      'Cue identifier cannot be standalone.': 'un identifiant de réplique doit être suivi de ses temps.',
      'Cue identifier needs to be followed by timestamp.': 'un identifiant de réplique doit être suivi de ses temps (début --> fin).',
      'Blank line missing before cue.': 'il manque une ligne vide avant la réplique.',
      'No timestamp found.': 'temps introuvable.',
      'Timestamp must start with a character in the range 0-9.': 'un temps commence par un chiffre.',
      'No time unit separator found.': 'il manque « : » dans le temps.',
      'Must be exactly two digits.': 'il faut exactement deux chiffres.',
      'No seconds found or minutes is greater than 59.': 'secondes manquantes, ou minutes au-delà de 59.',
      'No decimal separator (".") found.': 'il manque le point avant les millièmes.',
      'Milliseconds must be given in three digits.': 'les millièmes s’écrivent avec trois chiffres.',
      'You cannot have more than 59 minutes.': 'pas plus de 59 minutes.',
      'You cannot have more than 59 seconds.': 'pas plus de 59 secondes.',
      'Start timestamp is not greater than or equal to start timestamp of previous cue.': 'la réplique commence avant la précédente.',
      "Timestamp not separated from '-->' by whitespace.": 'il faut une espace avant « --> ».',
      'No valid timestamp separator found.': 'séparateur « --> » introuvable.',
      "'-->' not separated from timestamp by whitespace.": 'il faut une espace après « --> ».',
      'End timestamp is not greater than start timestamp.': 'la fin doit venir après le début.',
      'Timestamp must not have trailing characters.': 'caractères en trop après le temps.',
      'Incorrect start tag.': 'balise ouvrante inconnue.',
      'Incorrect end tag.': 'balise fermante inattendue.',
      'Required end tag missing.': 'balise non refermée.',
      'Incorrect escape.': 'entité HTML incorrecte (écrivez &amp; pour &).',
      'Invalid setting.': 'réglage de réplique inconnu.',
      'the end must come after the start': 'la fin doit venir après le début.',
      'the text is empty': 'le texte est vide.',
      'cues must be in the order of their start': 'les répliques doivent suivre l’ordre de leur début.',
      'no cues': 'aucune réplique.',
      'the file holds a NUL character': 'le fichier contient un caractère NUL.',
      'no cues: the file has a WEBVTT line and nothing to show': 'le fichier ne contient aucune réplique.',
    } as Record<string, string>,
  },
  video: {
    lead: 'Vidéo principale',
    choose: 'Choisir une vidéo',
    change: 'Changer de vidéo',
    leadAsVideo: 'Une vidéo en tête',
    leadAsImage: 'Une photo en tête',
    caption: 'Légende',
    captionHint: 'Facultatif : le titre et le crédit viennent de la vidéo.',
    pickerTitle: 'Choisir une vidéo prête',
    search: 'Rechercher une vidéo',
    none: 'Aucune vidéo prête. Les vidéos apparaissent ici une fois transcodées.',
    pick: 'Choisir',
    pickLabel: (title: string) => `Choisir la vidéo « ${title} »`,
    videoN: (id: number) => `Vidéo n° ${id}`,
    duration: (ms: number | null | undefined) => {
      if (!ms) return '';
      const s = Math.round(ms / 1000);
      return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
    },
    status: VIDEO_STATUS,
    noSubtitles: (lang: string) => `Pas de sous-titres dans la langue de la vidéo (${lang})`,
    subtitles: (langs: string) => `Sous-titres : ${langs}`,
    // Not just "Vidéo": the toolbar's embed (YouTube, Vimeo, Dailymotion) already says that, and the two were told apart by nothing.
    blockTitle: 'Vidéo de la vidéothèque',
    blockButton: 'Vidéothèque',
    blockLabel: 'Insérer une vidéo de la vidéothèque',
    insert: 'Insérer la vidéo',
    apply: 'Appliquer',
    required: 'Choisissez une vidéo.',
    loading: 'Chargement…',
    more: 'Plus de vidéos',
  },
  override: {
    title: 'Publier sans sous-titres ?',
    explain: 'Une vidéo de l’article n’a pas de sous-titres dans sa langue. Vous pouvez publier quand même : la raison sera inscrite au journal.',
    reason: 'Raison',
    reasonHint: 'Obligatoire. Par exemple : « sous-titres livrés dans l’heure ».',
    reasonMissing: 'Indiquez la raison.',
    publish: 'Publier sans sous-titres',
    schedule: 'Programmer sans sous-titres',
  },
  /** The server's words about videos in an article (publishing checks, unknown ids), in French. */
  serverPatterns: [
    [/^video (\d+) has no subtitles in its language \(([^)]+)\)/, (m) => `la vidéo n° ${m[1]} n’a pas de sous-titres dans sa langue (${m[2]}), ce qu’exige l’accessibilité : ajoutez-les, ou publiez sans en donnant la raison.`],
    [/^video (\d+) is not ready yet \((\w+)\)/, (m) => `la vidéo n° ${m[1]} n’est pas encore prête (${VIDEO_STATUS[m[2]] ?? m[2]}) : publiez une fois le transcodage terminé.`],
    [/^video (\d+) failed to transcode(?:: (.*?))?; retry it/, (m) => `le transcodage de la vidéo n° ${m[1]} a échoué${m[2] ? ` (${m[2]})` : ''} : relancez-le ou choisissez une autre vidéo.`],
    [/^video (\d+) is no longer in the library/, (m) => `la vidéo n° ${m[1]} n’est plus dans la vidéothèque.`],
    [/^no video with id (\d+)/, (m) => `aucune vidéo n° ${m[1]} dans la vidéothèque.`],
  ] as Array<[RegExp, (m: RegExpExecArray) => string]>,
};

const VIDEO_STATUS_EN: Record<string, string> = { waiting: 'waiting', transcoding: 'transcoding', ready: 'ready', failed: 'failed' };

const en: typeof fr = {
  panel: {
    heading: 'Subtitles',
    intro: 'One WebVTT file per language. The video needs subtitles in its own language to be published without an exception.',
    none: 'No subtitles yet.',
    own: (lang: string) => `Language of the video (${lang})`,
    missingOwn: (lang: string) => `The subtitles in the video’s language (${lang}) are missing: publishing will say so.`,
    languages: 'Languages',
    language: 'Language',
    label: 'Name shown',
    labelHint: 'Leave empty for the language’s name (“Français”).',
    cues: 'Cues',
    cueCount: (n: number) => (n === 1 ? `${n} cue` : `${n} cues`),
    updated: 'Changed',
    edit: 'Edit',
    editLabel: (label: string) => `Edit the ${label} subtitles`,
    remove: 'Delete',
    removeLabel: (label: string) => `Delete the ${label} subtitles`,
    removeConfirm: (label: string) => `Delete the ${label} subtitles?`,
    removed: (label: string) => `${label} subtitles deleted.`,
    add: 'Add a language',
    languageHint: 'Language code: fr, en, ar, pt-BR…',
    languageInvalid: 'A language code such as fr, en or pt-BR.',
    upload: 'Send a .vtt file',
    uploadHint: 'The file replaces the subtitles of this language.',
    uploaded: (label: string, n: number) => `${label} subtitles saved (${n === 1 ? `${n} cue` : `${n} cues`}).`,
    fileTooLarge: 'The file is larger than 2 MB.',
    open: 'Open',
    file: 'Published file',
  },
  editor: {
    heading: (label: string) => `Cues — ${label}`,
    start: 'Start',
    end: 'End',
    text: 'Text',
    timeHint: `Time written ${example}.`,
    addCue: 'Add a cue',
    removeCue: (n: number) => `Delete cue ${n}`,
    splitCue: (n: number) => `Split cue ${n} in two`,
    split: 'Split',
    remove: 'Delete',
    save: 'Save the cues',
    saved: (label: string) => `${label} cues saved.`,
    cancel: 'Close',
    row: (n: number) => `Cue ${n}`,
    badTime: (what: string) => `${what}: a time written ${example}.`,
    endBeforeStart: 'The end must come after the start.',
    emptyText: 'The text is empty.',
    outOfOrder: 'Cues must follow the order of their start.',
    arrow: 'The text may not hold “-->”.',
    noCues: 'Add at least one cue.',
  },
  errors: {
    title: 'The file was not accepted',
    line: (line: number, message: string) => `Line ${line}: ${message}`,
    cue: (n: number, message: string) => `Cue ${n}: ${message}`,
    /** The validator speaks English: its messages as they are. */
    messages: Object.fromEntries(Object.keys(fr.errors.messages).map((k) => [k, k])),
  },
  video: {
    lead: 'Main video',
    choose: 'Choose a video',
    change: 'Change the video',
    leadAsVideo: 'A video at the top',
    leadAsImage: 'A picture at the top',
    caption: 'Caption',
    captionHint: 'Optional: the title and credit come from the video.',
    pickerTitle: 'Choose a ready video',
    search: 'Search for a video',
    none: 'No ready video. Videos show here once transcoded.',
    pick: 'Choose',
    pickLabel: (title: string) => `Choose the video “${title}”`,
    videoN: (id: number) => `Video no. ${id}`,
    duration: (ms: number | null | undefined) => {
      if (!ms) return '';
      const s = Math.round(ms / 1000);
      return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
    },
    status: VIDEO_STATUS_EN,
    noSubtitles: (lang: string) => `No subtitles in the video’s language (${lang})`,
    subtitles: (langs: string) => `Subtitles: ${langs}`,
    blockTitle: 'Video from the video library',
    blockButton: 'Video library',
    blockLabel: 'Insert a video from the video library',
    insert: 'Insert the video',
    apply: 'Apply',
    required: 'Choose a video.',
    loading: 'Loading…',
    more: 'More videos',
  },
  override: {
    title: 'Publish without subtitles?',
    explain: 'A video of the article has no subtitles in its language. You may publish anyway: the reason is written to the log.',
    reason: 'Reason',
    reasonHint: 'Required. For example: “subtitles delivered within the hour”.',
    reasonMissing: 'Give the reason.',
    publish: 'Publish without subtitles',
    schedule: 'Schedule without subtitles',
  },
  /** The server speaks English already. */
  serverPatterns: [],
};

/** Both languages, for the test that every key exists in each. */
export const catalogue = { fr, en };

/** The words in the signed-in person's language. */
export const ts = pick(catalogue);

/** A server message about videos in the admin's language, or null when it is not one of those. */
export function videoServerMessage(message: string): string | null {
  for (const [re, fr] of ts.serverPatterns) {
    const m = re.exec(message);
    if (m) return fr(m);
  }
  return null;
}
