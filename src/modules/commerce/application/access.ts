import { PLATFORM_ADMIN } from '../../../platform/auth/roles.decorator';
import { organizationRoleOf } from '../../organizations';
import { DomainError, RequestContext } from '../../../platform/kernel';
import { CommerceErrors, Order } from '../domain';

/**
 * Resource checks of the use cases. The active organization in the context was
 * verified by the TenantGuard on this request. An order is seen by its buyer,
 * by members of the selling organization and by platform admins; anyone else
 * gets 404.
 */
export function isPlatformAdmin(ctx: RequestContext): boolean {
  return !ctx.apiKeyId && ctx.roles.includes(PLATFORM_ADMIN);
}

export function requireUserId(ctx: RequestContext): string {
  if (!ctx.userId) throw new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'Sign in as a user to do this.');
  return ctx.userId;
}

/** The caller acts for the seller: a member (staff or above) or an API key of the seller's organization. */
export function actsForSeller(ctx: RequestContext, sellerOrgId: string): boolean {
  return ctx.orgId === sellerOrgId && organizationRoleOf(ctx.roles) !== undefined;
}

export function isBuyer(ctx: RequestContext, order: Order): boolean {
  return !ctx.apiKeyId && ctx.userId === order.buyerUserId;
}

export function requireVisible(ctx: RequestContext, order: Order | undefined): Order {
  if (!order || !(isBuyer(ctx, order) || actsForSeller(ctx, order.sellerOrgId) || isPlatformAdmin(ctx))) throw CommerceErrors.orderNotFound();
  return order;
}

/** Sellers (and platform admins) move an order along; a buyer who can see it but not do this gets 403. */
export function requireSellerOrAdmin(ctx: RequestContext, order: Order): void {
  if (actsForSeller(ctx, order.sellerOrgId) || isPlatformAdmin(ctx)) return;
  throw CommerceErrors.forbidden('Only the seller or a platform admin can do this.');
}
