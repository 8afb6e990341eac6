import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { CommunityErrors, REACTIONS, Reaction, WatchLevel } from '../../domain';
import { DomainError } from '../../../../platform/kernel';
import { isModerator, requireUser } from '../access';
import { COMMUNITY_UNIT_OF_WORK, CommunityUnitOfWork, MARKDOWN_RENDERER, MarkdownRenderer } from '../ports';
import { visibleCategory, visiblePost, visibleThread } from './forum-access';
import { FORUM_EVENTS, PostCreatedPayload, PostReactedPayload, ThreadCreatedPayload } from './forum-events';
import type { Post, Thread } from './forum.ports';

/** Renders Markdown and refuses a body that sanitizes to nothing (only markup that was stripped). */
export function renderBody(renderer: MarkdownRenderer, markdown: string): string {
  const html = renderer.render(markdown);
  if (html.replace(/<[^>]*>/g, '').trim() === '' && !/<img /.test(html)) throw CommunityErrors.emptyContent();
  return html;
}

function newPost(thread: Thread, number: number, authorId: string, markdown: string, html: string, replyTo: Post | null, now: Date): Post {
  return {
    id: randomUUID(),
    threadId: thread.id,
    orgId: thread.orgId,
    postNumber: number,
    authorId,
    replyToPostId: replyTo?.id ?? null,
    bodyMarkdown: markdown,
    bodyHtml: html,
    revision: 1,
    hiddenAt: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Starts a thread: its opening post is post 1, and its author watches it. */
@Injectable()
export class StartThreadUseCase {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(MARKDOWN_RENDERER) private readonly renderer: MarkdownRenderer,
  ) {}

  async execute(ctx: RequestContext, input: { categoryId: string; title: string; body: string }): Promise<{ thread: Thread; post: Post }> {
    const userId = requireUser(ctx);
    const html = renderBody(this.renderer, input.body);
    return this.uow.run(async (repos, events) => {
      const category = await visibleCategory(repos, ctx, input.categoryId);
      const now = new Date();
      const thread: Thread = {
        id: randomUUID(),
        categoryId: category.id,
        orgId: category.orgId,
        authorId: userId,
        title: input.title,
        pinnedAt: null,
        lockedAt: null,
        postCount: 1,
        lastPostNumber: 1,
        lastPostedAt: now,
        createdAt: now,
        updatedAt: now,
      };
      const post = newPost(thread, 1, userId, input.body, html, null, now);
      await repos.forum.insertThread(thread, post);
      await repos.forum.watchAsParticipant(thread.id, userId);
      await repos.forum.markRead(thread.id, userId, 1);
      events.publish<ThreadCreatedPayload>(ctx, {
        type: FORUM_EVENTS.threadCreated,
        orgId: thread.orgId,
        payload: { threadId: thread.id, categoryId: category.id, orgId: thread.orgId, authorUserId: userId },
      });
      return { thread, post };
    });
  }
}

/** Replies in a thread (moderators also in a locked one); the replier watches the thread unless they chose a level. */
@Injectable()
export class ReplyUseCase {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(MARKDOWN_RENDERER) private readonly renderer: MarkdownRenderer,
  ) {}

  async execute(ctx: RequestContext, input: { threadId: string; body: string; replyToPostId?: string }): Promise<Post> {
    const userId = requireUser(ctx);
    const html = renderBody(this.renderer, input.body);
    return this.uow.run(async (repos, events) => {
      const thread = await visibleThread(repos, ctx, input.threadId, true);
      if (thread.lockedAt && !isModerator(ctx, thread.orgId)) throw CommunityErrors.threadLocked();
      let replyTo: Post | null = null;
      if (input.replyToPostId) {
        replyTo = (await repos.forum.findPost(input.replyToPostId)) ?? null;
        if (!replyTo || replyTo.threadId !== thread.id || replyTo.deletedAt) throw CommunityErrors.postNotFound();
      }
      const now = new Date();
      const number = thread.lastPostNumber + 1;
      const post = newPost(thread, number, userId, input.body, html, replyTo, now);
      await repos.forum.insertPost(post);
      await repos.forum.saveThreadState({ ...thread, postCount: thread.postCount + 1, lastPostNumber: number, lastPostedAt: now, updatedAt: now });
      await repos.forum.watchAsParticipant(thread.id, userId);
      await repos.forum.markRead(thread.id, userId, number);
      events.publish<PostCreatedPayload>(ctx, {
        type: FORUM_EVENTS.postCreated,
        orgId: thread.orgId,
        payload: {
          postId: post.id,
          threadId: thread.id,
          categoryId: thread.categoryId,
          orgId: thread.orgId,
          postNumber: number,
          authorUserId: userId,
          repliedToUserId: replyTo?.authorId ?? null,
        },
      });
      return post;
    });
  }
}

