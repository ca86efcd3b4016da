import type { FastifyRequest } from 'fastify';
import type { AdminLanguage } from './roles.ts';

/**
 * The Admin API speaks the caller's admin language: a person's own choice
 * (users.language), else the preferred of French or English in
 * Accept-Language (API tokens, the sign-in form; the admin app always sends
 * it), else English: a program that asks for no language gets the server's
 * own words, which docs/errors.md lists.
 */
export function requestLanguage(req: FastifyRequest): AdminLanguage {
  const actor = (req as { actor?: { language?: AdminLanguage } | null }).actor;
  if (actor?.language) return actor.language;
  return acceptedLanguage(req.headers['accept-language']);
}

/** The preferred of fr and en in an Accept-Language header (by q, then order); English when neither is named. */
export function acceptedLanguage(header: string | string[] | undefined): AdminLanguage {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { lang: AdminLanguage; q: number } | null = null;
  for (const part of value.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const lang = tag.startsWith('en') ? 'en' : tag.startsWith('fr') ? 'fr' : null;
    if (!lang) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'en';
}

/**
 * The server's refusals in French. Domain code words its messages in English
 * (logs, CLI, docs/errors.md); the Admin API answers a French-speaking person
 * with these. A message with no French wording is answered as it is, marked
 * `Content-Language: en`, and the admin then shows only its own sentence for
 * the code (never an English sentence after a French one).
 */
const FRENCH: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  [/^Internal server error$/, 'erreur interne du serveur'],
  [/^no page at this address$/, 'aucune page à cette adresse'],
  [/^required$/, 'obligatoire'],
  [/^required to publish$/, 'obligatoire pour publier'],
  [/^every picture needs alt text$/, 'chaque photo doit avoir un texte alternatif'],
  [/^every picture needs a credit$/, 'chaque photo doit avoir un crédit'],
  [/^must be in the future$/, 'doit être dans le futur'],
  [/^expected true or false$/, 'attendu : vrai ou faux'],
  [/^expected an e-mail address$/, 'adresse électronique attendue'],
  [/^at least (\d+) characters$/, (n) => `au moins ${n} caractères`],
  [/^at most (\d+) characters$/, (n) => `au plus ${n} caractères`],
  [/^expected contributor, author, editor or admin$/, 'attendu : contributor, author, editor ou admin'],
  [/^expected fr or en$/, 'attendu : fr ou en'],
  [/^expected an http or https URL$/, 'adresse http ou https attendue'],
  [/^expected an absolute http\(s\) URL$/, 'adresse http(s) complète attendue'],
  [/^expected a slug \(lower-case letters, digits and hyphens\)$/, 'attendu : un identifiant d’adresse (minuscules, chiffres et traits d’union)'],
  [/^expected a media id \(upload the picture to the media library first\)$/, 'identifiant de média attendu (versez d’abord la photo dans la médiathèque)'],
  [/^expected the code of an edition$/, 'code d’édition attendu'],
  [/^unknown field$/, 'champ inconnu'],
  [/^wrong e-mail or password$/, 'adresse électronique ou mot de passe incorrect'],
  [/^too many failed logins; try again later$/, 'trop d’essais de connexion manqués ; réessayez plus tard'],
  [/^sign in or send an API token$/, 'connectez-vous ou envoyez un jeton d’API'],
  [/^unknown or revoked API token$/, 'jeton d’API inconnu ou révoqué'],
  [/^this needs the (\w+) role$/, (r) => `il faut le rôle ${r}`],
  [/^missing or wrong CSRF token \(X-CSRF-Token\)$/, 'jeton CSRF absent ou incorrect : rechargez la page'],
  [/^only a signed-in person has an admin language$/, 'seule une personne connectée a une langue d’interface'],
  [/^an account already uses (.+)$/, (e) => `un compte utilise déjà ${e}`],
  [/^the site already has accounts; sign in$/, 'le site a déjà des comptes : connectez-vous'],
  [/^the first account must be an admin$/, 'le premier compte doit être administrateur'],
  [/^only an admin creates accounts$/, 'seul un administrateur crée des comptes'],
  [/^no article (\S+)$/, (n) => `aucun article ${n}`],
  [/^(article \d+|\S+\/\S+) already has a (\S+) translation: (.+)$/, (ref, e, slug) => `${ref} a déjà une traduction dans l’édition ${e} : ${slug}`],
  [/^(article \d+|\S+\/\S+) is in the same edition \((.+)\); a translation is in another edition$/, (ref, e) => `${ref} est dans la même édition (${e}) : une traduction est dans une autre édition`],
  [/^another (\S+) translation of (.+) was saved at the same time$/, (e, ref) => `une autre traduction de ${ref} dans l’édition ${e} vient d’être enregistrée`],
  [/^no such revision.*$/, 'cette version n’existe pas'],
  [/^the article changed since version (\d+)$/, (n) => `l’article a changé depuis la version ${n}`],
  [/^send If-Match with the version you edited$/, 'envoyez If-Match avec la version modifiée'],
  [/^you may not edit this article$/, 'vous ne pouvez pas modifier cet article'],
  [/^an article stays in its edition$/, 'un article reste dans son édition'],
  [/^unknown edition "(.+)"$/, (e) => `édition « ${e} » inconnue`],
  [/^"(.+)" already exists in edition (.+)$/, (s, e) => `« ${s} » existe déjà dans l’édition ${e}`],
  [/^"(.+)" was just taken by another article$/, (s) => `« ${s} » vient d’être pris par un autre article`],
  [/^"(.+)" is reserved for site paths$/, (s) => `« ${s} » est réservé aux adresses du site`],
  [/^a translation is in another edition$/, 'une traduction est dans une autre édition'],
  [/^the article already has a (.+) translation: article (\d+)$/, (e, n) => `l’article a déjà une traduction ${e} : article ${n}`],
  [/^no section "(.+)" in edition (.+); choose one$/, (s, e) => `aucune rubrique « ${s} » dans l’édition ${e} : choisissez-en une`],
  [/^article (\d+) was not made as a translation$/, (n) => `l’article ${n} n’a pas été créé comme traduction`],
  [/^the source of article (\d+) no longer exists$/, (n) => `la source de l’article ${n} n’existe plus`],
  [/^only an editor deletes an article that is not your own draft$/, 'seul un éditeur supprime un article qui n’est pas votre brouillon'],
  // Common shapes of input.
  [/^required: an http\(s\) URL$/, 'obligatoire : une adresse http(s)'],
  [/^expected a path on the site such as (\S+) or an http\(s\) URL$/, (ex) => `attendu : un chemin du site comme ${ex} ou une adresse http(s)`],
  [/^expected milliseconds, a whole number from 0$/, 'attendu : des millisecondes, un nombre entier à partir de 0'],
  [/^expected a day as YYYY-MM-DD$/, 'attendu : un jour au format AAAA-MM-JJ'],
  [/^expected a day on or after from$/, 'attendu : un jour égal ou postérieur à « from »'],
  [/^expected a JSON object$/, 'attendu : un objet JSON'],
  [/^not a cursor this API gave; start again without one$/, 'ce curseur ne vient pas de cette API : recommencez sans curseur'],
  [/^send one (picture|video) per request$/, (k) => `envoyez ${k === 'picture' ? 'une image' : 'une vidéo'} par requête`],
  [/^expected an article version such as "(\d+)"$/, (v) => `attendu : une version d’article comme « ${v} »`],
  [/^expected a whole number from (\S+) to (\S+)$/, (a, b) => `attendu : un nombre entier de ${a} à ${b}`],
  [/^expected a whole number from (\S+) to (\S+), or null$/, (a, b) => `attendu : un nombre entier de ${a} à ${b}, ou null`],
  // What cannot be found, by its kind.
  [/^no such (article|author|edition|entry|feed|live token|live|media file|page|person|section|tag|user|video)$/, (k) => `${cap(KINDS[k] ?? k)} introuvable`],
  [/^no (alert|webhook|programme|show|video|ingest item|ingest source|edition) (\S+)$/, (k, id) => `${cap(KINDS[k] ?? k)} ${id} introuvable`],
  [/^no media with id (\d+)$/, (id) => `média ${id} introuvable`],
  [/^no redirect from (.+)$/, (from) => `aucune redirection depuis ${from}`],
  [/^no account for (.+)$/, (e) => `aucun compte pour ${e}`],
  [/^no entry (\d+) in article (\d+)$/, (e, a) => `aucune entrée ${e} dans l’article ${a}`],
  // Who may do what.
  [/^only an admin creates API tokens$/, 'seul un administrateur crée des jetons d’API'],
  [/^only an admin revokes API tokens$/, 'seul un administrateur révoque des jetons d’API'],
  [/^only an admin resets passwords$/, 'seul un administrateur change les mots de passe'],
  [/^only an admin ends another account’s sessions$/, 'seul un administrateur ferme les sessions d’un autre compte'],
  [/^only an editor curates the home page$/, 'seul un éditeur compose la une'],
  [/^only an editor marks a save as a minor correction that shows no update$/, 'seul un éditeur marque un enregistrement comme correction mineure'],
  [/^only an editor ends a live$/, 'seul un éditeur termine un direct'],
  [/^only an editor changes an entry someone else posted$/, 'seul un éditeur modifie une entrée publiée par quelqu’un d’autre'],
  [/^only an editor removes an entry someone else posted, or a published one$/, 'seul un éditeur retire une entrée publiée, ou celle de quelqu’un d’autre'],
  [/^uploading needs the contributor role$/, 'téléverser demande le rôle contributor'],
  [/^your role \((\w+)\) may not move this article from (\w+) to (\w+)$/, (r, a, b) => `votre rôle (${r}) ne permet pas de faire passer cet article de ${a} à ${b}`],
  [/^an article cannot go from (\w+) to (\w+)$/, (a, b) => `un article ne peut pas passer de ${a} à ${b}`],
  // Versions.
  [/^the article changed meanwhile; reload it and try again$/, 'l’article a changé entre-temps : rechargez-le et réessayez'],
  [/^send If-Match with the version of the (entry|video) you edited$/, (k) => `envoyez If-Match avec la version ${k === 'entry' ? 'de l’entrée' : 'de la vidéo'} modifiée`],
  [/^ingest item (\d+) is already (\w+)$/, (id, st) => `la dépêche ${id} est déjà ${st === 'adopted' ? 'reprise' : st === 'dismissed' ? 'écartée' : st}`],
  [/^ingest item (\d+) was just taken$/, (id) => `la dépêche ${id} vient d’être reprise`],
];

