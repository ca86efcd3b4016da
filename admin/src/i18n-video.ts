/** The words of the video library and the video editor, in French (the admin's language). */

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });

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

export const tv = {
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
    subtitles: 'Sous-titres',
    remove: 'Supprimer la vidéo',
    confirmRemove: (title: string) => `Supprimer « ${title} » ? Les articles ne doivent plus l’utiliser.`,
    removed: 'Vidéo supprimée.',
  },
};
