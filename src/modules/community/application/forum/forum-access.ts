import type { RequestContext } from '../../../../platform/kernel';
import { CommunityErrors } from '../../domain';
import { isMemberOf, isModerator, isPlatformAdmin } from '../access';
import type { CommunityRepositories } from '../ports';
import type { Category, Post, Thread } from './forum.ports';

/**
 * Who sees which board: public boards (org_id null) are for every signed-in
 * person; an organization's board only for its members acting in it
 * (X-Organization-Id) and for platform admins. Anything else is 404, so a
 * private board's existence does not leak.
 */
export function boardFilter(ctx: RequestContext): { orgId: string | null; all: boolean } {
  if (isPlatformAdmin(ctx)) return { orgId: null, all: true };
  return { orgId: ctx.orgId && isMemberOf(ctx, ctx.orgId) ? ctx.orgId : null, all: false };
}

export function canSeeBoard(ctx: RequestContext, orgId: string | null): boolean {
  return orgId === null || isPlatformAdmin(ctx) || isMemberOf(ctx, orgId);
}

export async function visibleCategory(repos: CommunityRepositories, ctx: RequestContext, id: string): Promise<Category> {
  const category = await repos.forum.findCategory(id);
  if (!category || !canSeeBoard(ctx, category.orgId)) throw CommunityErrors.categoryNotFound();
  return category;
}

export async function visibleThread(repos: CommunityRepositories, ctx: RequestContext, id: string, forUpdate = false): Promise<Thread> {
  const thread = forUpdate ? await repos.forum.findThreadForUpdate(id) : await repos.forum.findThread(id);
  if (!thread || !canSeeBoard(ctx, thread.orgId)) throw CommunityErrors.threadNotFound();
  return thread;
}

export async function visiblePost(repos: CommunityRepositories, ctx: RequestContext, id: string): Promise<Post> {
  const post = await repos.forum.findPost(id);
  if (!post || post.deletedAt || !canSeeBoard(ctx, post.orgId)) throw CommunityErrors.postNotFound();
  if (post.hiddenAt && post.authorId !== ctx.userId && !isModerator(ctx, post.orgId)) throw CommunityErrors.postNotFound();
  return post;
}
