import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { Query, UuidParam } from '../../../../platform/http/params';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { RequestContext } from '../../../../platform/kernel';
import { ListSessionsUseCase } from '../../application/use-cases/list-sessions.use-case';
import { RevokeSessionUseCase } from '../../application/use-cases/revoke-session.use-case';
import { ApiProblem, Ctx } from './http-decorators';
import { SessionDto, SessionPageDto } from './identity.response.dto';

@ApiTags('identity')
@Controller('auth/sessions')
export class SessionsController {
  constructor(
    private readonly listSessions: ListSessionsUseCase,
    private readonly revokeSession: RevokeSessionUseCase,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'identity_list_sessions', summary: 'The signed-in user’s active sessions, most recently used first' })
  @ApiOkResponse({ type: SessionPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto): Promise<SessionPageDto> {
    const page = await this.listSessions.execute(ctx, query.toPageRequest());
    return { data: page.data.map((view) => SessionDto.from(view)), meta: page.meta };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'identity_revoke_session', summary: 'End one of the signed-in user’s sessions; its access tokens stop working at once' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Ended' })
  @ApiProblem(404, 'No such active session of this user (IDENTITY.SESSION_NOT_FOUND)')
  async revoke(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    await this.revokeSession.execute(ctx, { sessionId: id });
  }
}
