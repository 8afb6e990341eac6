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

export class ResponseHygieneError extends Error {}

export function assertHygienic(method: string, url: string, status: number, body: string): void {
  const leaks = responseLeaks(body);
  if (leaks.length) throw new ResponseHygieneError(`${method} ${url} -> ${status} leaks ${leaks.join(', ')}: ${body.slice(0, 300)}`);
}
