import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { CommunityErrors, FlagReason, FlagResolution, FlagStatus, FlagTargetType } from '../../domain';
import { isModerator, isPlatformAdmin, requireUser } from '../access';
import { COMMUNITY_CONFIG, COMMUNITY_UNIT_OF_WORK, CommunityConfig, CommunityRepositories, CommunityUnitOfWork } from '../ports';
import { visiblePost } from './forum-access';
import { MARKETPLACE_REVIEWS, MarketplaceReviews } from './review-reports';
import type { Flag } from './forum.ports';
import { ORG_MANAGER } from '../../../organizations';

/** What a flag points at, as the moderation needs it: its board's organization, and how to hide or show it. */
export interface Flaggable {
  orgId: string | null;
  setHidden(repos: CommunityRepositories, hidden: boolean, now: Date): Promise<void>;
}

/** Finds a flag's target the caller may see (a post here; comments register theirs). */
export type FlaggableResolver = (repos: CommunityRepositories, ctx: RequestContext, id: string) => Promise<Flaggable>;

export const FLAGGABLES: Partial<Record<FlagTargetType, FlaggableResolver>> = {
  post: async (repos, ctx, id) => {
    const post = await visiblePost(repos, ctx, id);
    return {
      orgId: post.orgId,
      setHidden: async (r, hidden, now) => {
        const current = await r.forum.findPost(id);
        if (current) await r.forum.savePost({ ...current, hiddenAt: hidden ? (current.hiddenAt ?? now) : null, updatedAt: current.updatedAt });
      },
    };
  },
};

/**
 * Flags a post or comment for the moderation queue. Enough open flags
 * (COMMUNITY_AUTO_HIDE_FLAG_COUNT) hide it until a moderator decides.
 */
@Injectable()
export class FlagContentUseCase {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(COMMUNITY_CONFIG) private readonly config: CommunityConfig,
  ) {}

  async execute(ctx: RequestContext, input: { targetType: FlagTargetType; targetId: string; reason: FlagReason; note?: string }): Promise<Flag> {
    const userId = requireUser(ctx);
    const resolve = FLAGGABLES[input.targetType];
    if (!resolve) throw CommunityErrors.targetNotFound();
    return this.uow.run(async (repos) => {
      const target = await resolve(repos, ctx, input.targetId);
      const now = new Date();
      const flag: Flag = {
        id: randomUUID(),
        targetType: input.targetType,
        targetId: input.targetId,
        orgId: target.orgId,
        flaggedBy: userId,
        reason: input.reason,
        note: input.note ?? null,
        status: 'open',
        resolvedBy: null,
        resolvedAt: null,
        decision: null,
        decisionReason: null,
        createdAt: now,
      };
      await repos.flags.insert(flag);
      if ((await repos.flags.countOpen(input.targetType, input.targetId)) >= this.config.autoHideFlagCount) await target.setHidden(repos, true, now);
      return flag;
    });
  }
}

/** The moderation queue: platform admins see every flag; managers of the active organization their boards' flags. */
@Injectable()
export class ModerationQueueQuery {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  async execute(ctx: RequestContext, filter: { status?: FlagStatus }, page: PageRequest): Promise<Page<Flag>> {
    requireUser(ctx);
    if (isPlatformAdmin(ctx)) return this.uow.repos.flags.list({ ...filter, orgId: null, all: true }, page);
    if (!ctx.orgId || !ctx.roles.includes(ORG_MANAGER)) throw CommunityErrors.forbidden('Only moderators see the moderation queue.');
    return this.uow.repos.flags.list({ ...filter, orgId: ctx.orgId, all: false }, page);
  }
}

/** Uphold (the content stays hidden) or dismiss (it shows again): closes every open flag of the same content. */
@Injectable()
export class ResolveFlagUseCase {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(MARKETPLACE_REVIEWS) private readonly reviews: MarketplaceReviews,
  ) {}

  async execute(ctx: RequestContext, input: { flagId: string; resolution: FlagResolution }): Promise<Flag> {
    const userId = requireUser(ctx);
    const resolved = await this.uow.run(async (repos) => {
      const flag = await repos.flags.find(input.flagId);
      if (!flag || !isModerator(ctx, flag.orgId)) throw CommunityErrors.flagNotFound();
      const resolve = FLAGGABLES[flag.targetType];
      const now = new Date();
      const status = input.resolution === 'uphold' ? 'upheld' : 'dismissed';
      await repos.flags.resolveTarget(flag.targetType, flag.targetId, status, userId, now);
      if (resolve) {
        const target = await resolve(repos, ctx, flag.targetId).catch(() => undefined);
        await target?.setHidden(repos, status === 'upheld', now);
      }
      return (await repos.flags.find(flag.id))!;
    });
    // A reported review (platform admins only: it belongs to no board) is hidden or shown by the marketplace.
    if (resolved.targetType === 'review') {
      const reason = `flag ${input.resolution === 'uphold' ? 'upheld' : 'dismissed'}`;
      if (input.resolution === 'uphold') await this.reviews.hide(ctx, resolved.targetId, reason);
      else await this.reviews.restore(ctx, resolved.targetId, reason);
    }
    return resolved;
  }
}
