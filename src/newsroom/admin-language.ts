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
  [/^only an author or above makes translations$/, 'il faut au moins le rôle author pour traduire'],
  [/^article (\d+) was not made as a translation$/, (n) => `l’article ${n} n’a pas été créé comme traduction`],
  [/^the source of article (\d+) no longer exists$/, (n) => `la source de l’article ${n} n’existe plus`],
  [/^only an editor deletes an article that is not your own draft$/, 'seul un éditeur supprime un article qui n’est pas votre brouillon'],
];

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
