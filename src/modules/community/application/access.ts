import { PLATFORM_ADMIN } from '../../../platform/auth/roles.decorator';
import { ORG_MANAGER, ORG_STAFF } from '../../organizations';
import { DomainError, RequestContext } from '../../../platform/kernel';

/** Resource checks shared by the community's use cases (routes check roles with @Roles). */

export function requireUser(ctx: RequestContext): string {
  if (!ctx.userId) throw new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'Sign in as a user to do this.');
  return ctx.userId;
}

/** A platform admin signed in as a person (API keys never carry the admin role). */
export function isPlatformAdmin(ctx: RequestContext): boolean {
  return !ctx.apiKeyId && ctx.roles.includes(PLATFORM_ADMIN);
}

/** Whether the caller acts as a member of `orgId` (the TenantGuard checked the membership on this request). */
export function isMemberOf(ctx: RequestContext, orgId: string): boolean {
  return ctx.orgId === orgId && ctx.roles.includes(ORG_STAFF);
}

/** Moderators: platform admins everywhere; managers and principals on their organization's boards. */
export function isModerator(ctx: RequestContext, orgId: string | null): boolean {
  if (isPlatformAdmin(ctx)) return true;
  return orgId !== null && ctx.orgId === orgId && ctx.roles.includes(ORG_MANAGER);
}
