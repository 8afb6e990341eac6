import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { MessagingQueries } from '../../application/queries/messaging.queries';
import { BlockUserUseCase, UnblockUserUseCase } from '../../application/use-cases/blocks.use-case';
import { UNAUTHENTICATED_401, VALIDATION_400 } from './http-support';
import { ParticipantDto } from './messaging.request.dto';
import { BlockDto, BlockPageDto } from './messaging.response.dto';

@ApiTags('messaging')
@Controller('blocked-users')
@ApiProblemResponse(401, UNAUTHENTICATED_401)
export class BlockedUsersController {
  constructor(
    private readonly queries: MessagingQueries,
    private readonly block: BlockUserUseCase,
    private readonly unblock: UnblockUserUseCase,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'blocked_users_list', summary: 'The users the caller blocks, latest first' })
  @ApiOkResponse({ type: BlockPageDto })
  @ApiProblemResponse(400, VALIDATION_400)
  async list(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto): Promise<BlockPageDto> {
    return BlockPageDto.from(await this.queries.blocks(ctx, query.toPageRequest()));
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'blocked_users_create',
    summary: 'Block a user: no direct conversation, group add or direct message from them; their messages are hidden from the caller. Idempotent.',
  })
  @ApiOkResponse({ type: BlockDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(422, 'No such user (MESSAGING.USER_NOT_FOUND)')
  async create(@Ctx() ctx: RequestContext, @Body() body: ParticipantDto): Promise<BlockDto> {
    const result = await this.block.execute(ctx, { userId: body.user_id });
    return { user_id: body.user_id.toLowerCase(), created_at: result.createdAt.toISOString() };
  }

  @Post(':id/unblock')
  @HttpCode(204)
  @ApiOperation({ operationId: 'blocked_users_unblock', summary: 'Unblock a user (id: the blocked user’s id)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Unblocked' })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(404, 'The caller does not block this user (MESSAGING.BLOCK_NOT_FOUND)')
  async remove(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    await this.unblock.execute(ctx, { userId: id });
  }
}
