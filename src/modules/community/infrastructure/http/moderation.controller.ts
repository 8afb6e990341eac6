import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { ModerationQueueQuery, ResolveFlagUseCase } from '../../application/forum/flags.use-cases';
import { FlagPageDto, FlagResponseDto, ListFlagsQueryDto, ResolveFlagDto } from './forum.dto';

@ApiTags('community')
@Controller('community/flags')
export class ModerationController {
  constructor(
    private readonly queue: ModerationQueueQuery,
    private readonly resolve: ResolveFlagUseCase,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'community_flags_list',
    summary: 'The moderation queue, oldest first: every flag for platform admins; a private board’s flags for managers of its organization (X-Organization-Id)',
  })
  @ApiOkResponse({ type: FlagPageDto })
  @ApiProblemResponse(400, 'Invalid query (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(403, 'Not a moderator (COMMUNITY.FORBIDDEN)')
  async listFlags(@Ctx() ctx: RequestContext, @Query() query: ListFlagsQueryDto): Promise<FlagPageDto> {
    return FlagPageDto.from(await this.queue.execute(ctx, { status: query.status }, query.toPageRequest()));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'community_flags_resolve',
    summary: 'Uphold (keep hidden) or dismiss (show again) the flagged content; closes all its open flags',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: FlagResponseDto })
  @ApiProblemResponse(400, 'Invalid fields (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(404, 'No such flag the caller moderates (COMMUNITY.FLAG_NOT_FOUND)')
  async resolveFlag(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: ResolveFlagDto): Promise<FlagResponseDto> {
    return FlagResponseDto.from(await this.resolve.execute(ctx, { flagId: id, resolution: body.resolution }));
  }
}
