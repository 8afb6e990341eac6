import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Roles } from '../../../../platform/auth/roles.decorator';
import { OrganizationFromPath } from '../../../../platform/auth/tenant.decorator';
import { ORG_MANAGER } from '../../application/role-claims';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationQueries } from '../../application/queries/organization.queries';
import { CreateApiKeyUseCase } from '../../application/use-cases/create-api-key.use-case';
import { RevokeApiKeyUseCase } from '../../application/use-cases/revoke-api-key.use-case';
import { NOT_A_MEMBER_404, ROLE_OR_SUSPENDED_403, toDate } from './http-support';
import { CreateApiKeyDto } from './organizations.request.dto';
import { ApiKeyPageDto, CreatedApiKeyDto } from './organizations.response.dto';

@ApiTags('organizations')
@Controller('organizations/:orgId/api-keys')
@OrganizationFromPath()
@Roles(ORG_MANAGER)
export class ApiKeysController {
  constructor(
    private readonly create: CreateApiKeyUseCase,
    private readonly revoke: RevokeApiKeyUseCase,
    private readonly queries: OrganizationQueries,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'api_keys_create',
    summary: 'Create an API key acting in the organization with a role (at most the creator’s) until it expires. The secret is in this response only.',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblemResponse(403, ROLE_OR_SUSPENDED_403)
  @ApiProblemResponse(404, NOT_A_MEMBER_404)
  async createKey(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const created = await this.create.execute(ctx, { orgId, name: body.name, role: body.role, expiresAt: toDate(body.expires_at, 'expires_at') });
    return CreatedApiKeyDto.fromCreated(created);
  }

  @Get()
  @ApiOperation({ operationId: 'api_keys_list', summary: 'The organization’s API keys, newest first, without secrets (manager or principal)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  @ApiProblemResponse(403, ROLE_OR_SUSPENDED_403)
  @ApiProblemResponse(404, NOT_A_MEMBER_404)
  async list(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Query() query: PageQueryDto): Promise<ApiKeyPageDto> {
    return ApiKeyPageDto.from(await this.queries.listApiKeys(ctx, orgId, query.toPageRequest()));
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'api_keys_revoke', summary: 'Revoke an API key; its next request gets 401 ORGANIZATIONS.API_KEY_REVOKED. Idempotent.' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'keyId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblemResponse(403, ROLE_OR_SUSPENDED_403)
  @ApiProblemResponse(404, `${NOT_A_MEMBER_404}; no such key (ORGANIZATIONS.API_KEY_NOT_FOUND)`)
  async revokeKey(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @UuidParam('keyId') keyId: string): Promise<void> {
    await this.revoke.execute(ctx, { orgId, keyId });
  }
}
