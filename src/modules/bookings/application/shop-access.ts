import type { RequestContext } from '../../../platform/kernel';
import { BookingsErrors } from '../domain/bookings-errors';
import type { ShopProfile } from '../domain/shop';
import type { BookingsRepositories, ShopOrganizations } from './ports';

/** The active organization of a staff or manager route (the guards checked the role). */
export function activeOrg(ctx: RequestContext): string {
  if (!ctx.orgId) throw BookingsErrors.shopNotFound();
  return ctx.orgId;
}

/** The shop's profile; a shop that has not published its profile yet is not found. */
export async function shopOf(repos: Pick<BookingsRepositories, 'shops'>, orgId: string): Promise<ShopProfile> {
  return (await repos.shops.find(orgId)) ?? BookingsErrorsThrow.shopNotFound();
}

/** Only repair-shop organizations take bookings. */
export async function assertRepairShop(ctx: RequestContext, organizations: ShopOrganizations, orgId: string): Promise<{ name: string }> {
  const org = await organizations.kindOf(ctx, orgId);
  if (!org) throw BookingsErrors.shopNotFound();
  if (org.kind !== 'repair_shop') throw BookingsErrors.notARepairShop();
  return { name: org.name };
}

const BookingsErrorsThrow = {
  shopNotFound: (): never => {
    throw BookingsErrors.shopNotFound();
  },
};
