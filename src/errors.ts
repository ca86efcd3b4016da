/** The errors domain code throws. Each has a stable `code`; `src/site/error-handler.ts` maps them to HTTP. */
export interface FieldIssue {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
}

export class Unauthorized extends DomainError {
  readonly code = 'unauthorized';
  readonly status = 401;
}

export class NotFound extends DomainError {
  readonly code = 'not_found';
  readonly status = 404;
}

export class Gone extends DomainError {
  readonly code = 'gone';
  readonly status = 410;
}

export class Forbidden extends DomainError {
  readonly code = 'forbidden';
  readonly status = 403;
}

export class Conflict extends DomainError {
  readonly code = 'conflict';
  readonly status = 409;
  constructor(
    message: string,
    /** Why, field by field, when there are several reasons (publishing checks). */
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** The client edited an older version (If-Match): `details` says what changed since. */
export class PreconditionFailed extends DomainError {
  readonly code = 'precondition_failed';
  readonly status = 412;
  constructor(
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class PreconditionRequired extends DomainError {
  readonly code = 'precondition_required';
  readonly status = 428;
}

export class TooManyRequests extends DomainError {
  readonly code = 'too_many_requests';
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * The store cannot be reached (connection refused or lost, no free connection
 * in time, SQLite's write lock held too long). Nothing the request asked for
 * is known to have been done; the client may try again after `retryAfterSeconds`.
 */
export class Unavailable extends DomainError {
  readonly code = 'unavailable';
  readonly status = 503;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ValidationFailed extends DomainError {
  readonly code = 'validation_failed';
  readonly status = 422;
  constructor(readonly issues: FieldIssue[], context?: string) {
    super(
      (context ? `${context}: ` : '') + issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; '),
    );
  }
}

/**
 * The request itself is malformed (an unreadable body), before any field can be
 * named; or a file sent is malformed, and `issues` say where (a WebVTT file's
 * lines: `{ field: 'vtt', line, message }`).
 */
export class BadRequest extends DomainError {
  readonly code = 'bad_request';
  readonly status = 400;
  constructor(
    message: string,
    readonly issues: Array<FieldIssue & Record<string, unknown>> = [],
  ) {
    super(message);
  }
}

/** The body is larger than the route accepts; it is not read further. */
export class PayloadTooLarge extends DomainError {
  readonly code = 'payload_too_large';
  readonly status = 413;
}

/** Every code, for docs/errors.md (a test keeps the two in sync). */
export const ERROR_CODES = {
  unauthorized: 401,
  not_found: 404,
  gone: 410,
  forbidden: 403,
  conflict: 409,
  validation_failed: 422,
  precondition_failed: 412,
  precondition_required: 428,
  too_many_requests: 429,
  bad_request: 400,
  payload_too_large: 413,
  unavailable: 503,
  internal: 500,
} as const;
