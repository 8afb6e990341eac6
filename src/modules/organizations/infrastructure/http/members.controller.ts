import { Controller, Delete, Get, HttpCode, Patch } from '@nestjs/common';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AcceptsApiKey } from '../../../../platform/auth/api-key.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Roles } from '../../../../platform/auth/roles.decorator';
import { OrganizationFromPath } from '../../../../platform/auth/tenant.decorator';
import { ORG_MANAGER, ORG_PRINCIPAL, ORG_STAFF } from '../../application/role-claims';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationQueries } from '../../application/queries/organization.queries';
import { ChangeMemberRoleUseCase } from '../../application/use-cases/change-member-role.use-case';
import { RemoveMemberUseCase } from '../../application/use-cases/remove-member.use-case';
import { NOT_A_MEMBER_404, ROLE_OR_SUSPENDED_403 } from './http-support';
import { ListMembersQueryDto, MemberRoleDto } from './organizations.request.dto';
import { MemberPageDto, MembershipDto } from './organizations.response.dto';

const LAST_PRINCIPAL_409 = 'It would leave the organization without an active principal (ORGANIZATIONS.LAST_PRINCIPAL)';

@ApiTags('organizations')
@Controller('organizations/:orgId/members')
@OrganizationFromPath()
export class MembersController {
  constructor(
    private readonly queries: OrganizationQueries,
    private readonly changeRole: ChangeMemberRoleUseCase,
    private readonly remove: RemoveMemberUseCase,
  ) {}

  @Get()
  @Roles(ORG_MANAGER)
  @AcceptsApiKey()
  @ApiOperation({ operationId: 'members_list', summary: 'The organization’s members in order of joining (manager or principal)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: MemberPageDto })
  @ApiProblemResponse(403, ROLE_OR_SUSPENDED_403)
  @ApiProblemResponse(404, NOT_A_MEMBER_404)
  async list(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Query() query: ListMembersQueryDto): Promise<MemberPageDto> {
    return MemberPageDto.from(await this.queries.listMembers(ctx, orgId, { role: query.role, status: query.status }, query.toPageRequest()));
  }

  @Patch(':userId')
  @Roles(ORG_PRINCIPAL)
  @ApiOperation({ operationId: 'members_change_role', summary: 'Change a member’s role (principal); the last principal cannot be demoted' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOkResponse({ type: MembershipDto })
  @ApiProblemResponse(403, ROLE_OR_SUSPENDED_403)
  @ApiProblemResponse(404, `${NOT_A_MEMBER_404}; no such member (ORGANIZATIONS.MEMBER_NOT_FOUND)`)
  @ApiProblemResponse(409, LAST_PRINCIPAL_409)
  async changeMemberRole(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('userId') userId: string,
    @Body() body: MemberRoleDto,
  ): Promise<MembershipDto> {
    return MembershipDto.from(await this.changeRole.execute(ctx, { orgId, userId, role: body.role }));
  }

  @Delete(':userId')
  @HttpCode(204)
  @Roles(ORG_STAFF)
  @ApiOperation({
    operationId: 'members_remove',
    summary:
      'Remove a member (principals: anyone; managers: staff; anyone: themselves). Their next request in the organization is refused and the API keys they created there are revoked.',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblemResponse(403, ROLE_OR_SUSPENDED_403)
  @ApiProblemResponse(404, `${NOT_A_MEMBER_404}; no such member (ORGANIZATIONS.MEMBER_NOT_FOUND)`)
  @ApiProblemResponse(409, LAST_PRINCIPAL_409)
  async removeMember(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @UuidParam('userId') userId: string): Promise<void> {
    await this.remove.execute(ctx, { orgId, userId });
  }
}
