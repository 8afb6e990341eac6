import { PLATFORM_ADMIN } from '../../../platform/auth/roles.decorator';
import { organizationRoleOf } from './role-claims';
import { DomainError, RequestContext } from '../../../platform/kernel';
import { OrganizationRole, OrganizationsErrors, atLeast } from '../domain';

/**
 * Resource checks of the use cases (routes check roles with @Roles; these
 * check the object). The active organization in the context was verified by
 * the TenantGuard on this request; an object of another organization is 404.
 */

/** A platform admin signed in as a person (API keys never carry the admin role). */
export function isPlatformAdmin(ctx: RequestContext): boolean {
  return !ctx.apiKeyId && ctx.roles.includes(PLATFORM_ADMIN);
}

export function requireUserId(ctx: RequestContext): string {
  if (!ctx.userId) throw new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'Sign in as a user to do this.');
  return ctx.userId;
}

/** The caller's role in `orgId`, which must be the active organization; anything else is 404. */
export function roleIn(ctx: RequestContext, orgId: string): OrganizationRole {
  const role = ctx.orgId === orgId ? organizationRoleOf(ctx.roles) : undefined;
  if (!role) throw OrganizationsErrors.notFound();
  return role;
}

export function requireRoleIn(ctx: RequestContext, orgId: string, minimum: OrganizationRole): OrganizationRole {
  const role = roleIn(ctx, orgId);
  if (!atLeast(role, minimum)) throw OrganizationsErrors.forbidden();
  return role;
}

/** The active organization and the caller's role there, if any. */
export function activeRole(ctx: RequestContext): { orgId: string; role: OrganizationRole } | undefined {
  const role = organizationRoleOf(ctx.roles);
  return ctx.orgId && role ? { orgId: ctx.orgId, role } : undefined;
}

export function requirePlatformAdmin(ctx: RequestContext): void {
  if (!isPlatformAdmin(ctx)) throw new DomainError('AUTH.FORBIDDEN', 'forbidden', 'Your role does not allow this action.');
}
