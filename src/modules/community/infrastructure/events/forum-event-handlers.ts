import { Injectable } from '@nestjs/common';
import { OnEvent } from '../../../../platform/events';
import type { IntegrationEvent } from '../../../../platform/kernel';
import { FORUM_EVENTS, PostCreatedPayload, PostReactedPayload, ThreadCreatedPayload } from '../../application/forum/forum-events';
import { ForumNotifications } from '../../application/forum/forum-notifications';

export const FORUM_HANDLERS = {
  postCreated: 'community.notify-thread-watchers',
  threadCreated: 'community.notify-category-watchers',
  postReacted: 'community.notify-post-reaction',
} as const;

/** The forum's own events, turned into notifications in a job: a reply to a thread with 1,000 watchers is one job, one statement. */
@Injectable()
export class ForumEventHandlers {
  constructor(private readonly notifications: ForumNotifications) {}

  @OnEvent(FORUM_EVENTS.postCreated, { name: FORUM_HANDLERS.postCreated })
  async postCreated(event: IntegrationEvent<PostCreatedPayload>): Promise<void> {
    await this.notifications.postCreated(event, FORUM_HANDLERS.postCreated);
  }

  @OnEvent(FORUM_EVENTS.threadCreated, { name: FORUM_HANDLERS.threadCreated })
  async threadCreated(event: IntegrationEvent<ThreadCreatedPayload>): Promise<void> {
    await this.notifications.threadCreated(event, FORUM_HANDLERS.threadCreated);
  }

  @OnEvent(FORUM_EVENTS.postReacted, { name: FORUM_HANDLERS.postReacted })
  async postReacted(event: IntegrationEvent<PostReactedPayload>): Promise<void> {
    await this.notifications.postReacted(event, FORUM_HANDLERS.postReacted);
  }
}
