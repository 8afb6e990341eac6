import { ORG_PRINCIPAL } from '../../../organizations';
import type { RequestContext } from '../../../../platform/kernel';
import { AiErrors } from '../../domain/ai-errors';
import type { OrganizationDirectory } from '../training-ports';

/**
 * Resource checks of training (routes check the role: manager or principal of
 * the organization in the path). Training is for dealerships; a manager sees
 * their own sessions, a principal the dealership's.
 */
export async function requireDealership(ctx: RequestContext, orgId: string, organizations: OrganizationDirectory): Promise<void> {
  if ((await organizations.kind(ctx, orgId)) !== 'dealership') throw AiErrors.notADealership();
}

export function isPrincipal(ctx: RequestContext): boolean {
  return ctx.roles.includes(ORG_PRINCIPAL);
}

/** Whose sessions the caller may see: everyone's (null) for a principal, else their own. */
export function visibleTrainee(ctx: RequestContext): string | null {
  if (isPrincipal(ctx)) return null;
  if (!ctx.userId) throw AiErrors.forbidden('Training sessions belong to people: sign in as one.');
  return ctx.userId;
}

export function canSee(ctx: RequestContext, traineeUserId: string): boolean {
  return isPrincipal(ctx) || ctx.userId === traineeUserId;
}