/** The kinds of things the server names, in French. */
const KINDS: Record<string, string> = {
  article: 'article', author: 'auteur', edition: 'édition', entry: 'entrée', feed: 'flux', 'live token': 'jeton actif', live: 'direct',
  'media file': 'fichier', page: 'page', person: 'personne', section: 'rubrique', tag: 'sujet', user: 'compte', video: 'vidéo',
  alert: 'alerte', webhook: 'abonné', programme: 'programme', show: 'émission', 'ingest item': 'dépêche', 'ingest source': 'source',
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The French wording of one English message of the server, or null when it has none. */
export function frenchOf(message: string): string | null {
  for (const [re, fr] of FRENCH) {
    const m = message.match(re);
    if (m) return typeof fr === 'string' ? fr : fr(...m.slice(1));
  }
  return null;
}

export interface RefusalBody {
  code: string;
  message: string;
  field?: string;
  issues?: unknown;
  [k: string]: unknown;
}

/**
 * An error answer in `lang`, and the language it is actually in. Every issue and the
 * message are translated, or the whole answer stays English: a sentence is never half
 * one language and half the other.
 */
export function localiseRefusal(body: RefusalBody, lang: AdminLanguage): { body: RefusalBody; lang: AdminLanguage } {
  if (lang === 'en') return { body, lang };
  const issues = Array.isArray(body.issues) ? (body.issues as Array<{ field?: string; message?: unknown }>) : null;
  if (issues) {
    // Each issue in French where it has a wording (forms show them by their field); the answer is French only if all are.
    const french = issues.map((i) => (typeof i.message === 'string' ? frenchOf(i.message) : null));
    const translated = issues.map((i, n) => (french[n] === null ? i : { ...i, message: french[n]! }));
    if (french.every((m) => m !== null)) {
      // A validation message is the issues joined: rebuilt from the French ones.
      const message = body.code === 'validation_failed' ? translated.map((i) => (i.field ? `${i.field} : ${i.message}` : i.message)).join(' ; ') : frenchOf(body.message);
      if (message !== null) return { body: { ...body, message, issues: translated }, lang: 'fr' };
    }
    return { body: { ...body, issues: translated }, lang: 'en' };
  }
  const message = frenchOf(body.message);
  if (message !== null) return { body: { ...body, message }, lang: 'fr' };
  return { body, lang: 'en' };
}
