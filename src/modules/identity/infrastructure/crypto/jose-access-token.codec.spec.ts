import { decodeProtectedHeader, jwtVerify } from 'jose';
import { createSecretKey } from 'node:crypto';
import { loadConfig } from '../../../../platform/config/config.schema';
import { ACCESS_TOKEN_ALG, ACCESS_TOKEN_TYP, JoseAccessTokenCodec } from './jose-access-token.codec';

const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'a-test-secret-of-at-least-thirty-two-characters' });
const claims = { userId: '0b9c7f34-3f7e-4d44-9d7e-2a1c6f0e9b11', sessionId: '5d0f3c2a-8b1e-4a6f-9c3d-7e2b1a0f4c55', roles: ['member'] };

describe('JoseAccessTokenCodec', () => {
  const codec = new JoseAccessTokenCodec(config);

  it('signs tokens that jose verifies with the pinned algorithm, type, issuer and audience', async () => {
    const { token, expiresIn } = await codec.issue(claims);
    const { payload, protectedHeader } = await jwtVerify(token, createSecretKey(Buffer.from(config.jwt.secret, 'utf8')), {
      algorithms: [ACCESS_TOKEN_ALG],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      typ: ACCESS_TOKEN_TYP,
      requiredClaims: ['sub', 'sid', 'exp', 'iat', 'jti'],
    });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'at+jwt' });
    expect(payload).toMatchObject({ sub: claims.userId, sid: claims.sessionId, roles: claims.roles });
    expect(expiresIn).toBe(config.jwt.accessTtlSeconds);
    expect(payload.exp! - payload.iat!).toBe(expiresIn);
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(5);
  });

  it('verifies its own tokens and gives every token its own id', async () => {
    const first = await codec.issue(claims);
    const second = await codec.issue(claims);
    await expect(codec.verify(first.token)).resolves.toEqual(claims);
    expect(decodeProtectedHeader(first.token).alg).toBe('HS256');
    const jti = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).jti;
    expect(jti(first.token)).not.toBe(jti(second.token));
  });

  it('refuses a token signed with another secret', async () => {
    const other = new JoseAccessTokenCodec(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'another-secret-of-at-least-thirty-two-characters' }));
    const { token } = await other.issue(claims);
    await expect(codec.verify(token)).rejects.toMatchObject({ code: 'IDENTITY.ACCESS_TOKEN_INVALID' });
  });
});
