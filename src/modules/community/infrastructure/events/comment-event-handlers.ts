import { Injectable } from '@nestjs/common';
import { OnEvent } from '../../../../platform/events';
import type { IntegrationEvent } from '../../../../platform/kernel';
import { CommentNotifications } from '../../application/comments/comment-notifications';
import { COMMENT_CREATED, CommentCreatedPayload } from '../../application/comments/comments.use-cases';

export const COMMENT_HANDLERS = { commentCreated: 'community.notify-comment-target' } as const;

@Injectable()
export class CommentEventHandlers {
  constructor(private readonly notifications: CommentNotifications) {}

  @OnEvent(COMMENT_CREATED, { name: COMMENT_HANDLERS.commentCreated })
  async commentCreated(event: IntegrationEvent<CommentCreatedPayload>): Promise<void> {
    await this.notifications.commentCreated(event, COMMENT_HANDLERS.commentCreated);
  }
}
