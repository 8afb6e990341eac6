import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { AdminFlags } from '../../application/flags';
import { AdminModeration } from '../../application/moderation';
import {
  AdminAppealPageDto,
  AdminAppealsQueryDto,
  AdminFlagDecisionDto,
  AdminFlagDetailDto,
  AdminFlagPageDto,
  AdminFlagsQueryDto,
} from './admin-moderation.dto';

const NOT_ADMIN = 'Not a platform admin (AUTH.FORBIDDEN)';
const NO_FLAG = 'No such flag (COMMUNITY.FLAG_NOT_FOUND)';

/** Appeals of rejected listings and flagged community content in the operators' console. */
@ApiTags('admin')
@Controller('admin/moderation')
@Roles(PLATFORM_ADMIN)
export class AdminModerationController {
  constructor(
    private readonly moderation: AdminModeration,
    private readonly flags: AdminFlags,
  ) {}

  @Get('appeals')
  @ApiOperation({
    operationId: 'admin_moderation_appeals',
    summary:
      'Owners’ appeals of rejections, oldest first, by status, each with the listing and its verdicts (the AI gate’s beside the humans’); decide a pending one with admin_moderation_decide (platform admins)',
  })
  @ApiOkResponse({ type: AdminAppealPageDto })
  @ApiProblemResponse(400, 'Invalid query (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(403, NOT_ADMIN)
  async appeals(@Ctx() ctx: RequestContext, @Query() query: AdminAppealsQueryDto): Promise<AdminAppealPageDto> {
    return AdminAppealPageDto.from(await this.moderation.appeals(ctx, { status: query.status }, query.toPageRequest()));
  }

  @Get('flags')
  @ApiOperation({
    operationId: 'admin_moderation_flags',
    summary: 'Flagged forum posts and comments of every board, oldest first, by status and kind of content (platform admins)',
  })
  @ApiOkResponse({ type: AdminFlagPageDto })
  @ApiProblemResponse(400, 'Invalid query (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(403, NOT_ADMIN)
  async listFlags(@Ctx() ctx: RequestContext, @Query() query: AdminFlagsQueryDto): Promise<AdminFlagPageDto> {
    return AdminFlagPageDto.from(await this.flags.list(ctx, { status: query.status, targetType: query.target_type }, query.toPageRequest()));
  }

  @Get('flags/:id')
  @ApiOperation({ operationId: 'admin_moderation_flag', summary: 'A flag with the flagged content, whatever its state (platform admins)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminFlagDetailDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_FLAG)
  async flag(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<AdminFlagDetailDto> {
    return AdminFlagDetailDto.fromDetail(await this.flags.get(ctx, id));
  }

  @Post('flags/:id/decision')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_moderation_flag_decide',
    summary:
      'Decide an open flag with a reason: hide the content, restore it, or dismiss the flag; closes every open flag of the same content (platform admins; audited as admin.community_flag_decided)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminFlagDetailDto })
  @ApiProblemResponse(400, 'Invalid fields (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_FLAG)
  @ApiProblemResponse(409, 'The flag was already decided (COMMUNITY.FLAG_ALREADY_RESOLVED)')
  async decide(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: AdminFlagDecisionDto): Promise<AdminFlagDetailDto> {
    return AdminFlagDetailDto.fromDetail(await this.flags.decide(ctx, { flagId: id, decision: body.action, reason: body.reason }));
  }
}
