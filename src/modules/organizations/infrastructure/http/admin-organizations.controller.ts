import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationQueries } from '../../application/queries/organization.queries';
import { AssignMemberUseCase } from '../../application/use-cases/assign-member.use-case';
import { CreateOrganizationUseCase } from '../../application/use-cases/create-organization.use-case';
import { SetOrganizationStatusUseCase } from '../../application/use-cases/set-organization-status.use-case';

import { AdminCreateOrganizationDto, ListOrganizationsQueryDto, MemberRoleDto, SuspendOrganizationDto } from './organizations.request.dto';
import { MemberPageDto, MembershipDto, OrganizationDto, OrganizationPageDto } from './organizations.response.dto';

const NO_ORGANIZATION = 'No organization has this id (ORGANIZATIONS.NOT_FOUND)';

/**
 * The only routes through which a platform admin acts across organizations.
 * Every change made here is written to the audit log as a platform-admin act.
 */
@ApiTags('organizations')
@Controller('admin/organizations')
@Roles(PLATFORM_ADMIN)
export class AdminOrganizationsController {
  constructor(
    private readonly queries: OrganizationQueries,
    private readonly create: CreateOrganizationUseCase,
    private readonly setStatus: SetOrganizationStatusUseCase,
    private readonly assign: AssignMemberUseCase,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'organizations_admin_list', summary: 'Every organization, newest first, filtered by kind, status or name (platform admin)' })
  @ApiOkResponse({ type: OrganizationPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: ListOrganizationsQueryDto): Promise<OrganizationPageDto> {
    return OrganizationPageDto.from(await this.queries.adminList(ctx, { kind: query.kind, status: query.status, q: query.q }, query.toPageRequest()));
  }

  @Post()
  @ApiOperation({
    operationId: 'organizations_admin_create',
    summary: 'Open an organization of any kind (dealerships included) with the named account as its principal (platform admin)',
  })
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiProblemResponse(404, 'No active account has principal_user_id (USERS.NOT_FOUND)')
  @ApiProblemResponse(409, 'The slug is taken (ORGANIZATIONS.SLUG_TAKEN)')
  async createOrganization(@Ctx() ctx: RequestContext, @Body() body: AdminCreateOrganizationDto): Promise<OrganizationDto> {
    return OrganizationDto.from(
      await this.create.execute(ctx, {
        kind: body.kind,
        name: body.name,
        slug: body.slug,
        contactEmail: body.contact_email,
        contactPhone: body.contact_phone,
        website: body.website,
        address: body.address,
        principalUserId: body.principal_user_id,
      }),
    );
  }

  @Get(':orgId')
  @ApiOperation({ operationId: 'organizations_admin_get', summary: 'Any organization (platform admin)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiProblemResponse(404, NO_ORGANIZATION)
  async get(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.queries.adminGet(ctx, orgId));
  }

  @Get(':orgId/members')
  @ApiOperation({ operationId: 'organizations_admin_list_members', summary: 'Any organization’s members (platform admin)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: MemberPageDto })
  @ApiProblemResponse(404, NO_ORGANIZATION)
  async members(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Query() query: PageQueryDto): Promise<MemberPageDto> {
    return MemberPageDto.from(await this.queries.adminListMembers(ctx, orgId, query.toPageRequest()));
  }

  @Put(':orgId/members/:userId')
  @ApiOperation({
    operationId: 'organizations_admin_assign_member',
    summary: 'Make an account a member with a role, or change its role (platform admin; audited; the last principal still cannot be demoted)',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOkResponse({ type: MembershipDto })
  @ApiProblemResponse(404, 'No such organization (ORGANIZATIONS.NOT_FOUND) or active account (USERS.NOT_FOUND)')
  @ApiProblemResponse(409, 'It would leave the organization without a principal (ORGANIZATIONS.LAST_PRINCIPAL)')
  async assignMember(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('userId') userId: string,
    @Body() body: MemberRoleDto,
  ): Promise<MembershipDto> {
    return MembershipDto.from((await this.assign.execute(ctx, { orgId, userId, role: body.role })).membership);
  }

  @Post(':orgId/suspend')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'organizations_admin_suspend',
    summary: 'Suspend an organization: its members’ requests in it and its API keys are refused from the next request (platform admin; idempotent)',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiProblemResponse(404, NO_ORGANIZATION)
  async suspend(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Body() body: SuspendOrganizationDto): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.setStatus.execute(ctx, orgId, { status: 'suspended', reason: body.reason }));
  }

  @Post(':orgId/reactivate')
  @HttpCode(200)
  @ApiOperation({ operationId: 'organizations_admin_reactivate', summary: 'Lift a suspension (platform admin; idempotent)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiProblemResponse(404, NO_ORGANIZATION)
  async reactivate(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.setStatus.execute(ctx, orgId, { status: 'active' }));
  }
}
