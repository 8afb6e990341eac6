import { responseLeaks, tokenLeak } from '../support/response-hygiene';

describe('response hygiene patterns', () => {
  it.each([
    ['{"hash":"$argon2id$v=19$m=19456,t=2,p=1$abc$def"}', 'an argon2 hash'],
    ['{"password_hash":"x"}', 'a hash column'],
    ['{"detail":"Error: boom\\n    at Foo.bar (/srv/app/dist/x.js:10:5)"}', 'a stack trace'],
    ['{"detail":"duplicate key value violates unique constraint \\"accounts_email_key\\""}', 'SQL error text'],
    ['{"detail":"relation \\"accounts\\" does not exist"}', 'SQL error text'],
  ])('flags %s', (body, leak) => {
    expect(responseLeaks(body)).toContain(leak);
  });

  it.each(['{"status":"ok"}', '{"detail":"The request has invalid or unexpected fields.","code":"HTTP.VALIDATION_FAILED"}', '{"email":"at@example.com"}'])(
    'passes %s',
    (body) => {
      expect(responseLeaks(body)).toEqual([]);
    },
  );
});

describe('token fields', () => {
  it.each(['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/signup', '/api/v1/auth/phone/login', '/api/v1/auth/password/change'])(
    'are expected from %s',
    (url) => {
      expect(tokenLeak(url, '{"access_token":"a","refresh_token":"r"}')).toBe(false);
    },
  );

  it.each(['/api/v1/auth/sessions', '/api/v1/auth/me', '/api/v1/users/1', '/api/v1/auth/login-history'])('are a leak from %s', (url) => {
    expect(tokenLeak(url, '{"data":[{"id":"s1","refresh_token":"r"}]}')).toBe(true);
  });

  it('are no leak when a validation problem names the field', () => {
    const problem = '{"status":400,"code":"HTTP.VALIDATION_FAILED","errors":{"refresh_token":["refresh_token must be a string"]}}';
    expect(tokenLeak('/api/v1/auth/logout?page=not-a-uuid', problem)).toBe(false);
    expect(tokenLeak('/api/v1/auth/logout', '{"errors":{"refresh_token" : ["x"]},"leaked":{"refresh_token" : "r"}}')).toBe(true);
  });
});
