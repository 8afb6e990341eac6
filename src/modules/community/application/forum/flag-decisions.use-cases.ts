import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { CommunityErrors, FlagDecision, FlagStatus, FlagTargetType } from '../../domain';
import { isPlatformAdmin, requireUser } from '../access';
import { COMMUNITY_UNIT_OF_WORK, CommunityRepositories, CommunityUnitOfWork } from '../ports';
import { FLAGGABLES } from './flags.use-cases';
import type { Flag } from './forum.ports';
import { MARKETPLACE_REVIEWS, MarketplaceReviews } from './review-reports';

/** The flagged content as an operator reviews it: whatever its state (hidden, deleted), on any board. */
export interface FlaggedContent {
  type: FlagTargetType;
  id: string;
  orgId: string | null;
  authorId: string;
  bodyMarkdown: string;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  /** A post's thread; a comment's target (listing, forum_thread, vehicle_model); a review's listing. */
  parentType: string;
  parentId: string;
}

export interface FlagDetail {
  flag: Flag;
  /** Undefined when the content is gone from the database. */
  content: FlaggedContent | undefined;
  /** Flags on the same content that are still open (this one included while open). */
  openFlagsOnContent: number;
}

export interface FlagQueueFilter {
  status?: FlagStatus;
  targetType?: FlagTargetType;
}

function requireOperator(ctx: RequestContext): string {
  const userId = requireUser(ctx);
  if (!isPlatformAdmin(ctx)) throw CommunityErrors.forbidden('Only platform admins decide flags in the operators’ console.');
  return userId;
}

async function contentOf(repos: CommunityRepositories, reviews: MarketplaceReviews, ctx: RequestContext, flag: Flag): Promise<FlaggedContent | undefined> {
  if (flag.targetType === 'review') {
    const review = await reviews.find(ctx, flag.targetId);
    if (!review) return undefined;
    const { id, orgId, authorUserId, body, hiddenAt, createdAt, listingId, rating } = review;
    return {
      type: 'review',
      id,
      orgId,
      authorId: authorUserId,
      bodyMarkdown: `${rating}/5: ${body}`,
      hiddenAt,
      deletedAt: null,
      createdAt,
      parentType: 'listing',
      parentId: listingId,
    };
  }
  if (flag.targetType === 'post') {
    const post = await repos.forum.findPost(flag.targetId);
    if (!post) return undefined;
    const { id, orgId, authorId, bodyMarkdown, hiddenAt, deletedAt, createdAt, threadId } = post;
    return { type: 'post', id, orgId, authorId, bodyMarkdown, hiddenAt, deletedAt, createdAt, parentType: 'forum_thread', parentId: threadId };
  }
  const comment = await repos.comments.find(flag.targetId);
  if (!comment) return undefined;
  const { id, orgId, authorId, bodyMarkdown, hiddenAt, deletedAt, createdAt, targetType, targetId } = comment;
  return { type: 'comment', id, orgId, authorId, bodyMarkdown, hiddenAt, deletedAt, createdAt, parentType: targetType, parentId: targetId };
}

/** The operators' flag queue (platform admins): every board's flags, oldest first, by status and kind of content. */
@Injectable()
export class OperatorFlagQueueQuery {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(MARKETPLACE_REVIEWS) private readonly reviews: MarketplaceReviews,
  ) {}

  list(ctx: RequestContext, filter: FlagQueueFilter, page: PageRequest): Promise<Page<Flag>> {
    requireOperator(ctx);
    return this.uow.repos.flags.list({ ...filter, orgId: null, all: true }, page);
  }

  async detail(ctx: RequestContext, flagId: string): Promise<FlagDetail> {
    requireOperator(ctx);
    const repos = this.uow.repos;
    const flag = await repos.flags.find(flagId);
    if (!flag) throw CommunityErrors.flagNotFound();
    const [content, openFlagsOnContent] = await Promise.all([contentOf(repos, this.reviews, ctx, flag), repos.flags.countOpen(flag.targetType, flag.targetId)]);
    return { flag, content, openFlagsOnContent };
  }
}

/**
 * A platform admin decides an open flag: `hide` upholds it (the content is hidden), `restore` dismisses it and shows
 * the content again (e.g. after the automatic hiding), `dismiss` closes it leaving the content as it is. Every open
 * flag of the same content is closed with the same decision and reason. A decided flag answers
 * COMMUNITY.FLAG_ALREADY_RESOLVED (409), also when two operators decide at once.
 */
@Injectable()
export class DecideFlagUseCase {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(MARKETPLACE_REVIEWS) private readonly reviews: MarketplaceReviews,
  ) {}

  async execute(ctx: RequestContext, input: { flagId: string; decision: FlagDecision; reason: string }): Promise<FlagDetail & { flagsClosed: number }> {
    const userId = requireOperator(ctx);
    let targetType: Flag['targetType'] | undefined;
    let targetId = '';
    const flagsClosed = await this.uow.run(async (repos) => {
      const flag = await repos.flags.find(input.flagId);
      if (!flag) throw CommunityErrors.flagNotFound();
      if (flag.status !== 'open') throw CommunityErrors.flagAlreadyResolved();
      const now = new Date();
      const status = input.decision === 'hide' ? 'upheld' : 'dismissed';
      const closed = await repos.flags.resolveTarget(flag.targetType, flag.targetId, status, userId, now, { decision: input.decision, reason: input.reason });
      // Another operator closed it between the read and the update.
      if (closed === 0) throw CommunityErrors.flagAlreadyResolved();
      ({ targetType, targetId } = flag);
      if (input.decision !== 'dismiss' && flag.targetType !== 'review') {
        const target = await FLAGGABLES[flag.targetType]?.(repos, ctx, flag.targetId).catch(() => undefined);
        await target?.setHidden(repos, input.decision === 'hide', now);
      }
      return closed;
    });
    // A review is the marketplace's: its use cases hide or show it (and audit), after the flags are closed.
    if (targetType === 'review' && input.decision === 'hide') await this.reviews.hide(ctx, targetId, input.reason);
    if (targetType === 'review' && input.decision === 'restore') await this.reviews.restore(ctx, targetId, input.reason);
    const repos = this.uow.repos;
    const flag = (await repos.flags.find(input.flagId))!;
    const [content, openFlagsOnContent] = await Promise.all([contentOf(repos, this.reviews, ctx, flag), repos.flags.countOpen(flag.targetType, flag.targetId)]);
    return { flag, content, openFlagsOnContent, flagsClosed };
  }
}