/** Edits a post (its author while the thread is open, or a moderator); the previous text is kept as a revision. */
@Injectable()
export class EditPostUseCase {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(MARKDOWN_RENDERER) private readonly renderer: MarkdownRenderer,
  ) {}

  async execute(ctx: RequestContext, input: { postId: string; body: string }): Promise<Post> {
    const userId = requireUser(ctx);
    const html = renderBody(this.renderer, input.body);
    return this.uow.run(async (repos) => {
      const post = await visiblePost(repos, ctx, input.postId);
      const thread = await visibleThread(repos, ctx, post.threadId, true);
      const moderator = isModerator(ctx, post.orgId);
      if (post.authorId !== userId && !moderator) throw CommunityErrors.forbidden('Only the author or a moderator may edit this post.');
      if (thread.lockedAt && !moderator) throw CommunityErrors.threadLocked();
      if (post.bodyMarkdown === input.body) return post;
      const now = new Date();
      await repos.forum.insertRevision({ postId: post.id, revision: post.revision, bodyMarkdown: post.bodyMarkdown, editedBy: userId, createdAt: now });
      const edited: Post = { ...post, bodyMarkdown: input.body, bodyHtml: html, revision: post.revision + 1, updatedAt: now };
      await repos.forum.savePost(edited);
      if (post.postNumber === 1) await repos.forum.refreshSearch(thread.id);
      return edited;
    });
  }
}

@Injectable()
export class DeletePostUseCase {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  async execute(ctx: RequestContext, input: { postId: string }): Promise<void> {
    const userId = requireUser(ctx);
    await this.uow.run(async (repos) => {
      const post = await visiblePost(repos, ctx, input.postId);
      if (post.authorId !== userId && !isModerator(ctx, post.orgId)) throw CommunityErrors.forbidden('Only the author or a moderator may delete this post.');
      const now = new Date();
      await repos.forum.savePost({ ...post, deletedAt: now, updatedAt: now });
    });
  }
}

/** Pins or locks a thread (moderators: platform admins, or managers of the board's organization). */
@Injectable()
export class ModerateThreadUseCase {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  async execute(ctx: RequestContext, input: { threadId: string; pinned?: boolean; locked?: boolean }): Promise<Thread> {
    return this.uow.run(async (repos) => {
      const thread = await visibleThread(repos, ctx, input.threadId, true);
      if (!isModerator(ctx, thread.orgId)) throw CommunityErrors.forbidden('Only moderators pin or lock threads.');
      const now = new Date();
      const changed: Thread = {
        ...thread,
        pinnedAt: input.pinned === undefined ? thread.pinnedAt : input.pinned ? (thread.pinnedAt ?? now) : null,
        lockedAt: input.locked === undefined ? thread.lockedAt : input.locked ? (thread.lockedAt ?? now) : null,
        updatedAt: now,
      };
      await repos.forum.saveThreadState(changed);
      return changed;
    });
  }
}

@Injectable()
export class WatchThreadUseCase {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  async execute(ctx: RequestContext, input: { threadId: string; level: WatchLevel }): Promise<Thread> {
    const userId = requireUser(ctx);
    return this.uow.run(async (repos) => {
      const thread = await visibleThread(repos, ctx, input.threadId);
      await repos.forum.chooseThreadLevel(thread.id, userId, input.level);
      return thread;
    });
  }
}

export function parseReaction(value: string): Reaction {
  if (!(REACTIONS as readonly string[]).includes(value)) {
    throw new DomainError('HTTP.VALIDATION_FAILED', 'validation', 'The request has invalid or unexpected fields.', {
      errors: { reaction: [`reaction must be one of ${REACTIONS.join(', ')}`] },
    });
  }
  return value as Reaction;
}

/** Adds or removes the caller's reaction; a new reaction tells the post's author (grouped per post). */
@Injectable()
export class ReactToPostUseCase {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  async execute(
    ctx: RequestContext,
    input: { postId: string; reaction: string; on: boolean },
  ): Promise<{ reactions: Partial<Record<Reaction, number>>; mine: Reaction[] }> {
    const userId = requireUser(ctx);
    const reaction = parseReaction(input.reaction);
    return this.uow.run(async (repos, events) => {
      const post = await visiblePost(repos, ctx, input.postId);
      if (input.on) {
        const added = await repos.forum.addReaction(post.id, userId, reaction);
        if (added && post.authorId !== userId) {
          events.publish<PostReactedPayload>(ctx, {
            type: FORUM_EVENTS.postReacted,
            orgId: post.orgId,
            payload: { postId: post.id, threadId: post.threadId, orgId: post.orgId, postAuthorUserId: post.authorId, reactorUserId: userId, reaction },
          });
        }
      } else {
        await repos.forum.removeReaction(post.id, userId, reaction);
      }
      return repos.forum.reactionsOf(post.id, userId);
    });
  }
}
