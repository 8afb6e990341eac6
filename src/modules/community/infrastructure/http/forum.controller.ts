import { Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { CreateCategoryUseCase, ListCategoriesQuery, UpdateCategoryUseCase, WatchCategoryUseCase } from '../../application/forum/categories.use-cases';
import { FlagContentUseCase } from '../../application/forum/flags.use-cases';
import { ForumQueries } from '../../application/forum/forum.queries';
import {
  DeletePostUseCase,
  EditPostUseCase,
  ModerateThreadUseCase,
  ReactToPostUseCase,
  ReplyUseCase,
  StartThreadUseCase,
  WatchThreadUseCase,
} from '../../application/forum/posts.use-cases';
import {
  ForumCategoryDto,
  ForumCategoryListDto,
  CreateForumCategoryDto,
  FlagDto,
  FlagResponseDto,
  ListThreadsQueryDto,
  MarkdownBodyDto,
  ModerateThreadDto,
  PostDto,
  PostPageDto,
  ReactionDto,
  ReactionsDto,
  ForumReplyDto,
  RevisionDto,
  RevisionListDto,
  StartThreadDto,
  StartedThreadDto,
  ThreadDto,
  ThreadPageDto,
  UpdateForumCategoryDto,
  WatchLevelDto,
} from './forum.dto';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import { FORBIDDEN_403, NOT_FOUND_CATEGORY, NOT_FOUND_POST, NOT_FOUND_THREAD, VALIDATION_400 } from './text-fields';

const BOARD_NOTE = 'Public boards are for every signed-in person; an organization’s private board for its members acting in it (X-Organization-Id).';

@ApiTags('community')
@Controller('forum/categories')
export class ForumCategoriesController {
  constructor(
    private readonly list: ListCategoriesQuery,
    private readonly create: CreateCategoryUseCase,
    private readonly update: UpdateCategoryUseCase,
    private readonly watch: WatchCategoryUseCase,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'forum_categories_list', summary: `The boards the caller sees. ${BOARD_NOTE}` })
  @ApiOkResponse({ type: ForumCategoryListDto })
  async listCategories(@Ctx() ctx: RequestContext): Promise<ForumCategoryListDto> {
    return { data: (await this.list.execute(ctx)).map((view) => ForumCategoryDto.from(view)) };
  }

  @Post()
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({ operationId: 'forum_categories_create', summary: 'Create a board, public or private to an organization (platform admins)' })
  @ApiCreatedResponse({ type: ForumCategoryDto })
  @ApiProblemResponse(400, 'Invalid fields, or no such organization (HTTP.VALIDATION_FAILED, COMMUNITY.ORGANIZATION_NOT_FOUND)')
  @ApiProblemResponse(403, 'Platform admins only (AUTH.FORBIDDEN)')
  @ApiProblemResponse(409, 'The slug is taken (COMMUNITY.SLUG_TAKEN)')
  async createCategory(@Ctx() ctx: RequestContext, @Body() body: CreateForumCategoryDto): Promise<ForumCategoryDto> {
    return ForumCategoryDto.from(
      await this.create.execute(ctx, {
        name: body.name,
        slug: body.slug,
        description: body.description,
        position: body.position,
        organizationId: body.organization_id,
      }),
    );
  }

  @Patch(':id')
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({ operationId: 'forum_categories_update', summary: 'Rename, describe or reorder a board (platform admins)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ForumCategoryDto })
  @ApiProblemResponse(400, 'Invalid fields (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(403, 'Platform admins only (AUTH.FORBIDDEN)')
  @ApiProblemResponse(404, NOT_FOUND_CATEGORY)
  @ApiProblemResponse(409, 'The slug is taken (COMMUNITY.SLUG_TAKEN)')
  async updateCategory(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: UpdateForumCategoryDto): Promise<ForumCategoryDto> {
    return ForumCategoryDto.from(
      await this.update.execute(ctx, { id, name: body.name, slug: body.slug, description: body.description, position: body.position }),
    );
  }

  @Put(':id/watch')
  @ApiOperation({ operationId: 'forum_categories_watch', summary: 'Set the caller’s watch level on a board (watching: every new thread and reply)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ForumCategoryDto })
  @ApiProblemResponse(400, 'Invalid level (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(404, NOT_FOUND_CATEGORY)
  async watchCategory(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: WatchLevelDto): Promise<ForumCategoryDto> {
    return ForumCategoryDto.from(await this.watch.execute(ctx, { id, level: body.level }));
  }
}

@ApiTags('community')
@Controller('forum/threads')
export class ForumThreadsController {
  constructor(
    private readonly queries: ForumQueries,
    private readonly start: StartThreadUseCase,
    private readonly reply: ReplyUseCase,
    private readonly moderate: ModerateThreadUseCase,
    private readonly watch: WatchThreadUseCase,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'forum_threads_list',
    summary: `Threads, pinned first then latest activity, or by relevance with ?q (full-text). ${BOARD_NOTE}`,
  })
  @ApiOkResponse({ type: ThreadPageDto })
  @ApiProblemResponse(400, 'Invalid query (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(404, NOT_FOUND_CATEGORY)
  async listThreads(@Ctx() ctx: RequestContext, @Query() query: ListThreadsQueryDto): Promise<ThreadPageDto> {
    return ThreadPageDto.from(await this.queries.listThreads(ctx, { categoryId: query.category_id, search: query.q }, query.toPageRequest()));
  }

  @Post()
  @ApiOperation({ operationId: 'forum_threads_create', summary: 'Start a thread (its author watches it)' })
  @ApiCreatedResponse({ type: StartedThreadDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(404, NOT_FOUND_CATEGORY)
  async startThread(@Ctx() ctx: RequestContext, @Body() body: StartThreadDto): Promise<StartedThreadDto> {
    const { thread, post } = await this.start.execute(ctx, { categoryId: body.category_id, title: body.title, body: body.body });
    return { thread: ThreadDto.fromThread(thread), post: PostDto.fromOwn(post) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'forum_threads_get', summary: 'A thread with the caller’s watch level and unread count' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ThreadDto })
  @ApiProblemResponse(404, NOT_FOUND_THREAD)
  async getThread(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<ThreadDto> {
    return ThreadDto.from(await this.queries.getThread(ctx, id));
  }

  @Post(':id/moderation')
  @HttpCode(200)
  @ApiOperation({ operationId: 'forum_threads_moderate', summary: 'Pin or lock a thread (platform admins; managers of a private board’s organization)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ThreadDto })
  @ApiProblemResponse(400, 'Invalid fields (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(403, FORBIDDEN_403)
  @ApiProblemResponse(404, NOT_FOUND_THREAD)
  async moderateThread(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: ModerateThreadDto): Promise<ThreadDto> {
    return ThreadDto.fromThread(await this.moderate.execute(ctx, { threadId: id, pinned: body.pinned, locked: body.locked }));
  }

  @Put(':id/watch')
  @ApiOperation({ operationId: 'forum_threads_watch', summary: 'Set the caller’s watch level on a thread (muted, normal, tracking, watching)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ThreadDto })
  @ApiProblemResponse(400, 'Invalid level (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(404, NOT_FOUND_THREAD)
  async watchThread(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: WatchLevelDto): Promise<ThreadDto> {
    await this.watch.execute(ctx, { threadId: id, level: body.level });
    return ThreadDto.from(await this.queries.getThread(ctx, id));
  }

  @Get(':id/posts')
  @ApiOperation({ operationId: 'forum_posts_list', summary: 'A page of the thread’s posts in order; moves the caller’s read marker to its last post' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: PostPageDto })
  @ApiProblemResponse(400, 'Invalid query (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(404, NOT_FOUND_THREAD)
  async listPosts(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Query() query: PageQueryDto): Promise<PostPageDto> {
    return PostPageDto.from(await this.queries.listPosts(ctx, id, query.toPageRequest()));
  }

  @Post(':id/posts')
  @ApiOperation({ operationId: 'forum_posts_create', summary: 'Reply in a thread (the replier watches it unless they chose a level); watchers are notified' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: PostDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(404, `${NOT_FOUND_THREAD}; the post it answers is not in it (COMMUNITY.POST_NOT_FOUND)`)
  @ApiProblemResponse(409, 'The thread is locked (COMMUNITY.THREAD_LOCKED)')
  async replyToThread(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: ForumReplyDto): Promise<PostDto> {
    return PostDto.fromOwn(await this.reply.execute(ctx, { threadId: id, body: body.body, replyToPostId: body.reply_to_post_id }));
  }
}

@ApiTags('community')
@Controller('forum/posts')
export class ForumPostsController {
  constructor(
    private readonly queries: ForumQueries,
    private readonly edit: EditPostUseCase,
    private readonly remove: DeletePostUseCase,
    private readonly react: ReactToPostUseCase,
    private readonly flag: FlagContentUseCase,
  ) {}

  @Get(':id')
  @ApiOperation({ operationId: 'forum_posts_get', summary: 'One post' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: PostDto })
  @ApiProblemResponse(404, NOT_FOUND_POST)
  async getPost(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<PostDto> {
    return PostDto.from(await this.queries.getPost(ctx, id));
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'forum_posts_update',
    summary: 'Edit a post (its author while the thread is open, or a moderator); the previous text joins its history',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: PostDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(403, FORBIDDEN_403)
  @ApiProblemResponse(404, NOT_FOUND_POST)
  @ApiProblemResponse(409, 'The thread is locked (COMMUNITY.THREAD_LOCKED)')
  async editPost(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: MarkdownBodyDto): Promise<PostDto> {
    return PostDto.fromOwn(await this.edit.execute(ctx, { postId: id, body: body.body }));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'forum_posts_delete', summary: 'Delete a post (its author or a moderator); it keeps its place without a body' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponse(403, FORBIDDEN_403)
  @ApiProblemResponse(404, NOT_FOUND_POST)
  async deletePost(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    await this.remove.execute(ctx, { postId: id });
  }

  @Get(':id/revisions')
  @ApiOperation({ operationId: 'forum_posts_revisions', summary: 'The post’s earlier texts, oldest first (edit history)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RevisionListDto })
  @ApiProblemResponse(404, NOT_FOUND_POST)
  async revisions(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<RevisionListDto> {
    return { data: (await this.queries.listRevisions(ctx, id)).map((view) => RevisionDto.from(view)) };
  }

  @Put(':id/reactions')
  @ApiOperation({ operationId: 'forum_posts_react', summary: 'Add the caller’s reaction (like, heart, laugh, wow, thanks, fire); the author is notified' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ReactionsDto })
  @ApiProblemResponse(400, 'Unknown reaction (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(404, NOT_FOUND_POST)
  async addReaction(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: ReactionDto): Promise<ReactionsDto> {
    const result = await this.react.execute(ctx, { postId: id, reaction: body.reaction, on: true });
    return { reactions: result.reactions as Record<string, number>, my_reactions: result.mine };
  }

  @Delete(':id/reactions')
  @ApiOperation({ operationId: 'forum_posts_unreact', summary: 'Remove the caller’s reaction (?reaction=like)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ReactionsDto })
  @ApiProblemResponse(400, 'Unknown reaction (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(404, NOT_FOUND_POST)
  async removeReaction(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Query() query: ReactionDto): Promise<ReactionsDto> {
    const result = await this.react.execute(ctx, { postId: id, reaction: query.reaction, on: false });
    return { reactions: result.reactions as Record<string, number>, my_reactions: result.mine };
  }

  @Post(':id/flags')
  @ApiOperation({ operationId: 'forum_posts_flag', summary: 'Flag a post for moderators; enough open flags hide it until one decides' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: FlagResponseDto })
  @ApiProblemResponse(400, 'Invalid fields (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(404, NOT_FOUND_POST)
  @ApiProblemResponse(409, 'The caller flagged it already (COMMUNITY.ALREADY_FLAGGED)')
  async flagPost(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: FlagDto): Promise<FlagResponseDto> {
    return FlagResponseDto.from(await this.flag.execute(ctx, { targetType: 'post', targetId: id, reason: body.reason, note: body.note }));
  }
}
