import { ApiError } from './api.ts';
import { t } from './i18n.ts';
import { adminLang } from './lang.ts';

/** The API's stable error codes, by the HTTP status that carries them (for answers without a code). */
const BY_STATUS: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  422: 'validation_failed',
  428: 'precondition_failed',
  429: 'too_many_requests',
};

/**
 * A refusal of the server in words for the newsroom: a sentence in the admin's
 * language from its stable `code`, and the server's own message as a detail
 * only when the server said it in the same language (never an English sentence
 * after a French one).
 */
export function describeError(err: unknown): { message: string; detail: string | null } {
  if (err instanceof ApiError) {
    if (err.status === 0) return { message: t.networkError, detail: null };
    const sentence = t.serverErrors[err.code] ?? t.serverErrors[BY_STATUS[err.status] ?? ''];
    // An answer that does not say its language is the server's English.
    const sameLanguage = (err.lang ?? 'en') === adminLang();
    const server = err.message && err.message !== err.code && (sameLanguage || !sentence) ? err.message : null;
    if (sentence) return { message: sentence, detail: server && server !== sentence ? server : null };
    return { message: server ?? err.code, detail: null };
  }
  if (err instanceof Error) return { message: err.message, detail: null };
  return { message: String(err), detail: null };
}
