import { SignJWT, decodeJwt, exportSPKI, generateKeyPair } from 'jose';
import { createSecretKey, randomUUID } from 'node:crypto';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { IdentityClient, SignedUp, identityApp } from './identity-test-kit';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('identity: access tokens', () => {
  let t: TestApp;
  let api: IdentityClient;
  let user: SignedUp;
  let claims: Record<string, unknown>;
  const secret = () => createSecretKey(Buffer.from(t.config.jwt.secret, 'utf8'));

  /** A token signed with the real key, so only the deliberately wrong part makes it invalid. */
  const forge = (changes: Record<string, unknown> = {}, header: Record<string, unknown> = { alg: 'HS256', typ: 'at+jwt' }) => {
    const now = Math.floor(Date.now() / 1000);
    const payload = Object.fromEntries(Object.entries({ ...claims, iat: now, exp: now + 300, ...changes }).filter(([, value]) => value !== undefined));
    return new SignJWT(payload).setProtectedHeader(header as never).sign(secret());
  };

  beforeAll(async () => {
    t = await identityApp();
    api = new IdentityClient(t);
    user = await api.signUp();
    claims = decodeJwt(user.accessToken);
  });
  afterAll(() => t.close());

  describe('successful', () => {
    it('issues an HS256 at+jwt with iss, aud, sub, sid, iat, exp and a 15-minute lifetime', () => {
      const [header] = user.accessToken.split('.');
      expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'at+jwt' });
      expect(claims).toEqual(
        expect.objectContaining({ iss: 'revsync', aud: 'revsync-api', sub: user.userId, sid: expect.any(String), roles: [], jti: expect.any(String) }),
      );
      expect((claims.exp as number) - (claims.iat as number)).toBe(900);
    });

    it('accepts a correctly forged control token (proves the attacks below fail for their one flaw)', async () => {
      expect((await api.me(await forge())).statusCode).toBe(200);
    });
  });

  describe('failing', () => {
    it('refuses no token and a malformed header', async () => {
      expectProblem(await api.get('/me'), 401);
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Basic ${user.accessToken}` } });
      expectProblem(res, 401);
    });

    it('refuses alg none', async () => {
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ ...claims, iat: now, exp: now + 300 })}.`;
      expectProblem(await api.me(unsigned), 401);
    });

    it('refuses a wrong signature', async () => {
      const other = await new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .sign(createSecretKey(Buffer.from('another-secret-of-enough-length-000000')));
      expectProblem(await api.me(other), 401, 'IDENTITY.ACCESS_TOKEN_INVALID');
      const [head, body, signature] = user.accessToken.split('.');
      const flipped = `${head}.${body}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      expectProblem(await api.me(flipped), 401, 'IDENTITY.ACCESS_TOKEN_INVALID');
    });

    it('refuses RS256 tokens and HS256 tokens keyed with an RSA public key (key confusion)', async () => {
      const { privateKey, publicKey } = await generateKeyPair('RS256');
      const rs = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', typ: 'at+jwt' }).sign(privateKey);
      expectProblem(await api.me(rs), 401, 'IDENTITY.ACCESS_TOKEN_INVALID');
      const pem = await exportSPKI(publicKey);
      const confused = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(createSecretKey(Buffer.from(pem)));
      expectProblem(await api.me(confused), 401, 'IDENTITY.ACCESS_TOKEN_INVALID');
    });

    it('refuses other HMAC algorithms even with the right key', async () => {
      expectProblem(await api.me(await forge({}, { alg: 'HS512', typ: 'at+jwt' })), 401, 'IDENTITY.ACCESS_TOKEN_INVALID');
    });

    it('refuses an expired token with its own code', async () => {
      const now = Math.floor(Date.now() / 1000);
      expectProblem(await api.me(await forge({ iat: now - 1000, exp: now - 60 })), 401, 'IDENTITY.ACCESS_TOKEN_EXPIRED');
    });

    it('refuses a token whose nbf is in the future', async () => {
      expectProblem(await api.me(await forge({ nbf: Math.floor(Date.now() / 1000) + 120 })), 401, 'IDENTITY.ACCESS_TOKEN_INVALID');
    });

    it.each([
      ['a wrong audience', { aud: 'another-api' }],
      ['a wrong issuer', { iss: 'someone-else' }],
      ['no sid', { sid: undefined }],
      ['a non-uuid sid', { sid: 'abc' }],
      ['no exp', { exp: undefined }],
      ['no iat', { iat: undefined }],
      ['no sub', { sub: undefined }],
      ['roles that are not strings', { roles: [{ admin: true }] }],
    ])('refuses %s', async (_case, changes) => {
      expectProblem(await api.me(await forge(changes)), 401, 'IDENTITY.ACCESS_TOKEN_INVALID');
    });

    it.each([
      ['typ JWT', { alg: 'HS256', typ: 'JWT' }],
      ['no typ', { alg: 'HS256' }],
      ['typ of a refresh token', { alg: 'HS256', typ: 'rt+jwt' }],
    ])('refuses %s', async (_case, header) => {
      expectProblem(await api.me(await forge({}, header)), 401, 'IDENTITY.ACCESS_TOKEN_INVALID');
    });

    it('refuses a refresh token used as an access token', async () => {
      expectProblem(await api.me(user.refreshToken), 401, 'IDENTITY.ACCESS_TOKEN_INVALID');
    });

    it('refuses a validly signed token for a session that does not exist, or belongs to someone else', async () => {
      expectProblem(await api.me(await forge({ sid: randomUUID() })), 401, 'IDENTITY.SESSION_REVOKED');
      const other = await api.signUp();
      expectProblem(await api.me(await forge({ sid: decodeJwt(other.accessToken).sid })), 401, 'IDENTITY.SESSION_REVOKED');
    });
  });
});
