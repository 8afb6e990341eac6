import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import type { FlagDecision } from '../domain';
import { DecideFlagUseCase, FlagDetail, FlagQueueFilter, OperatorFlagQueueQuery } from './forum/flag-decisions.use-cases';
import type { Flag } from './forum/forum.ports';
import { COMMUNITY_UNIT_OF_WORK, CommunityUnitOfWork } from './ports';

export type { Flag as CommunityFlag } from './forum/forum.ports';
export type {
  FlagDetail as CommunityFlagDetail,
  FlaggedContent as CommunityFlaggedContent,
  FlagQueueFilter as CommunityFlagFilter,
} from './forum/flag-decisions.use-cases';

/** The community context's front door for other contexts (admin…). */
@Injectable()
export class CommunityApi {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    private readonly flagQueue: OperatorFlagQueueQuery,
    private readonly decideFlagUseCase: DecideFlagUseCase,
  ) {}

  /** The exact number of a person's unread notifications (e.g. for a badge another context shows). */
  unreadNotificationCount(_ctx: RequestContext, userId: string): Promise<number> {
    return this.uow.repos.notifications.countUnread(userId);
  }

  /** Every board's flags, oldest first (platform admins; COMMUNITY.FORBIDDEN otherwise). */
  flags(ctx: RequestContext, filter: FlagQueueFilter, page: PageRequest): Promise<Page<Flag>> {
    return this.flagQueue.list(ctx, filter, page);
  }

  /** A flag with the flagged content, whatever its state (platform admins; COMMUNITY.FLAG_NOT_FOUND). */
  flag(ctx: RequestContext, flagId: string): Promise<FlagDetail> {
    return this.flagQueue.detail(ctx, flagId);
  }

  /** A platform admin's decision on an open flag: hide, restore or dismiss (COMMUNITY.FLAG_ALREADY_RESOLVED when decided). */
  decideFlag(ctx: RequestContext, input: { flagId: string; decision: FlagDecision; reason: string }): Promise<FlagDetail & { flagsClosed: number }> {
    return this.decideFlagUseCase.execute(ctx, input);
  }
}
