import { ORGANIZATION_ROLES, atLeast, leavesNoPrincipal, mayChangeRole, mayHandleApiKey, mayInvite, mayRemove } from './roles';

describe('organization roles', () => {
  it('are ordered staff < manager < principal', () => {
    expect(atLeast('principal', 'manager')).toBe(true);
    expect(atLeast('manager', 'manager')).toBe(true);
    expect(atLeast('staff', 'manager')).toBe(false);
    expect(atLeast(undefined, 'staff')).toBe(false);
  });

  it.each([
    ['principal', 'principal', true],
    ['principal', 'staff', true],
    ['manager', 'staff', true],
    ['manager', 'manager', false],
    ['manager', 'principal', false],
    ['staff', 'staff', false],
  ] as const)('%s may invite %s: %s', (actor, invitee, allowed) => {
    expect(mayInvite(actor, invitee)).toBe(allowed);
  });

  it('only principals change roles', () => {
    expect(ORGANIZATION_ROLES.filter(mayChangeRole)).toEqual(['principal']);
  });

  it.each([
    [{ userId: 'p', role: 'principal' }, { userId: 'm', role: 'manager' }, true],
    [{ userId: 'm', role: 'manager' }, { userId: 's', role: 'staff' }, true],
    [{ userId: 'm', role: 'manager' }, { userId: 'm2', role: 'manager' }, false],
    [{ userId: 'm', role: 'manager' }, { userId: 'p', role: 'principal' }, false],
    [{ userId: 's', role: 'staff' }, { userId: 's2', role: 'staff' }, false],
    [{ userId: 's', role: 'staff' }, { userId: 's', role: 'staff' }, true],
    [{ userId: undefined, role: 'principal' }, { userId: 'x', role: 'staff' }, true],
  ] as const)('removal by %o of %o: %s', (actor, target, allowed) => {
    expect(mayRemove(actor, target)).toBe(allowed);
  });

  it('keys are handled by managers and principals, never above their own role', () => {
    expect(mayHandleApiKey('principal', 'principal')).toBe(true);
    expect(mayHandleApiKey('manager', 'manager')).toBe(true);
    expect(mayHandleApiKey('manager', 'principal')).toBe(false);
    expect(mayHandleApiKey('staff', 'staff')).toBe(false);
  });

  it('the last active principal stays', () => {
    expect(leavesNoPrincipal({ currentRole: 'principal', nextRole: 'manager' }, 1)).toBe(true);
    expect(leavesNoPrincipal({ currentRole: 'principal', nextRole: null }, 1)).toBe(true);
    expect(leavesNoPrincipal({ currentRole: 'principal', nextRole: null }, 2)).toBe(false);
    expect(leavesNoPrincipal({ currentRole: 'principal', nextRole: 'principal' }, 1)).toBe(false);
    expect(leavesNoPrincipal({ currentRole: 'manager', nextRole: null }, 0)).toBe(false);
  });
});
