/**
 * Word lists the archive generator draws its text from, written for it. The
 * sentences they make read like news copy without saying anything true.
 */

export interface Words {
  sections: Array<[slug: string, name: string]>;
  subjects: string[];
  verbs: string[];
  objects: string[];
  places: string[];
  topics: string[];
  openers: string[];
  connectors: string[];
  closers: string[];
  headings: string[];
  roles: string[];
  quotes: string[];
  captions: string[];
  credit: string;
}

export const FR: Words = {
  sections: [
    ['monde', 'Monde'],
    ['france', 'France'],
    ['economie', 'Économie'],
    ['politique', 'Politique'],
    ['culture', 'Culture'],
    ['sport', 'Sport'],
    ['sciences', 'Sciences'],
    ['regions', 'Régions'],
    ['tv', 'TV'],
    ['societe', 'Société'],
  ],
  subjects: [
    'Le conseil régional', 'La municipalité', 'Le syndicat des transports', 'Les viticulteurs', 'La fédération de rugby',
    'Le ministère de la Culture', 'Les chercheurs du laboratoire', 'La chambre de commerce', 'Les habitants du quartier',
    'Le théâtre municipal', 'La préfecture', 'Les pêcheurs du port', 'Le club de handball', 'Les infirmières de nuit',
    'La communauté de communes', 'Le festival de jazz', 'Les éleveurs de montagne', 'La rédaction', 'Le parc naturel',
    'Les lycéens', 'La compagnie aérienne', 'Le musée des beaux-arts', 'Les maires ruraux', 'Le tribunal administratif',
  ],
  verbs: [
    'présente', 'suspend', 'relance', 'prolonge', 'conteste', 'dévoile', 'finance', 'reporte', 'inaugure', 'rejette',
    'négocie', 'annonce', 'adopte', 'défend', 'lance', 'réduit',
  ],
  objects: [
    'un plan de rénovation', 'la ligne de bus de nuit', 'un budget rectificatif', 'la saison des vendanges', 'un nouveau stade',
    'le projet de barrage', 'une exposition sur les tanneries', 'la réforme des horaires', 'un accord salarial',
    'la piste cyclable du littoral', 'un appel à projets', 'la fermeture de la maternité', 'un programme de recherche',
    'la rénovation du marché couvert', 'un couvre-feu pour les poids lourds', 'la candidature aux Jeux', 'un festival de courts métrages',
    'la hausse des tarifs', 'un réseau de chaleur', 'le retour du tramway',
  ],
  places: [
    'à Lyon', 'à Rennes', 'en Corrèze', 'dans le Jura', 'à Marseille', 'en Alsace', 'à Nantes', 'dans les Landes', 'à Lille',
    'en Savoie', 'à Toulouse', 'dans le Finistère', 'à Bordeaux', 'en Auvergne', 'à Strasbourg', 'dans la vallée du Rhône',
    'à Montpellier', 'en Normandie', 'à Dijon', 'sur la Côte basque', 'à Grenoble', 'en Champagne', 'à Metz', 'dans le Cantal',
    'à Genève', 'à Bruxelles', 'à Montréal', 'à Dakar', 'à Tunis', 'à Lisbonne',
  ],
  topics: [
    'Énergie', 'Transports', 'Logement', 'Agriculture', 'Éducation', 'Santé', 'Climat', 'Justice', 'Emploi', 'Tourisme',
    'Vin', 'Pêche', 'Rugby', 'Football', 'Cyclisme', 'Voile', 'Cinéma', 'Théâtre', 'Musique', 'Patrimoine', 'Élections',
    'Budget', 'Industrie', 'Numérique', 'Recherche', 'Forêts', 'Eau', 'Montagne', 'Littoral', 'Hôpitaux', 'Retraites',
    'Commerce', 'Festivals', 'Musées', 'Universités', 'Sécurité', 'Incendies', 'Inondations', 'Élevage', 'Ferroviaire',
  ],
  openers: [
    'Après des mois de discussions', 'Dès lundi', 'Selon les premiers chiffres', 'Malgré la pluie', 'Au terme d’une longue séance',
    'Depuis le début de l’année', 'Faute d’accord', 'À la surprise générale', 'Comme chaque automne', 'Pour la première fois',
  ],
  connectors: [
    'les élus ont voté le texte', 'les riverains se sont rassemblés devant la mairie', 'le chantier a pris du retard',
    'les réservations dépassent les prévisions', 'les syndicats demandent un calendrier précis', 'le dossier revient devant le conseil',
    'les associations saluent une avancée', 'l’opposition réclame un audit', 'la fréquentation a doublé', 'les travaux reprendront au printemps',
    'les commerçants attendent des garanties', 'le public a répondu présent', 'la décision sera connue en fin de semaine',
  ],
  closers: [
    'Une réunion publique est prévue le mois prochain.', 'Le calendrier définitif reste à fixer.', 'Les détails seront précisés par arrêté.',
    'Le dossier sera rouvert à la rentrée.', 'Un premier bilan sera tiré dans six mois.', 'La consultation reste ouverte jusqu’à la fin du mois.',
  ],
  headings: ['Un calendrier serré', 'Ce qui change', 'Les réactions', 'Des chiffres en hausse', 'Et maintenant ?', 'Le contexte'],
  roles: ['maire', 'adjointe aux finances', 'présidente du club', 'chercheur', 'syndicaliste', 'directrice du festival', 'viticulteur', 'préfet', 'entraîneur', 'urbaniste'],
  quotes: [
    'Nous avons attendu ce moment pendant des années, il faut maintenant tenir les délais.',
    'Personne ne pourra dire qu’il n’a pas été consulté.',
    'C’est une étape, pas une fin en soi.',
    'Les chiffres parlent d’eux-mêmes, la demande est là.',
    'Nous resterons vigilants jusqu’au bout.',
    'Il fallait un signal clair, le voici.',
  ],
  captions: ['Vue générale du site, en fin de journée.', 'Les premiers visiteurs à l’ouverture.', 'Une séance du conseil, en début de soirée.'],
  credit: 'Rédaction',
};

