import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { DomainError } from '../kernel/domain-error';
import { AcceptsApiKey } from './api-key.decorator';
import { AuthGuard } from './auth.guard';
import type { AccessTokenVerifier, ApiKeyVerifier, Principal, TenantResolver } from './principal';
import { Public } from './public.decorator';
import { OrganizationFromPath } from './tenant.decorator';
import { TenantGuard } from './tenant.guard';
import { organizationClaim } from './tenancy';

class Routes {
  @OrganizationFromPath()
  scoped(): void {}

  open(): void {}

  @AcceptsApiKey()
  keyed(): void {}

  @Public()
  anyone(): void {}
}

const ORG = '3f2c1b7e-5a4d-4c3b-9e8f-0a1b2c3d4e5f';
const OTHER = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

interface FakeRequest {
  headers: Record<string, unknown>;
  params?: Record<string, unknown>;
  principal?: Principal;
}

function contextFor(handler: keyof Routes, request: FakeRequest): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

/** As Nest's GuardsConsumer runs a guard: inside an async function, so a synchronous throw is a rejection. */
async function activate(guard: CanActivate, context: ExecutionContext): Promise<boolean> {
  return (await guard.canActivate(context)) as boolean;
}

const user: Principal = { userId: 'u1', sessionId: 's1', roles: [] };

class FakeResolver implements TenantResolver {
  calls: Array<[string, string]> = [];
  async activate(principal: Principal, orgId: string, source: 'path' | 'header'): Promise<Principal> {
    this.calls.push([orgId, source]);
    if (orgId !== ORG) throw new DomainError('ORGANIZATIONS.NOT_FOUND', 'not_found', 'No such organization.');
    return { ...principal, orgId, roles: [...principal.roles, organizationClaim('manager'), organizationClaim('staff')] };
  }
}

describe('TenantGuard', () => {
  it('takes the organization from the path on @OrganizationFromPath routes and adds the role claims', async () => {
    const resolver = new FakeResolver();
    const request: FakeRequest = { headers: {}, params: { orgId: ORG }, principal: user };
    await expect(activate(new TenantGuard(resolver), contextFor('scoped', request))).resolves.toBe(true);
    expect(resolver.calls).toEqual([[ORG, 'path']]);
    expect(request.principal).toEqual(expect.objectContaining({ orgId: ORG, roles: ['org:manager', 'org:staff'] }));
  });

  it('takes it from X-Organization-Id elsewhere, and does nothing without one', async () => {
    const resolver = new FakeResolver();
    const named: FakeRequest = { headers: { 'x-organization-id': ORG.toUpperCase() }, principal: user };
    await activate(new TenantGuard(resolver), contextFor('open', named));
    expect(resolver.calls).toEqual([[ORG, 'header']]);
    const plain: FakeRequest = { headers: {}, principal: user };
    await activate(new TenantGuard(resolver), contextFor('open', plain));
    expect(plain.principal).toBe(user);
  });

  it.each([
    ['a malformed header', 'open', { 'x-organization-id': 'nope' }, {}, 'HTTP.VALIDATION_FAILED'],
    ['a repeated header', 'open', { 'x-organization-id': [ORG, ORG] }, {}, 'HTTP.VALIDATION_FAILED'],
    ['a malformed path id', 'scoped', {}, { orgId: '../etc' }, 'HTTP.VALIDATION_FAILED'],
    ['a header naming another organization than the path', 'scoped', { 'x-organization-id': OTHER }, { orgId: ORG }, 'TENANCY.ORGANIZATION_MISMATCH'],
    ['a non-member', 'scoped', {}, { orgId: OTHER }, 'ORGANIZATIONS.NOT_FOUND'],
  ] as const)('refuses %s', async (_case, handler, headers, params, code) => {
    const request: FakeRequest = { headers, params, principal: user };
    await expect(activate(new TenantGuard(new FakeResolver()), contextFor(handler, request))).rejects.toMatchObject({ code });
  });

  it('refuses a named organization when no context resolves tenants: 404 on the path, 403 by header', async () => {
    await expect(activate(new TenantGuard(), contextFor('scoped', { headers: {}, params: { orgId: ORG }, principal: user }))).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(activate(new TenantGuard(), contextFor('open', { headers: { 'x-organization-id': ORG }, principal: user }))).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('leaves public routes alone, without a promise', () => {
    const request: FakeRequest = { headers: { 'x-organization-id': 'garbage' } };
    expect(new TenantGuard(new FakeResolver()).canActivate(contextFor('anyone', request))).toBe(true);
  });
});

describe('AuthGuard with API keys', () => {
  const tokens: AccessTokenVerifier = { verify: async () => user };
  const keys: ApiKeyVerifier = {
    verify: async (key) =>
      key === 'good'
        ? { orgId: ORG, apiKeyId: 'k1', roles: [organizationClaim('staff')] }
        : Promise.reject(new DomainError('ORGANIZATIONS.API_KEY_INVALID', 'unauthenticated', 'bad')),
  };
  const guard = new AuthGuard(tokens, keys);

  it('accepts a key on routes marked @AcceptsApiKey()', async () => {
    const request: FakeRequest = { headers: { 'x-api-key': 'good' } };
    await expect(activate(guard, contextFor('keyed', request))).resolves.toBe(true);
    expect(request.principal).toEqual({ orgId: ORG, apiKeyId: 'k1', roles: ['org:staff'] });
  });

  it('refuses a valid key elsewhere (403), a bad key anywhere (401), and a key with a bearer token (401)', async () => {
    await expect(activate(guard, contextFor('open', { headers: { 'x-api-key': 'good' } }))).rejects.toMatchObject({
      code: 'AUTH.API_KEY_NOT_ACCEPTED',
      kind: 'forbidden',
    });
    await expect(activate(guard, contextFor('keyed', { headers: { 'x-api-key': 'bad' } }))).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(activate(guard, contextFor('keyed', { headers: { 'x-api-key': 'good', authorization: 'Bearer abc' } }))).rejects.toMatchObject({
      code: 'AUTH.AMBIGUOUS_CREDENTIALS',
    });
  });

  it('refuses keys when no context verifies them', async () => {
    await expect(activate(new AuthGuard(tokens), contextFor('keyed', { headers: { 'x-api-key': 'good' } }))).rejects.toMatchObject({
      code: 'AUTH.UNAUTHENTICATED',
    });
  });

  it('still wants a bearer token without a key', async () => {
    await expect(activate(guard, contextFor('open', { headers: {} }))).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
    const request: FakeRequest = { headers: { authorization: 'Bearer abc.def.ghi' } };
    await expect(activate(guard, contextFor('open', request))).resolves.toBe(true);
    expect(request.principal).toBe(user);
  });
});
