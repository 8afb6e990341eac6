import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { toPage } from '../../../../platform/kernel';
import { COMMENT_TARGET_TYPES, CommentTargetType, CommunityErrors } from '../../domain';
import { isModerator, requireUser } from '../access';
import { canSeeBoard } from '../forum/forum-access';
import { FLAGGABLES } from '../forum/flags.use-cases';
import { renderBody } from '../forum/posts.use-cases';
import {
  COMMUNITY_UNIT_OF_WORK,
  CommunityRepositories,
  CommunityUnitOfWork,
  MARKDOWN_RENDERER,
  MarkdownRenderer,
  PEOPLE_DIRECTORY,
  PeopleDirectory,
} from '../ports';
import { COMMENT_TARGETS, Comment, CommentTargets } from './comments.ports';

/** Published when a comment is added: the agreed `community.comment.created` (the target's owner is told). */
export const COMMENT_CREATED = 'community.comment.created';
export interface CommentCreatedPayload {
  commentId: string;
  targetType: string;
  targetId: string;
  authorUserId: string;
}

export interface CommentView {
  comment: Comment;
  authorName: string | null;
  /** The author's public profile picture URL (identity's facade); null or absent without one. */
  authorPictureUrl?: string | null;
  /** Null when deleted, or hidden by moderation for others than its author and moderators. */
  bodyHtml: string | null;
  bodyMarkdown: string | null;
  replies: CommentView[];
}

function parseTarget(type: string): CommentTargetType {
  if (!(COMMENT_TARGET_TYPES as readonly string[]).includes(type)) throw CommunityErrors.targetNotFound();
  return type as CommentTargetType;
}

/** A comment the caller may see (its board, its moderation state), else 404. */
async function visibleComment(repos: CommunityRepositories, ctx: RequestContext, id: string): Promise<Comment> {
  const comment = await repos.comments.find(id);
  if (!comment || comment.deletedAt || !canSeeBoard(ctx, comment.orgId)) throw CommunityErrors.commentNotFound();
  if (comment.hiddenAt && comment.authorId !== ctx.userId && !isModerator(ctx, comment.orgId)) throw CommunityErrors.commentNotFound();
  return comment;
}

FLAGGABLES.comment = async (repos, ctx, id) => {
  const comment = await visibleComment(repos, ctx, id);
  return {
    orgId: comment.orgId,
    setHidden: async (r, hidden, now) => {
      const current = await r.comments.find(id);
      if (current) await r.comments.save({ ...current, hiddenAt: hidden ? (current.hiddenAt ?? now) : null });
    },
  };
};

/** Comments on a target, with one level of replies (a reply to a reply is refused). */
@Injectable()
export class AddCommentUseCase {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(MARKDOWN_RENDERER) private readonly renderer: MarkdownRenderer,
    @Inject(COMMENT_TARGETS) private readonly targets: CommentTargets,
  ) {}

  async execute(ctx: RequestContext, input: { targetType: string; targetId: string; body: string; parentId?: string }): Promise<Comment> {
    const userId = requireUser(ctx);
    const targetType = parseTarget(input.targetType);
    const html = renderBody(this.renderer, input.body);
    // The target is read through its owner's facade before the transaction (never call another context inside one).
    const target = await this.targets.resolve(ctx, targetType, input.targetId);
    if (!target) throw CommunityErrors.targetNotFound();
    if (target.closed && !isModerator(ctx, target.visibleToOrgId)) throw CommunityErrors.threadLocked();
    return this.uow.run(async (repos, events) => {
      if (input.parentId) {
        const parent = await repos.comments.find(input.parentId);
        if (!parent || parent.deletedAt || parent.targetType !== targetType || parent.targetId !== input.targetId) throw CommunityErrors.commentNotFound();
        if (parent.parentId) throw CommunityErrors.replyDepth();
      }
      const now = new Date();
      const comment: Comment = {
        id: randomUUID(),
        targetType,
        targetId: input.targetId,
        orgId: target.visibleToOrgId,
        authorId: userId,
        parentId: input.parentId ?? null,
        bodyMarkdown: input.body,
        bodyHtml: html,
        hiddenAt: null,
        deletedAt: null,
        editedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await repos.comments.insert(comment);
      events.publish<CommentCreatedPayload>(ctx, {
        type: COMMENT_CREATED,
        orgId: comment.orgId,
        payload: { commentId: comment.id, targetType, targetId: comment.targetId, authorUserId: userId },
      });
      return comment;
    });
  }
}

@Injectable()
export class EditCommentUseCase {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(MARKDOWN_RENDERER) private readonly renderer: MarkdownRenderer,
  ) {}

  async execute(ctx: RequestContext, input: { id: string; body: string }): Promise<Comment> {
    const userId = requireUser(ctx);
    const html = renderBody(this.renderer, input.body);
    return this.uow.run(async (repos) => {
      const comment = await visibleComment(repos, ctx, input.id);
      if (comment.authorId !== userId && !isModerator(ctx, comment.orgId))
        throw CommunityErrors.forbidden('Only the author or a moderator may edit this comment.');
      const now = new Date();
      const edited: Comment = { ...comment, bodyMarkdown: input.body, bodyHtml: html, editedAt: now, updatedAt: now };
      await repos.comments.save(edited);
      return edited;
    });
  }
}

@Injectable()
export class DeleteCommentUseCase {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  async execute(ctx: RequestContext, input: { id: string }): Promise<void> {
    const userId = requireUser(ctx);
    await this.uow.run(async (repos) => {
      const comment = await visibleComment(repos, ctx, input.id);
      if (comment.authorId !== userId && !isModerator(ctx, comment.orgId))
        throw CommunityErrors.forbidden('Only the author or a moderator may delete this comment.');
      const now = new Date();
      await repos.comments.save({ ...comment, deletedAt: now, updatedAt: now });
    });
  }
}

@Injectable()
export class CommentQueries {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(COMMENT_TARGETS) private readonly targets: CommentTargets,
    @Inject(PEOPLE_DIRECTORY) private readonly people: PeopleDirectory,
  ) {}

  /** A page of top-level comments, oldest first, each with its replies; deleted ones keep their place without a body. */
  async list(ctx: RequestContext, input: { targetType: string; targetId: string }, page: PageRequest): Promise<Page<CommentView>> {
    const readerId = requireUser(ctx);
    const targetType = parseTarget(input.targetType);
    const target = await this.targets.resolve(ctx, targetType, input.targetId);
    if (!target) throw CommunityErrors.targetNotFound();
    const top = await this.uow.repos.comments.listTopLevel(targetType, input.targetId, page);
    const replies = await this.uow.repos.comments.listReplies(top.data.map((comment) => comment.id));
    const authors = [...new Set([...top.data, ...replies].map((comment) => comment.authorId))];
    const people = await this.people.authors(ctx, authors);
    const moderator = isModerator(ctx, target.visibleToOrgId);
    const view = (comment: Comment, children: CommentView[]): CommentView => {
      const visible = !comment.deletedAt && (!comment.hiddenAt || moderator || comment.authorId === readerId);
      return {
        comment,
        authorName: people.get(comment.authorId)?.name ?? null,
        authorPictureUrl: people.get(comment.authorId)?.pictureUrl ?? null,
        bodyHtml: visible ? comment.bodyHtml : null,
        bodyMarkdown: visible ? comment.bodyMarkdown : null,
        replies: children,
      };
    };
    return toPage(
      top.data.map((comment) =>
        view(
          comment,
          replies.filter((reply) => reply.parentId === comment.id).map((reply) => view(reply, [])),
        ),
      ),
      top.meta.total,
      page,
    );
  }
}
