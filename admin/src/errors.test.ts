import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { describeError } from './errors.ts';
import { setAdminLang } from './lang.ts';

describe('server refusals in the admin’s language', () => {
  afterEach(() => setAdminLang('fr'));

  it('turns the stable codes into French sentences, with the server’s message as a detail when it is French too', () => {
    expect(describeError(new ApiError(403, 'forbidden', 'vous ne pouvez pas modifier cet article', {}, 'fr'))).toEqual({
      message: 'Votre rôle ne permet pas cette action.',
      detail: 'vous ne pouvez pas modifier cet article',
    });
    for (const code of ['conflict', 'precondition_failed', 'validation_failed', 'unauthorized', 'too_many_requests', 'not_found', 'internal', 'unavailable']) {
      const d = describeError(new ApiError(400, code, 'english text', {}, 'en'));
      // Never an English sentence after a French one.
      expect(d.detail).toBeNull();
      expect(d.message).not.toBe('english text');
    }
    // An answer that does not say its language is taken as the server's English.
    expect(describeError(new ApiError(404, 'not_found', 'no article 3', {})).detail).toBeNull();
  });

  it('falls back on the status, then on the server message', () => {
    expect(describeError(new ApiError(429, 'http_429', 'Too Many Requests', {})).message).toMatch(/^Trop de demandes/);
    expect(describeError(new ApiError(418, 'teapot', 'boom', {}))).toEqual({ message: 'boom', detail: null });
    expect(describeError(new ApiError(0, 'network', 'network', {})).message).toMatch(/ne répond pas/);
  });
});
