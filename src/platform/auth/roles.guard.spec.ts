import type { ExecutionContext } from '@nestjs/common';
import { DomainError } from '../kernel/domain-error';
import { Roles } from './roles.decorator';
import { RolesGuard } from './roles.guard';
import type { Principal } from './principal';

class Routes {
  @Roles('admin')
  adminOnly(): void {}

  @Roles('manager', 'principal')
  managers(): void {}

  open(): void {}
}

function contextFor(handler: keyof Routes, principal?: Principal): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ principal }) }),
  } as unknown as ExecutionContext;
}

describe('RolesGuard', () => {
  const guard = new RolesGuard();
  const user = (roles: string[]): Principal => ({ userId: 'u1', roles });

  it('lets routes without @Roles through', () => {
    expect(guard.canActivate(contextFor('open', user([])))).toBe(true);
  });

  it('admits a caller holding one of the roles', () => {
    expect(guard.canActivate(contextFor('adminOnly', user(['admin'])))).toBe(true);
    expect(guard.canActivate(contextFor('managers', user(['principal'])))).toBe(true);
  });

  it.each([[['manager']], [[]], [['ADMIN']], [['admin ']]])('refuses roles %p on an admin route with AUTH.FORBIDDEN', (roles) => {
    expect(() => guard.canActivate(contextFor('adminOnly', user(roles)))).toThrow(
      expect.objectContaining({ code: 'AUTH.FORBIDDEN', kind: 'forbidden' }) as unknown as DomainError,
    );
  });

  it('refuses when no principal was established', () => {
    expect(() => guard.canActivate(contextFor('adminOnly'))).toThrow(DomainError);
  });
});
