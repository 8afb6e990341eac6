import { Controller, Get } from '@nestjs/common';
import { Query } from '../../../../platform/http/params';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptsApiKey } from '../../../../platform/auth/api-key.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiOrganizationHeader } from '../../../../platform/auth/tenant.decorator';
import { ORG_PRINCIPAL } from '../../application/role-claims';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { AuditQueries } from '../../application/queries/audit.queries';
import { toDate } from './http-support';
import { ListAuditEventsQueryDto } from './users.request.dto';
import { AuditEventPageDto } from './organizations.response.dto';

@ApiTags('audit')
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly audit: AuditQueries) {}

  @Get()
  @Roles(PLATFORM_ADMIN, ORG_PRINCIPAL)
  @AcceptsApiKey()
  @ApiOrganizationHeader()
  @ApiOperation({
    operationId: 'audit_events_list',
    summary:
      'The append-only audit log, newest first: a principal (X-Organization-Id) reads the organization’s events and its members’ security events; a platform admin reads all',
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiProblemResponse(403, 'Not a principal of the organization or a platform admin (AUTH.FORBIDDEN)')
  async list(@Ctx() ctx: RequestContext, @Query() query: ListAuditEventsQueryDto): Promise<AuditEventPageDto> {
    const filter = {
      action: query.action,
      actorUserId: query.actor,
      orgId: query.organization_id,
      from: query.from ? toDate(query.from, 'from') : undefined,
      to: query.to ? toDate(query.to, 'to') : undefined,
    };
    return AuditEventPageDto.from(await this.audit.list(ctx, filter, query.toPageRequest()));
  }
}
