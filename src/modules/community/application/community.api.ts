import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../platform/kernel';
import { COMMUNITY_UNIT_OF_WORK, CommunityUnitOfWork } from './ports';

/** The community context's front door for other contexts (admin…). */
@Injectable()
export class CommunityApi {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  /** The exact number of a person's unread notifications (e.g. for a badge another context shows). */
  unreadNotificationCount(_ctx: RequestContext, userId: string): Promise<number> {
    return this.uow.repos.notifications.countUnread(userId);
  }
}
