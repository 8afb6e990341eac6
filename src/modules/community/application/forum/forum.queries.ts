import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { toPage } from '../../../../platform/kernel';
import { isModerator, requireUser } from '../access';
import { AuthorView, COMMUNITY_UNIT_OF_WORK, CommunityUnitOfWork, PEOPLE_DIRECTORY, PeopleDirectory } from '../ports';
import { boardFilter, visibleCategory, visiblePost, visibleThread } from './forum-access';
import { PostView, RevisionView, ThreadView, threadView } from './forum-views';
import type { PostWithReactions } from './forum.ports';

@Injectable()
export class ForumQueries {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(PEOPLE_DIRECTORY) private readonly people: PeopleDirectory,
  ) {}

  /** Threads of the boards the caller sees, pinned first then latest activity; `search` ranks by full-text match instead. */
  async listThreads(ctx: RequestContext, filter: { categoryId?: string; search?: string }, page: PageRequest): Promise<Page<ThreadView>> {
    const readerId = requireUser(ctx);
    if (filter.categoryId) await visibleCategory(this.uow.repos, ctx, filter.categoryId);
    const result = await this.uow.repos.forum.listThreads({ ...boardFilter(ctx), ...filter, readerId }, page);
    return toPage(
      result.data.map((item) =>
        threadView(item.thread, item.categoryName, { thread: item.threadLevel, category: item.categoryLevel }, item.lastReadPostNumber),
      ),
      result.meta.total,
      page,
    );
  }

  async getThread(ctx: RequestContext, id: string): Promise<ThreadView> {
    const readerId = requireUser(ctx);
    const thread = await visibleThread(this.uow.repos, ctx, id);
    const [category, levels, lastRead] = await Promise.all([
      this.uow.repos.forum.findCategory(thread.categoryId),
      this.uow.repos.forum.levels(thread.id, thread.categoryId, readerId),
      this.uow.repos.forum.lastRead(thread.id, readerId),
    ]);
    return threadView(thread, category?.name ?? '', levels, lastRead);
  }

  /**
   * A page of the thread's posts in order. Reading a page moves the reader's
   * marker to its last post (never back). Deleted posts and, for others than
   * their author and moderators, hidden ones keep their place without a body.
   */
  async listPosts(ctx: RequestContext, threadId: string, page: PageRequest): Promise<Page<PostView>> {
    const readerId = requireUser(ctx);
    const thread = await visibleThread(this.uow.repos, ctx, threadId);
    const rows = await this.uow.repos.forum.listPosts(thread.id, readerId, page);
    const last = rows[rows.length - 1];
    const authors = [...new Set(rows.map((row) => row.post.authorId))];
    const [people] = await Promise.all([
      this.people.authors(ctx, authors),
      last ? this.uow.repos.forum.markRead(thread.id, readerId, last.post.postNumber) : Promise.resolve(),
    ]);
    const moderator = isModerator(ctx, thread.orgId);
    return toPage(
      rows.map((row) => this.postView(row, people, readerId, moderator)),
      thread.postCount,
      page,
    );
  }

  async listRevisions(ctx: RequestContext, postId: string): Promise<RevisionView[]> {
    requireUser(ctx);
    const post = await visiblePost(this.uow.repos, ctx, postId);
    const revisions = await this.uow.repos.forum.listRevisions(post.id);
    const names = await this.people.names(ctx, [...new Set(revisions.map((r) => r.editedBy))]);
    return revisions.map((revision) => ({ revision, editorName: names.get(revision.editedBy) ?? null }));
  }

  async getPost(ctx: RequestContext, postId: string): Promise<PostView> {
    const readerId = requireUser(ctx);
    const post = await visiblePost(this.uow.repos, ctx, postId);
    const [people, reactions] = await Promise.all([this.people.authors(ctx, [post.authorId]), this.uow.repos.forum.reactionsOf(post.id, readerId)]);
    return this.postView({ post, reactions: reactions.reactions, myReactions: reactions.mine }, people, readerId, isModerator(ctx, post.orgId));
  }

  private postView(row: PostWithReactions, people: Map<string, AuthorView>, readerId: string, moderator: boolean): PostView {
    const { post } = row;
    const visible = !post.deletedAt && (!post.hiddenAt || moderator || post.authorId === readerId);
    return {
      post,
      authorName: people.get(post.authorId)?.name ?? null,
      authorPictureUrl: people.get(post.authorId)?.pictureUrl ?? null,
      bodyHtml: visible ? post.bodyHtml : null,
      bodyMarkdown: visible ? post.bodyMarkdown : null,
      reactions: row.reactions,
      myReactions: row.myReactions,
    };
  }
}
