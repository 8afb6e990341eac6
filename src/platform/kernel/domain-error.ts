/**
 * Base of every error a domain or use case raises on purpose.
 * Plain TypeScript: the HTTP layer maps `kind` to a status in one place, and a
 * Bull job can inspect the same error without knowing about HTTP.
 */
export type DomainErrorKind = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'rate_limited' | 'unavailable';

export class DomainError extends Error {
  constructor(
    /** Stable, context-prefixed code, e.g. `IDENTITY.EMAIL_TAKEN`. */
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details?: { errors?: Record<string, string[]>; retryAfterSeconds?: number; extensions?: Record<string, unknown> },
  ) {
    super(message);
    this.name = new.target.name;
  }
}
