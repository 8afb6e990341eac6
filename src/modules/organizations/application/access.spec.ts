import { organizationClaim } from '../../../platform/auth/tenancy';
import type { RequestContext } from '../../../platform/kernel';
import { ORGANIZATION_ROLES } from '../domain';
import { activeRole, isPlatformAdmin, requireRoleIn, roleIn } from './access';
import { ORG_MANAGER, ORG_PRINCIPAL, ORG_STAFF, organizationRoleClaims, organizationRoleOf } from './role-claims';

const ORG = 'org-1';
const ctx = (roles: string[], extra: Partial<RequestContext> = {}): RequestContext => ({ requestId: 'r1', userId: 'u1', roles, ...extra });

describe('access checks of the use cases', () => {
  it('declare one platform role claim (org:<role>) per organization role, each role holding the claims below it', () => {
    expect([ORG_PRINCIPAL, ORG_MANAGER, ORG_STAFF]).toEqual(ORGANIZATION_ROLES.map(organizationClaim));
    expect(organizationRoleClaims('manager')).toEqual([ORG_MANAGER, ORG_STAFF]);
    for (const role of ORGANIZATION_ROLES) expect(organizationRoleOf(organizationRoleClaims(role))).toBe(role);
  });

  it('read the caller’s role in the active organization only; any other organization is 404', () => {
    const manager = ctx(organizationRoleClaims('manager'), { orgId: ORG });
    expect(roleIn(manager, ORG)).toBe('manager');
    expect(() => roleIn(manager, 'org-2')).toThrow(expect.objectContaining({ code: 'ORGANIZATIONS.NOT_FOUND' }));
    expect(() => roleIn(ctx([]), ORG)).toThrow(expect.objectContaining({ kind: 'not_found' }));
    expect(() => requireRoleIn(manager, ORG, 'principal')).toThrow(expect.objectContaining({ code: 'ORGANIZATIONS.FORBIDDEN' }));
    expect(activeRole(manager)).toEqual({ orgId: ORG, role: 'manager' });
    expect(activeRole(ctx(['admin']))).toBeUndefined();
  });

  it('never treat an API key as a platform admin', () => {
    expect(isPlatformAdmin(ctx(['admin']))).toBe(true);
    expect(isPlatformAdmin(ctx(['admin'], { apiKeyId: 'k1', userId: undefined }))).toBe(false);
    expect(isPlatformAdmin(ctx(['org:principal']))).toBe(false);
  });
});
