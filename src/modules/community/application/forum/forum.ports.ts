import type { Page, PageRequest } from '../../../../platform/kernel';
import type { FlagDecision, FlagReason, FlagStatus, FlagTargetType, Reaction, WatchLevel } from '../../domain';

export interface Category {
  id: string;
  /** Null: a public board; otherwise the organization whose members alone see it. */
  orgId: string | null;
  name: string;
  slug: string;
  description: string;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface Thread {
  id: string;
  categoryId: string;
  orgId: string | null;
  authorId: string;
  title: string;
  pinnedAt: Date | null;
  lockedAt: Date | null;
  postCount: number;
  lastPostNumber: number;
  lastPostedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface ThreadListItem {
  thread: Thread;
  categoryName: string;
  /** The reader's own level on the thread, else their category's, else null (normal). */
  threadLevel: WatchLevel | null;
  categoryLevel: WatchLevel | null;
  lastReadPostNumber: number | null;
}

export interface Post {
  id: string;
  threadId: string;
  orgId: string | null;
  postNumber: number;
  authorId: string;
  replyToPostId: string | null;
  bodyMarkdown: string;
  bodyHtml: string;
  revision: number;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PostWithReactions {
  post: Post;
  reactions: Partial<Record<Reaction, number>>;
  myReactions: Reaction[];
}

export interface PostRevision {
  postId: string;
  revision: number;
  bodyMarkdown: string;
  editedBy: string;
  createdAt: Date;
}

export interface ThreadFilter {
  /** Public boards plus this organization's (null: public only); `all`: every board (platform admins). */
  orgId: string | null;
  all: boolean;
  categoryId?: string;
  search?: string;
  readerId: string;
}

export interface ForumRepository {
  listCategories(filter: { orgId: string | null; all: boolean }): Promise<Category[]>;
  findCategory(id: string): Promise<Category | undefined>;
  /** Throws CommunityErrors.slugTaken on a duplicate slug. */
  insertCategory(category: Category): Promise<void>;
  updateCategory(category: Category): Promise<void>;

  insertThread(thread: Thread, firstPost: Post): Promise<void>;
  findThread(id: string): Promise<Thread | undefined>;
  /** Locks the thread's row for the rest of the transaction (replies number themselves under it). */
  findThreadForUpdate(id: string): Promise<Thread | undefined>;
  listThreads(filter: ThreadFilter, page: PageRequest): Promise<Page<ThreadListItem>>;
  saveThreadState(thread: Thread): Promise<void>;
  /** Recomputes the thread's search document from its title and opening post. */
  refreshSearch(threadId: string): Promise<void>;

  insertPost(post: Post): Promise<void>;
  findPost(id: string): Promise<Post | undefined>;
  listPosts(threadId: string, readerId: string, page: PageRequest): Promise<PostWithReactions[]>;
  savePost(post: Post): Promise<void>;
  insertRevision(revision: PostRevision): Promise<void>;
  listRevisions(postId: string): Promise<PostRevision[]>;
  reactionsOf(postId: string, readerId: string): Promise<{ reactions: Partial<Record<Reaction, number>>; mine: Reaction[] }>;
  addReaction(postId: string, userId: string, reaction: Reaction): Promise<boolean>;
  removeReaction(postId: string, userId: string, reaction: Reaction): Promise<boolean>;

  /** Sets a level the person chose (it wins over defaults from then on). */
  chooseThreadLevel(threadId: string, userId: string, level: WatchLevel): Promise<void>;
  /** The participant default (watching), unless the person already has a level on the thread. */
  watchAsParticipant(threadId: string, userId: string): Promise<void>;
  chooseCategoryLevel(categoryId: string, userId: string, level: WatchLevel): Promise<void>;
  categoryLevels(userId: string): Promise<Map<string, WatchLevel>>;
  levels(threadId: string, categoryId: string, userId: string): Promise<{ thread: WatchLevel | null; category: WatchLevel | null }>;
  /** People whose effective level on the thread is watching (thread level, else category level), the actor left out. */
  threadWatchers(threadId: string, categoryId: string, exceptUserId: string): Promise<string[]>;
  /** Whether a reply to this person's post reaches them (their effective level is not muted). */
  isMuted(threadId: string, categoryId: string, userId: string): Promise<boolean>;
  categoryWatchers(categoryId: string, exceptUserId: string): Promise<string[]>;
  lastRead(threadId: string, userId: string): Promise<number | null>;
  markRead(threadId: string, userId: string, postNumber: number): Promise<void>;
}

export interface Flag {
  id: string;
  targetType: FlagTargetType;
  targetId: string;
  orgId: string | null;
  flaggedBy: string;
  reason: FlagReason;
  note: string | null;
  status: FlagStatus;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  /** The operators' decision and its reason (null when open, or resolved by a board moderator's uphold/dismiss). */
  decision: FlagDecision | null;
  decisionReason: string | null;
  createdAt: Date;
}

export interface FlagListFilter {
  status?: FlagStatus;
  targetType?: FlagTargetType;
  orgId: string | null;
  all: boolean;
}

export interface FlagRepository {
  /** Throws CommunityErrors.alreadyFlagged when the person flagged this target before. */
  insert(flag: Flag): Promise<void>;
  countOpen(targetType: FlagTargetType, targetId: string): Promise<number>;
  list(filter: FlagListFilter, page: PageRequest): Promise<Page<Flag>>;
  find(id: string): Promise<Flag | undefined>;
  /** Closes every open flag of the target with the decision; returns how many. */
  resolveTarget(
    targetType: FlagTargetType,
    targetId: string,
    status: Exclude<FlagStatus, 'open'>,
    by: string,
    now: Date,
    decision?: { decision: FlagDecision; reason: string },
  ): Promise<number>;
}
