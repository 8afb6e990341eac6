import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import type { CommentTargetType } from '../../domain';

export interface Comment {
  id: string;
  targetType: CommentTargetType;
  targetId: string;
  orgId: string | null;
  authorId: string;
  parentId: string | null;
  bodyMarkdown: string;
  bodyHtml: string;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  editedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CommentRepository {
  insert(comment: Comment): Promise<void>;
  find(id: string): Promise<Comment | undefined>;
  save(comment: Comment): Promise<void>;
  /** Top-level comments of the target, oldest first. */
  listTopLevel(targetType: CommentTargetType, targetId: string, page: PageRequest): Promise<Page<Comment>>;
  /** Replies to these comments, oldest first. */
  listReplies(parentIds: string[]): Promise<Comment[]>;
}

/** A comment target as the comments need it. */
export interface ResolvedTarget {
  /** The organization whose members alone see it (a private board), else null. */
  visibleToOrgId: string | null;
  /** Who is told of a new comment: people, and/or an organization (its managers). */
  ownerUserIds: string[];
  ownerOrgId: string | null;
  /** Words for the notification ("listing", "thread", "vehicle model"). */
  label: string;
  /** No new comments (a locked thread). */
  closed: boolean;
}

/** Finds targets through the contexts that own them (marketplace, catalog) or the forum. Undefined: no such target the caller may see. */
export interface CommentTargets {
  resolve(ctx: RequestContext, type: CommentTargetType, id: string): Promise<ResolvedTarget | undefined>;
}
export const COMMENT_TARGETS = Symbol('COMMENT_TARGETS');
