/** The errors domain code throws. Each has a stable `code`; `src/site/error-handler.ts` maps them to HTTP. */
export interface FieldIssue {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
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

/** Every code, for docs/errors.md (a test keeps the two in sync). */
export const ERROR_CODES = {
  not_found: 404,
  gone: 410,
  forbidden: 403,
  conflict: 409,
  validation_failed: 422,
  bad_request: 400,
  internal: 500,
} as const;
