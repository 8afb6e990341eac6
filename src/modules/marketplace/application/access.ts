import { PLATFORM_ADMIN } from '../../../platform/auth/roles.decorator';
import { organizationRoleOf } from '../../organizations';
import { DomainError, RequestContext } from '../../../platform/kernel';
import { MarketplaceErrors } from '../domain';

const ORDER = ['staff', 'manager', 'principal'] as const;
type Role = (typeof ORDER)[number];

/** A platform admin signed in as a person (API keys never carry the admin role). */
export function isPlatformAdmin(ctx: RequestContext): boolean {
  return !ctx.apiKeyId && ctx.roles.includes(PLATFORM_ADMIN);
}

export function requirePlatformAdmin(ctx: RequestContext): void {
  if (!isPlatformAdmin(ctx)) throw new DomainError('AUTH.FORBIDDEN', 'forbidden', 'Your role does not allow this action.');
}

export function requireUserId(ctx: RequestContext): string {
  if (!ctx.userId) throw new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'Sign in as a user to do this.');
  return ctx.userId;
}

/** The caller acts in `orgId` (verified by the TenantGuard) with at least `minimum`; another organization is 404. */
export function requireRoleIn(ctx: RequestContext, orgId: string, minimum: Role): void {
  const role = ctx.orgId === orgId ? organizationRoleOf(ctx.roles) : undefined;
  if (!role) throw MarketplaceErrors.notFound();
  if (ORDER.indexOf(role) < ORDER.indexOf(minimum)) throw MarketplaceErrors.forbidden();
}

/** Whether the caller is a member of `orgId` (any role) in this request. */
export function isMemberOf(ctx: RequestContext, orgId: string): boolean {
  return ctx.orgId === orgId && organizationRoleOf(ctx.roles) !== undefined;
}
