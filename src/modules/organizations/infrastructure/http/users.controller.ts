import { Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiOrganizationHeader } from '../../../../platform/auth/tenant.decorator';
import { ORG_PRINCIPAL } from '../../application/role-claims';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { UserQueries } from '../../application/queries/user.queries';
import { CreateUserUseCase } from '../../application/use-cases/create-user.use-case';
import { DeleteUserUseCase } from '../../application/use-cases/delete-user.use-case';
import { SetMemberStatusUseCase } from '../../application/use-cases/set-member-status.use-case';
import { UpdateUserUseCase } from '../../application/use-cases/update-user.use-case';

import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './users.request.dto';
import { MembershipDto, UserDto, UserPageDto } from './organizations.response.dto';

const NO_USER = 'No such user visible to the caller (USERS.NOT_FOUND)';
const HEADER_403 = 'Not a member of the organization in X-Organization-Id (ORGANIZATIONS.NOT_A_MEMBER), or it is suspended (ORGANIZATIONS.SUSPENDED)';

/**
 * Seed 003's user management. Who sees and manages whom depends on the
 * caller: a platform admin everyone; a principal (acting in an organization
 * named by X-Organization-Id) that organization's users; staff and customers
 * themselves only.
 */
@ApiTags('users')
@Controller('users')
@ApiOrganizationHeader()
export class UsersController {
  constructor(
    private readonly queries: UserQueries,
    private readonly create: CreateUserUseCase,
    private readonly update: UpdateUserUseCase,
    private readonly remove: DeleteUserUseCase,
    private readonly setMemberStatus: SetMemberStatusUseCase,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'users_list',
    summary: 'Users: the active organization’s for its principals and managers, everyone for platform admins, oneself for anyone else',
  })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblemResponse(403, HEADER_403)
  async list(@Ctx() ctx: RequestContext, @Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return UserPageDto.from(await this.queries.list(ctx, { email: query.email, role: query.role }, query.toPageRequest()));
  }

  @Post()
  @Roles(PLATFORM_ADMIN, ORG_PRINCIPAL)
  @ApiOperation({
    operationId: 'users_create',
    summary: 'Create a user directly: a principal into the active organization with a role; a platform admin a bare account',
  })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblemResponse(403, HEADER_403)
  @ApiProblemResponse(409, 'An account has this e-mail already: invite it instead (IDENTITY.EMAIL_TAKEN)')
  @ApiProblemResponse(422, 'A role needs an organization the caller is principal of (USERS.ROLE_NEEDS_ORGANIZATION)')
  async createUser(@Ctx() ctx: RequestContext, @Body() body: CreateUserDto): Promise<UserDto> {
    return UserDto.from(
      await this.create.execute(ctx, {
        email: body.email,
        fullName: body.full_name,
        password: body.password,
        dateOfBirth: body.date_of_birth,
        role: body.role,
      }),
    );
  }

  @Get(':userId')
  @ApiOperation({ operationId: 'users_get', summary: 'One user, if the caller may see them (see the list)' })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblemResponse(403, HEADER_403)
  @ApiProblemResponse(404, NO_USER)
  async get(@Ctx() ctx: RequestContext, @UuidParam('userId') userId: string): Promise<UserDto> {
    return UserDto.from(await this.queries.get(ctx, userId));
  }

  @Patch(':userId')
  @Roles(PLATFORM_ADMIN, ORG_PRINCIPAL)
  @ApiOperation({
    operationId: 'users_update',
    summary: 'Update a user: a principal, a user of the active organization (name, role there); a platform admin, anyone’s name',
  })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblemResponse(403, HEADER_403)
  @ApiProblemResponse(404, NO_USER)
  @ApiProblemResponse(409, 'It would leave the organization without a principal (ORGANIZATIONS.LAST_PRINCIPAL)')
  @ApiProblemResponse(422, 'A role needs an organization the caller is principal of (USERS.ROLE_NEEDS_ORGANIZATION)')
  async updateUser(@Ctx() ctx: RequestContext, @UuidParam('userId') userId: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return UserDto.from(await this.update.execute(ctx, userId, { fullName: body.full_name, role: body.role }));
  }

  @Delete(':userId')
  @HttpCode(204)
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({
    operationId: 'users_delete',
    summary: 'Delete (deactivate) an account: it is disabled, all its sessions end and every API key it created is revoked, at once (platform admin)',
  })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Deactivated' })
  @ApiProblemResponse(404, NO_USER)
  @ApiProblemResponse(422, 'An admin cannot delete their own account (USERS.CANNOT_TARGET_SELF)')
  async deleteUser(@Ctx() ctx: RequestContext, @UuidParam('userId') userId: string): Promise<void> {
    await this.remove.execute(ctx, userId);
  }

  @Post(':userId/deactivate')
  @HttpCode(200)
  @Roles(ORG_PRINCIPAL)
  @ApiOperation({
    operationId: 'users_deactivate',
    summary: 'Deactivate a user in the active organization (principal): their access there ends at once and the keys they created there are revoked',
  })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOkResponse({ type: MembershipDto })
  @ApiProblemResponse(403, HEADER_403)
  @ApiProblemResponse(404, NO_USER)
  @ApiProblemResponse(409, 'It would leave the organization without a principal (ORGANIZATIONS.LAST_PRINCIPAL)')
  @ApiProblemResponse(422, 'Not on oneself (USERS.CANNOT_TARGET_SELF)')
  async deactivate(@Ctx() ctx: RequestContext, @UuidParam('userId') userId: string): Promise<MembershipDto> {
    return MembershipDto.from(await this.setMemberStatus.execute(ctx, { orgId: ctx.orgId ?? '', userId, status: 'deactivated' }));
  }

  @Post(':userId/reactivate')
  @HttpCode(200)
  @Roles(ORG_PRINCIPAL)
  @ApiOperation({ operationId: 'users_reactivate', summary: 'Reactivate a user deactivated in the active organization (principal)' })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOkResponse({ type: MembershipDto })
  @ApiProblemResponse(403, HEADER_403)
  @ApiProblemResponse(404, NO_USER)
  @ApiProblemResponse(422, 'Not on oneself (USERS.CANNOT_TARGET_SELF)')
  async reactivate(@Ctx() ctx: RequestContext, @UuidParam('userId') userId: string): Promise<MembershipDto> {
    return MembershipDto.from(await this.setMemberStatus.execute(ctx, { orgId: ctx.orgId ?? '', userId, status: 'active' }));
  }
}
