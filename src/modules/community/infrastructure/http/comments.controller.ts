import { Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { AddCommentUseCase, CommentQueries, DeleteCommentUseCase, EditCommentUseCase } from '../../application/comments/comments.use-cases';
import { FlagContentUseCase } from '../../application/forum/flags.use-cases';
import { CommentBodyDto, CommentDto, CommentPageDto, CommentTargetQueryDto, CreateCommentDto } from './comments.dto';
import { FlagDto, FlagResponseDto } from './forum.dto';
import { FORBIDDEN_403, VALIDATION_400 } from './text-fields';

const TARGET_404 = 'No such target the caller can see (COMMUNITY.TARGET_NOT_FOUND): an unpublished listing, a private board’s thread…';
const COMMENT_404 = 'No such comment the caller can see (COMMUNITY.COMMENT_NOT_FOUND)';

@ApiTags('community')
@Controller('comments')
export class CommentsController {
  constructor(
    private readonly queries: CommentQueries,
    private readonly add: AddCommentUseCase,
    private readonly edit: EditCommentUseCase,
    private readonly remove: DeleteCommentUseCase,
    private readonly flag: FlagContentUseCase,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'comments_list', summary: 'Comments on a target (listing, forum_thread, vehicle_model), oldest first, each with its replies' })
  @ApiOkResponse({ type: CommentPageDto })
  @ApiProblemResponse(400, 'Invalid query (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(404, TARGET_404)
  async listComments(@Ctx() ctx: RequestContext, @Query() query: CommentTargetQueryDto): Promise<CommentPageDto> {
    return CommentPageDto.from(await this.queries.list(ctx, { targetType: query.target_type, targetId: query.target_id }, query.toPageRequest()));
  }

  @Post()
  @ApiOperation({ operationId: 'comments_create', summary: 'Comment on a target, or reply to a top-level comment; the target’s owner is notified' })
  @ApiCreatedResponse({ type: CommentDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(404, `${TARGET_404}; no such parent comment on it (COMMUNITY.COMMENT_NOT_FOUND)`)
  @ApiProblemResponse(409, 'The thread is locked (COMMUNITY.THREAD_LOCKED)')
  @ApiProblemResponse(422, 'Replies go one level deep (COMMUNITY.REPLY_TOO_DEEP)')
  async createComment(@Ctx() ctx: RequestContext, @Body() body: CreateCommentDto): Promise<CommentDto> {
    return CommentDto.fromOwn(
      await this.add.execute(ctx, { targetType: body.target_type, targetId: body.target_id, body: body.body, parentId: body.parent_id }),
    );
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'comments_update', summary: 'Edit a comment (its author or a moderator)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CommentDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(403, FORBIDDEN_403)
  @ApiProblemResponse(404, COMMENT_404)
  async editComment(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: CommentBodyDto): Promise<CommentDto> {
    return CommentDto.fromOwn(await this.edit.execute(ctx, { id, body: body.body }));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'comments_delete', summary: 'Delete a comment (its author or a moderator); it keeps its place without a body' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponse(403, FORBIDDEN_403)
  @ApiProblemResponse(404, COMMENT_404)
  async deleteComment(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    await this.remove.execute(ctx, { id });
  }

  @Post(':id/flags')
  @ApiOperation({ operationId: 'comments_flag', summary: 'Flag a comment for moderators; enough open flags hide it until one decides' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: FlagResponseDto })
  @ApiProblemResponse(400, 'Invalid fields (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(404, COMMENT_404)
  @ApiProblemResponse(409, 'The caller flagged it already (COMMUNITY.ALREADY_FLAGGED)')
  async flagComment(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: FlagDto): Promise<FlagResponseDto> {
    return FlagResponseDto.from(await this.flag.execute(ctx, { targetType: 'comment', targetId: id, reason: body.reason, note: body.note }));
  }
}
