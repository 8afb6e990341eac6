import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { CommunityErrors } from '../../domain';
import { requireUser } from '../access';
import { COMMUNITY_UNIT_OF_WORK, CommunityUnitOfWork } from '../ports';
import { NotificationView, notificationView } from './notification-views';

/** Marks one of the caller's notifications read (someone else's is 404). Reading closes its group: the next like event starts a new one. */
@Injectable()
export class MarkNotificationReadUseCase {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  async execute(ctx: RequestContext, input: { id: string }): Promise<NotificationView> {
    const record = await this.uow.repos.notifications.markRead(requireUser(ctx), input.id, new Date());
    if (!record) throw CommunityErrors.notificationNotFound();
    return notificationView(record);
  }
}

@Injectable()
export class MarkAllNotificationsReadUseCase {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  async execute(ctx: RequestContext): Promise<{ marked: number }> {
    return { marked: await this.uow.repos.notifications.markAllRead(requireUser(ctx), new Date()) };
  }
}