export const EN: Words = {
  sections: [
    ['world', 'World'],
    ['europe', 'Europe'],
    ['business', 'Business'],
    ['politics', 'Politics'],
    ['culture', 'Culture'],
    ['sport', 'Sport'],
    ['science', 'Science'],
    ['regions', 'Regions'],
    ['tv', 'TV'],
    ['society', 'Society'],
  ],
  subjects: [
    'The regional council', 'The city hall', 'The transport authority', 'Wine growers', 'The rugby federation', 'The culture ministry',
    'Laboratory researchers', 'The chamber of commerce', 'Local residents', 'The municipal theatre', 'Harbour fishermen', 'The handball club',
    'Night-shift nurses', 'The jazz festival', 'Mountain farmers', 'The newsroom', 'The national park', 'Secondary school pupils',
    'The airline', 'The fine arts museum', 'Rural mayors', 'The administrative court',
  ],
  verbs: ['unveils', 'suspends', 'revives', 'extends', 'challenges', 'funds', 'postpones', 'opens', 'rejects', 'negotiates', 'announces', 'adopts', 'defends', 'launches', 'cuts'],
  objects: [
    'a renovation plan', 'the night bus line', 'a revised budget', 'the grape harvest season', 'a new stadium', 'the dam project',
    'an exhibition on tanneries', 'the timetable reform', 'a pay deal', 'the coastal cycle path', 'a call for projects',
    'the maternity ward closure', 'a research programme', 'the covered market renovation', 'a lorry curfew', 'the Games bid',
    'a short film festival', 'the fare increase', 'a district heating network', 'the return of the tram',
  ],
  places: [
    'in Lyon', 'in Rennes', 'in the Jura', 'in Marseille', 'in Alsace', 'in Nantes', 'in Lille', 'in Savoy', 'in Toulouse', 'in Brittany',
    'in Bordeaux', 'in Strasbourg', 'in the Rhône valley', 'in Normandy', 'in Geneva', 'in Brussels', 'in Montreal', 'in Dakar', 'in Lisbon', 'in Grenoble',
  ],
  topics: [
    'Energy', 'Transport', 'Housing', 'Farming', 'Education', 'Health', 'Climate', 'Justice', 'Jobs', 'Tourism', 'Wine', 'Fishing', 'Rugby',
    'Football', 'Cycling', 'Sailing', 'Cinema', 'Theatre', 'Music', 'Heritage', 'Elections', 'Budget', 'Industry', 'Digital', 'Research',
    'Forests', 'Water', 'Mountains', 'Coast', 'Hospitals', 'Pensions', 'Retail', 'Festivals', 'Museums', 'Universities', 'Railways',
  ],
  openers: ['After months of talks', 'From Monday', 'According to early figures', 'Despite the rain', 'After a long session', 'Since the start of the year', 'For the first time'],
  connectors: [
    'councillors voted the text through', 'residents gathered outside the town hall', 'the works have fallen behind schedule',
    'bookings are ahead of forecasts', 'unions want a precise timetable', 'the file goes back to the council', 'associations welcome the step',
    'the opposition wants an audit', 'attendance has doubled', 'work will resume in the spring',
  ],
  closers: ['A public meeting is planned next month.', 'The final timetable is still to be set.', 'A first review is due in six months.', 'The consultation stays open until the end of the month.'],
  headings: ['A tight timetable', 'What changes', 'Reactions', 'Figures on the rise', 'What next?', 'Background'],
  roles: ['mayor', 'deputy for finance', 'club president', 'researcher', 'union official', 'festival director', 'wine grower', 'prefect', 'coach', 'town planner'],
  quotes: [
    'We have waited years for this, now the deadlines must be kept.',
    'Nobody can say they were not consulted.',
    'It is a step, not an end in itself.',
    'The figures speak for themselves: the demand is there.',
    'We will stay watchful until the end.',
  ],
  captions: ['A general view of the site, late in the day.', 'The first visitors at the opening.', 'A council session in the early evening.'],
  credit: 'Newsroom',
};

