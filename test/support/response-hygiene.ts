/**
 * What no response may ever carry: password or token hashes, stack traces,
 * SQL or driver error text. Every response of every e2e suite passes through
 * this check (see createTestApp), so a leak fails the test that provoked it.
 */
const FORBIDDEN: Array<[string, RegExp]> = [
  ['an argon2 hash', /\$argon2(?:id|i|d)\$/],
  ['a bcrypt hash', /\$2[aby]\$\d\d\$/],
  ['a hash column', /"(?:password_hash|token_hash|code_hash|secret_hash|refresh_token_hash)"/],
  ['a stack trace', /\bat (?:async )?[\w.<>]+ \(?(?:\/|file:|node:)[^)\s]+:\d+:\d+\)?/],
  [
    'SQL error text',
    /duplicate key value violates|violates (?:foreign key|not-null|check) constraint|syntax error at or near|relation \\?"[^"\\]+\\?" does not exist|QueryFailedError/,
  ],
  ['a driver error', /ECONNREFUSED|ETIMEDOUT 127\.|EntityNotFound|TypeORMError/],
];

export function responseLeaks(body: string): string[] {
  return FORBIDDEN.filter(([, pattern]) => pattern.test(body)).map(([name]) => name);
}

/** Only these routes hand out tokens; a token field anywhere else is a leak (another session's, or a stored one). */
const TOKEN_ISSUERS = /^\/api\/v1\/auth\/(?:signup|login|refresh|password\/change|phone\/login)(?:\?|$)/;
/** A token value (a string); a validation error names the field too, with an array of messages. */
const TOKEN_FIELD = /"(?:refresh_token|access_token)"\s*:\s*"/;

export function tokenLeak(url: string, body: string): boolean {
  return TOKEN_FIELD.test(body) && !TOKEN_ISSUERS.test(url);
}

export class ResponseHygieneError extends Error {}

export function assertHygienic(method: string, url: string, status: number, body: string): void {
  const leaks = responseLeaks(body);
  if (tokenLeak(url, body)) leaks.push('a token outside the routes that issue tokens');
  if (leaks.length) throw new ResponseHygieneError(`${method} ${url} -> ${status} leaks ${leaks.join(', ')}: ${body.slice(0, 300)}`);
}
