import { Reaction, WatchLevel, effectiveWatchLevel } from '../../domain';
import type { Category, Post, PostRevision, Thread } from './forum.ports';

export interface CategoryView {
  category: Category;
  watchLevel: WatchLevel | null;
}

export interface ThreadView {
  thread: Thread;
  categoryName: string;
  watchLevel: WatchLevel;
  lastReadPostNumber: number | null;
  /** Posts after the last one the reader saw (0 on muted threads). */
  unreadPosts: number;
}

export function threadView(
  thread: Thread,
  categoryName: string,
  levels: { thread: WatchLevel | null; category: WatchLevel | null },
  lastRead: number | null,
): ThreadView {
  const watchLevel = effectiveWatchLevel(levels.thread, levels.category);
  return {
    thread,
    categoryName,
    watchLevel,
    lastReadPostNumber: lastRead,
    unreadPosts: watchLevel === 'muted' ? 0 : Math.max(0, thread.lastPostNumber - (lastRead ?? 0)),
  };
}

export interface PostView {
  post: Post;
  authorName: string | null;
  /** The author's profile picture URL; null without one (or when not looked up, e.g. the author's own write). */
  authorPictureUrl?: string | null;
  /** Null when the reader may not see the body (deleted, or hidden by moderation). */
  bodyHtml: string | null;
  bodyMarkdown: string | null;
  reactions: Partial<Record<Reaction, number>>;
  myReactions: Reaction[];
}

export interface RevisionView {
  revision: PostRevision;
  editorName: string | null;
}