export const FIRST_NAMES = [
  'Camille', 'Louis', 'Inès', 'Hugo', 'Léa', 'Nathan', 'Chloé', 'Mathis', 'Manon', 'Yanis', 'Sarah', 'Lucas', 'Jade', 'Adam', 'Zoé', 'Théo',
  'Clara', 'Noah', 'Lina', 'Gabriel', 'Eva', 'Rayan', 'Alice', 'Arthur', 'Romane', 'Jules', 'Anaïs', 'Malo', 'Mila', 'Sacha', 'Nora', 'Victor',
  'Elsa', 'Karim', 'Aya', 'Paul', 'Margaux', 'Sami', 'Juliette', 'Tom', 'Maëlle', 'Bastien', 'Salomé', 'Quentin', 'Yasmine', 'Axel', 'Océane',
  'Martin', 'Fatou', 'Antoine', 'Agathe', 'Ibrahim', 'Lou', 'Baptiste', 'Ambre', 'Loïc', 'Célia', 'Mehdi', 'Pauline', 'Erwan',
];

export const LAST_NAMES = [
  'Marchal', 'Le Goff', 'Benali', 'Rousseau', 'Keller', 'Fabre', 'Garnier', 'Diallo', 'Perrin', 'Lemoine', 'Carvalho', 'Morel', 'Nguyen', 'Roux',
  'Bertin', 'Haddad', 'Lambert', 'Guerin', 'Boyer', 'Chevalier', 'Collin', 'Da Silva', 'Fontaine', 'Girard', 'Hamon', 'Jacquet', 'Kervella', 'Laurent',
  'Masson', 'Noël', 'Ollivier', 'Picard', 'Quéré', 'Renaud', 'Schmitt', 'Tessier', 'Vidal', 'Weber', 'Arnaud', 'Barbier', 'Caron', 'Delmas',
  'Étienne', 'Ferrand', 'Gauthier', 'Hervé', 'Joly', 'Leclerc', 'Mercier', 'Navarro', 'Paris', 'Riviere', 'Sanchez', 'Thibault', 'Vasseur',
  'Aubert', 'Blanc', 'Cordier', 'Dumas', 'Evrard', 'Faure', 'Gilles', 'Huet', 'Jourdan', 'Lebrun', 'Maillard', 'Pichon', 'Rey', 'Simon', 'Texier',
];
