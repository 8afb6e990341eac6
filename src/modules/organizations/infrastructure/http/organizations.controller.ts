import { Controller, Get, Patch, Post } from '@nestjs/common';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AcceptsApiKey } from '../../../../platform/auth/api-key.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Roles } from '../../../../platform/auth/roles.decorator';
import { OrganizationFromPath } from '../../../../platform/auth/tenant.decorator';
import { ORG_PRINCIPAL, ORG_STAFF } from '../../application/role-claims';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationQueries } from '../../application/queries/organization.queries';
import { CreateOrganizationUseCase } from '../../application/use-cases/create-organization.use-case';
import { UpdateOrganizationUseCase } from '../../application/use-cases/update-organization.use-case';
import { NOT_A_MEMBER_404, ROLE_OR_SUSPENDED_403 } from './http-support';
import { CreateOrganizationDto, UpdateOrganizationDto } from './organizations.request.dto';
import { OrganizationDto, OrganizationPageDto } from './organizations.response.dto';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly create: CreateOrganizationUseCase,
    private readonly update: UpdateOrganizationUseCase,
    private readonly queries: OrganizationQueries,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'organizations_create',
    summary: 'Open a repair shop or creator studio (verified e-mail needed); the caller becomes its principal. Platform admins may also open dealerships.',
  })
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiProblemResponse(403, 'E-mail not verified (ORGANIZATIONS.EMAIL_NOT_VERIFIED) or a dealership asked by a non-admin (ORGANIZATIONS.KIND_REQUIRES_ADMIN)')
  @ApiProblemResponse(409, 'The slug is taken (ORGANIZATIONS.SLUG_TAKEN)')
  async createOrganization(@Ctx() ctx: RequestContext, @Body() body: CreateOrganizationDto): Promise<OrganizationDto> {
    return OrganizationDto.from(
      await this.create.execute(ctx, {
        kind: body.kind,
        name: body.name,
        slug: body.slug,
        contactEmail: body.contact_email,
        contactPhone: body.contact_phone,
        website: body.website,
        address: body.address,
      }),
    );
  }

  @Get()
  @ApiOperation({ operationId: 'organizations_list_mine', summary: 'The organizations the caller is an active member of, with the caller’s role' })
  @ApiOkResponse({ type: OrganizationPageDto })
  async listMine(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto): Promise<OrganizationPageDto> {
    return OrganizationPageDto.from(await this.queries.listMine(ctx, query.toPageRequest()));
  }

  @Get(':orgId')
  @OrganizationFromPath()
  @Roles(ORG_STAFF)
  @AcceptsApiKey()
  @ApiOperation({ operationId: 'organizations_get', summary: 'One organization the caller belongs to' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiProblemResponse(403, ROLE_OR_SUSPENDED_403)
  @ApiProblemResponse(404, NOT_A_MEMBER_404)
  async get(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.queries.get(ctx, orgId));
  }

  @Patch(':orgId')
  @OrganizationFromPath()
  @Roles(ORG_PRINCIPAL)
  @ApiOperation({
    operationId: 'organizations_update',
    summary: 'Edit the name, slug and contact details (principal). Kind and status cannot be changed here.',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiProblemResponse(403, ROLE_OR_SUSPENDED_403)
  @ApiProblemResponse(404, NOT_A_MEMBER_404)
  @ApiProblemResponse(409, 'The slug is taken (ORGANIZATIONS.SLUG_TAKEN)')
  async updateOrganization(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Body() body: UpdateOrganizationDto): Promise<OrganizationDto> {
    return OrganizationDto.from(
      await this.update.execute(ctx, orgId, {
        name: body.name,
        slug: body.slug,
        contactEmail: body.contact_email,
        contactPhone: body.contact_phone,
        website: body.website,
        address: body.address,
      }),
    );
  }
}
