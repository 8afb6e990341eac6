import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { RequestContext } from '../../../../platform/kernel';
import { CatalogApi } from '../../../catalog';
import { MarketplaceApi } from '../../../marketplace';
import type { CommentTargetType } from '../../domain';
import { isMemberOf, isPlatformAdmin } from '../../application/access';
import { canSeeBoard } from '../../application/forum/forum-access';
import type { CommentTargets, ResolvedTarget } from '../../application/comments/comments.ports';
import { COMMUNITY_UNIT_OF_WORK, type CommunityUnitOfWork } from '../../application/ports';

/**
 * The whitelisted comment targets, each read through the context that owns it:
 * listings through MarketplaceApi (published ones, or any status for the
 * listing's organization and platform admins; the organization's managers
 * are told), vehicle models through CatalogApi (no owner to tell), forum
 * threads from the forum (its author is told; a private board's thread only
 * for its members).
 */
@Injectable()
export class FacadeCommentTargets implements CommentTargets {
  private catalog?: CatalogApi;

  constructor(
    private readonly marketplace: MarketplaceApi,
    private readonly moduleRef: ModuleRef,
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
  ) {}

  async resolve(ctx: RequestContext, type: CommentTargetType, id: string): Promise<ResolvedTarget | undefined> {
    switch (type) {
      case 'listing': {
        const [listing] = await this.marketplace.listingsForSale(ctx, [id]);
        if (!listing) return undefined;
        if (listing.status !== 'published' && !isPlatformAdmin(ctx) && !isMemberOf(ctx, listing.orgId)) return undefined;
        return { visibleToOrgId: null, ownerUserIds: [], ownerOrgId: listing.orgId, label: 'listing', closed: false };
      }
      case 'vehicle_model': {
        // The catalog module is not global: its facade is found in the application's container.
        this.catalog ??= this.moduleRef.get(CatalogApi, { strict: false });
        const model = await this.catalog.vehicleModel(ctx, id);
        if (!model) return undefined;
        return { visibleToOrgId: null, ownerUserIds: [], ownerOrgId: null, label: 'vehicle model', closed: false };
      }
      case 'forum_thread': {
        const thread = await this.uow.repos.forum.findThread(id);
        if (!thread || !canSeeBoard(ctx, thread.orgId)) return undefined;
        return { visibleToOrgId: thread.orgId, ownerUserIds: [thread.authorId], ownerOrgId: null, label: 'thread', closed: thread.lockedAt !== null };
      }
    }
  }
}
