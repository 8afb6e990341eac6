import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationEvent } from '../../../../platform/kernel';
import { COMMUNITY_UNIT_OF_WORK, CommunityUnitOfWork, PEOPLE_DIRECTORY, PeopleDirectory } from '../ports';
import { NotifyOutcome, NotifyUseCase } from '../notifications/notify.use-case';
import type { PostCreatedPayload, PostReactedPayload, ThreadCreatedPayload } from './forum-events';

/**
 * Who hears of forum activity, by watch level (see domain/watch-levels):
 * a reply tells everyone watching the thread (their own level, else their
 * category's) and the author of the post it answers unless they muted it; a
 * new thread tells those watching its category; a reaction tells the post's
 * author. On a private board only the organization's current members are told.
 */
@Injectable()
export class ForumNotifications {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(PEOPLE_DIRECTORY) private readonly people: PeopleDirectory,
    private readonly notify: NotifyUseCase,
  ) {}

  private members(event: IntegrationEvent<object>, orgId: string | null): ((userId: string) => Promise<boolean>) | undefined {
    return orgId ? (userId) => this.people.isActiveMember(event.ctx, orgId, userId) : undefined;
  }

  async postCreated(event: IntegrationEvent<PostCreatedPayload>, handler: string): Promise<NotifyOutcome | undefined> {
    const p = event.payload;
    const thread = await this.uow.repos.forum.findThread(p.threadId);
    if (!thread) return undefined;
    const recipients = new Set(await this.uow.repos.forum.threadWatchers(p.threadId, p.categoryId, p.authorUserId));
    if (p.repliedToUserId && !(await this.uow.repos.forum.isMuted(p.threadId, p.categoryId, p.repliedToUserId))) recipients.add(p.repliedToUserId);
    return this.notify.execute(event.ctx, {
      sourceKey: `${event.id}:${handler}`,
      userIds: [...recipients],
      allowed: this.members(event, p.orgId),
      draft: {
        type: 'forum.new_reply',
        groupKey: `thread:${p.threadId}`,
        actorId: p.authorUserId,
        orgId: p.orgId,
        targetType: 'forum_thread',
        targetId: p.threadId,
        data: { thread_id: p.threadId, thread_title: thread.title, post_number: p.postNumber },
      },
    });
  }

  async threadCreated(event: IntegrationEvent<ThreadCreatedPayload>, handler: string): Promise<NotifyOutcome | undefined> {
    const p = event.payload;
    const [thread, category] = await Promise.all([this.uow.repos.forum.findThread(p.threadId), this.uow.repos.forum.findCategory(p.categoryId)]);
    if (!thread || !category) return undefined;
    return this.notify.execute(event.ctx, {
      sourceKey: `${event.id}:${handler}`,
      userIds: await this.uow.repos.forum.categoryWatchers(p.categoryId, p.authorUserId),
      allowed: this.members(event, p.orgId),
      draft: {
        type: 'forum.new_thread',
        groupKey: `category:${p.categoryId}`,
        actorId: p.authorUserId,
        orgId: p.orgId,
        targetType: 'forum_thread',
        targetId: p.threadId,
        data: { thread_id: p.threadId, thread_title: thread.title, category_id: category.id, category_name: category.name },
      },
    });
  }

  async postReacted(event: IntegrationEvent<PostReactedPayload>, handler: string): Promise<NotifyOutcome | undefined> {
    const p = event.payload;
    const thread = await this.uow.repos.forum.findThread(p.threadId);
    if (!thread) return undefined;
    if (await this.uow.repos.forum.isMuted(p.threadId, thread.categoryId, p.postAuthorUserId)) return undefined;
    return this.notify.execute(event.ctx, {
      sourceKey: `${event.id}:${handler}`,
      userIds: [p.postAuthorUserId],
      allowed: this.members(event, p.orgId),
      draft: {
        type: 'forum.reaction',
        groupKey: `post-reactions:${p.postId}`,
        actorId: p.reactorUserId,
        orgId: p.orgId,
        targetType: 'forum_post',
        targetId: p.postId,
        data: { thread_id: p.threadId, thread_title: thread.title, post_id: p.postId },
      },
    });
  }
}
