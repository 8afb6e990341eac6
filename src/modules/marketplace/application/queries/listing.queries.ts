import { Inject, Injectable } from '@nestjs/common';
import { Page, PageRequest, RequestContext, pageOffset, toPage } from '../../../../platform/kernel';
import { ListingKind, ListingState, ListingStatus, ListingTransition, MarketplaceErrors } from '../../domain';
import { isMemberOf, isPlatformAdmin, requirePlatformAdmin, requireRoleIn } from '../access';
import { MARKETPLACE_UNIT_OF_WORK, MarketplaceUnitOfWork, VerdictRecord } from '../ports';

/** A listing as its reader may see it: `owner` readers (members, platform admins) see drafts and the full VIN. */
export interface ListingView {
  listing: ListingState;
  owner: boolean;
}

@Injectable()
export class ListingQueries {
  constructor(@Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork) {}

  async inOrg(ctx: RequestContext, orgId: string, listingId: string): Promise<ListingView> {
    requireRoleIn(ctx, orgId, 'staff');
    const listing = await this.uow.repos.listings.findInOrg(orgId, listingId);
    if (!listing) throw MarketplaceErrors.notFound();
    return { listing: listing.snapshot(), owner: true };
  }

  async listInOrg(ctx: RequestContext, orgId: string, filter: { kind?: ListingKind; status?: ListingStatus }, page: PageRequest): Promise<Page<ListingView>> {
    requireRoleIn(ctx, orgId, 'staff');
    const { rows, total } = await this.uow.repos.listings.listInOrg(orgId, { ...filter, limit: page.limit, offset: pageOffset(page) });
    return toPage(
      rows.map((listing) => ({ listing, owner: true })),
      total,
      page,
    );
  }

  /** Published listings are public; any other status is visible to the owner's members and platform admins only (404 for the rest). */
  async one(ctx: RequestContext, listingId: string): Promise<ListingView> {
    const listing = await this.uow.repos.listings.findAny(listingId);
    if (!listing) throw MarketplaceErrors.notFound();
    const owner = isMemberOf(ctx, listing.orgId) || isPlatformAdmin(ctx);
    if (!owner && listing.status !== 'published') throw MarketplaceErrors.notFound();
    return { listing: listing.snapshot(), owner };
  }

  async history(ctx: RequestContext, orgId: string, listingId: string): Promise<Array<ListingTransition & { actorUserId: string | null }>> {
    await this.requireOwnerOrModerator(ctx, orgId, listingId);
    return this.uow.repos.listings.transitions(orgId, listingId);
  }

  async verdicts(ctx: RequestContext, orgId: string, listingId: string): Promise<VerdictRecord[]> {
    await this.requireOwnerOrModerator(ctx, orgId, listingId);
    return this.uow.repos.verdicts.forListing(orgId, listingId);
  }

  /** The moderation queue: listings waiting for a human, oldest first (platform admins). */
  async moderationQueue(ctx: RequestContext, page: PageRequest): Promise<Page<ListingView>> {
    requirePlatformAdmin(ctx);
    const { rows, total } = await this.uow.repos.listings.awaitingHuman(page.limit, pageOffset(page));
    return toPage(
      rows.map((listing) => ({ listing, owner: true })),
      total,
      page,
    );
  }

  /** Any listing with its verdicts, for a moderator. */
  async forModerator(ctx: RequestContext, listingId: string): Promise<{ view: ListingView; verdicts: VerdictRecord[] }> {
    requirePlatformAdmin(ctx);
    const listing = await this.uow.repos.listings.findAny(listingId);
    if (!listing) throw MarketplaceErrors.notFound();
    return { view: { listing: listing.snapshot(), owner: true }, verdicts: await this.uow.repos.verdicts.forListing(listing.orgId, listing.id) };
  }

  private async requireOwnerOrModerator(ctx: RequestContext, orgId: string, listingId: string): Promise<void> {
    if (!isPlatformAdmin(ctx)) requireRoleIn(ctx, orgId, 'staff');
    const listing = await this.uow.repos.listings.findInOrg(orgId, listingId);
    if (!listing) throw MarketplaceErrors.notFound();
  }
}
