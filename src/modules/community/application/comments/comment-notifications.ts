import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationEvent } from '../../../../platform/kernel';
import { NotifyOutcome, NotifyUseCase } from '../notifications/notify.use-case';
import { COMMUNITY_UNIT_OF_WORK, CommunityUnitOfWork, PEOPLE_DIRECTORY, PeopleDirectory } from '../ports';
import { COMMENT_TARGETS, CommentTargets } from './comments.ports';
import type { CommentCreatedPayload } from './comments.use-cases';

/**
 * A new comment tells the target's owner (its author, or its organization's
 * managers), grouped per target while unread; a reply also tells the author of
 * the comment it answers. The target is read again with the author's request
 * context, so a private board's comments reach its current members only.
 */
@Injectable()
export class CommentNotifications {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(COMMENT_TARGETS) private readonly targets: CommentTargets,
    @Inject(PEOPLE_DIRECTORY) private readonly people: PeopleDirectory,
    private readonly notify: NotifyUseCase,
  ) {}

  async commentCreated(event: IntegrationEvent<CommentCreatedPayload>, handler: string): Promise<NotifyOutcome[]> {
    const comment = await this.uow.repos.comments.find(event.payload.commentId);
    if (!comment || comment.deletedAt) return [];
    const target = await this.targets.resolve(event.ctx, comment.targetType, comment.targetId);
    if (!target) return [];
    const allowed = comment.orgId ? (userId: string) => this.people.isActiveMember(event.ctx, comment.orgId!, userId) : undefined;
    const base = { actorId: comment.authorId, orgId: comment.orgId, targetType: comment.targetType, targetId: comment.targetId };
    const outcomes: NotifyOutcome[] = [];
    const parent = comment.parentId ? await this.uow.repos.comments.find(comment.parentId) : undefined;
    if (parent && !parent.deletedAt) {
      outcomes.push(
        await this.notify.execute(event.ctx, {
          sourceKey: `${event.id}:${handler}:reply`,
          userIds: [parent.authorId],
          allowed,
          draft: { ...base, type: 'comment.reply', groupKey: `comment-replies:${parent.id}`, data: { comment_id: comment.id, parent_id: parent.id } },
        }),
      );
    }
    const owners = target.ownerUserIds.filter((id) => id !== parent?.authorId);
    outcomes.push(
      await this.notify.execute(event.ctx, {
        sourceKey: `${event.id}:${handler}:owner`,
        userIds: owners,
        orgId: target.ownerOrgId,
        allowed,
        draft: {
          ...base,
          type: 'comment.created',
          groupKey: `comments:${comment.targetType}:${comment.targetId}`,
          data: { comment_id: comment.id, target_label: target.label },
        },
      }),
    );
    return outcomes;
  }
}
