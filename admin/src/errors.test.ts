import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { describeError } from './errors.ts';

describe('server refusals in French', () => {
  it('turns the stable codes into French sentences and keeps the server message as a detail', () => {
    expect(describeError(new ApiError(403, 'forbidden', 'you may not edit this article', {}))).toEqual({
      message: 'Votre rôle ne permet pas cette action.',
      detail: 'you may not edit this article',
    });
    for (const code of ['conflict', 'precondition_failed', 'validation_failed', 'unauthorized', 'too_many_requests', 'not_found']) {
      const d = describeError(new ApiError(400, code, 'english text', {}));
      expect(d.detail).toBe('english text');
      expect(d.message).not.toBe('english text');
    }
  });

  it('falls back on the status, then on the server message', () => {
    expect(describeError(new ApiError(429, 'http_429', 'Too Many Requests', {})).message).toMatch(/^Trop de demandes/);
    expect(describeError(new ApiError(500, 'internal', 'boom', {}))).toEqual({ message: 'boom', detail: null });
    expect(describeError(new ApiError(0, 'network', 'network', {})).message).toMatch(/ne répond pas/);
  });
});
