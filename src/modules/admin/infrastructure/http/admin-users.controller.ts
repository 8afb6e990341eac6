import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { DomainError, toSortOrder, type RequestContext, type SortOrder } from '../../../../platform/kernel';
import type { AccountSortField } from '../../../identity';
import { AdminAuditLog } from '../../application/audit-log';
import { AdminUsers } from '../../application/users';
import { AdminAuditEventPageDto, AdminAuditQueryDto } from './admin-audit.dto';
import {
  AdminListUsersQueryDto,
  AdminSessionsEndedDto,
  AdminUserDetailDto,
  AdminUserDto,
  AdminUserOptionalReasonDto,
  AdminUserPageDto,
  AdminUserReasonDto,
} from './admin-users.dto';

const NO_USER = 'No account has this id (ADMIN.USER_NOT_FOUND)';
const NOT_ADMIN = 'Not a platform admin (AUTH.FORBIDDEN)';

function instant(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new DomainError('HTTP.VALIDATION_FAILED', 'validation', 'The request has invalid or unexpected fields.', {
      errors: { [field]: [`${field} must be a valid date-time`] },
    });
  return date;
}

/** Users (accounts, memberships, API keys) and the audit log in the operators' console. */
@ApiTags('admin')
@Controller('admin')
@Roles(PLATFORM_ADMIN)
export class AdminUsersController {
  constructor(
    private readonly users: AdminUsers,
    private readonly auditLog: AdminAuditLog,
  ) {}

  @Get('users')
  @ApiOperation({
    operationId: 'admin_users_list',
    summary: 'Every account, searched by e-mail or name, filtered by status, sorted (default newest first) (platform admins)',
  })
  @ApiOkResponse({ type: AdminUserPageDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  async list(@Ctx() ctx: RequestContext, @Query() query: AdminListUsersQueryDto): Promise<AdminUserPageDto> {
    const sort = toSortOrder(query.sort, { field: 'created_at', descending: true }) as SortOrder<AccountSortField>;
    return AdminUserPageDto.from(await this.users.list(ctx, { q: query.q || undefined, status: query.status, sort }, query.toPageRequest()));
  }

  @Get('users/:userId')
  @ApiOperation({
    operationId: 'admin_users_get',
    summary: 'An account with its memberships and the API keys it created (prefixes only, never secrets) (platform admins)',
  })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOkResponse({ type: AdminUserDetailDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_USER)
  async get(@Ctx() ctx: RequestContext, @UuidParam('userId') userId: string): Promise<AdminUserDetailDto> {
    return AdminUserDetailDto.fromDetail(await this.users.get(ctx, userId));
  }

  @Post('users/:userId/suspend')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_users_suspend',
    summary:
      'Suspend an account: its sessions end at once and it cannot sign in until reactivated (platform admins; idempotent; audited as admin.user_suspended)',
  })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_USER)
  @ApiProblemResponse(422, 'Not on one’s own account (ADMIN.CANNOT_TARGET_SELF)')
  async suspend(@Ctx() ctx: RequestContext, @UuidParam('userId') userId: string, @Body() body: AdminUserReasonDto): Promise<AdminUserDto> {
    return AdminUserDto.from(await this.users.suspend(ctx, userId, body.reason));
  }

  @Post('users/:userId/reactivate')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_users_reactivate',
    summary: 'Lift a suspension: the owner signs in again with the same password (platform admins; idempotent; audited as admin.user_reactivated)',
  })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_USER)
  async reactivate(@Ctx() ctx: RequestContext, @UuidParam('userId') userId: string, @Body() body: AdminUserOptionalReasonDto): Promise<AdminUserDto> {
    return AdminUserDto.from(await this.users.reactivate(ctx, userId, body.reason));
  }

  @Post('users/:userId/end-sessions')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_users_end_sessions',
    summary: 'End every session of an account at once; it may sign in again (platform admins; audited as admin.user_sessions_ended)',
  })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOkResponse({ type: AdminSessionsEndedDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_USER)
  @ApiProblemResponse(422, 'Not on one’s own account (ADMIN.CANNOT_TARGET_SELF)')
  async endSessions(@Ctx() ctx: RequestContext, @UuidParam('userId') userId: string, @Body() body: AdminUserOptionalReasonDto): Promise<AdminSessionsEndedDto> {
    const { revokedSessions } = await this.users.endSessions(ctx, userId, body.reason);
    return { revoked_sessions: revokedSessions };
  }

  @Get('audit-events')
  @ApiOperation({
    operationId: 'admin_audit_events_list',
    summary: 'The whole audit log, newest first, filtered by actor, organization, action (or its family) and time (platform admins)',
  })
  @ApiOkResponse({ type: AdminAuditEventPageDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  async audit(@Ctx() ctx: RequestContext, @Query() query: AdminAuditQueryDto): Promise<AdminAuditEventPageDto> {
    const filter = {
      action: query.action,
      actorUserId: query.actor,
      orgId: query.organization_id,
      from: instant(query.from, 'from'),
      to: instant(query.to, 'to'),
    };
    return AdminAuditEventPageDto.from(await this.auditLog.list(ctx, filter, query.toPageRequest()));
  }
}
