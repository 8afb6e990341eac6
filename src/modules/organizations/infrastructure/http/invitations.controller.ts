import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/auth/public.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Roles } from '../../../../platform/auth/roles.decorator';
import { OrganizationFromPath } from '../../../../platform/auth/tenant.decorator';
import { ORG_MANAGER } from '../../application/role-claims';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationQueries } from '../../application/queries/organization.queries';
import { AnswerInvitationUseCase } from '../../application/use-cases/answer-invitation.use-case';
import { InviteMemberUseCase } from '../../application/use-cases/invite-member.use-case';
import { RevokeInvitationUseCase } from '../../application/use-cases/revoke-invitation.use-case';
import { NOT_A_MEMBER_404, ROLE_OR_SUSPENDED_403 } from './http-support';
import { CreateInvitationDto, InvitationTokenDto } from './organizations.request.dto';
import { InvitationDto, InvitationPageDto, OrganizationDto } from './organizations.response.dto';

const TOKEN_422 = 'The token is unknown, used, declined or revoked (ORGANIZATIONS.INVITATION_INVALID) or expired (ORGANIZATIONS.INVITATION_EXPIRED)';

@ApiTags('organizations')
@Controller('organizations/:orgId/invitations')
@OrganizationFromPath()
@Roles(ORG_MANAGER)
export class OrganizationInvitationsController {
  constructor(
    private readonly invite: InviteMemberUseCase,
    private readonly revoke: RevokeInvitationUseCase,
    private readonly queries: OrganizationQueries,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'invitations_create',
    summary: 'Invite an e-mail address with a role (principals: any role; managers: staff). The link works once and expires after 7 days.',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiProblemResponse(403, ROLE_OR_SUSPENDED_403)
  @ApiProblemResponse(404, NOT_A_MEMBER_404)
  @ApiProblemResponse(409, 'That person is already a member (ORGANIZATIONS.ALREADY_MEMBER)')
  async create(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Body() body: CreateInvitationDto): Promise<InvitationDto> {
    return InvitationDto.from(await this.invite.execute(ctx, { orgId, email: body.email, role: body.role }));
  }

  @Get()
  @ApiOperation({ operationId: 'invitations_list', summary: 'Pending, unexpired invitations, newest first (manager or principal)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: InvitationPageDto })
  @ApiProblemResponse(403, ROLE_OR_SUSPENDED_403)
  @ApiProblemResponse(404, NOT_A_MEMBER_404)
  async list(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Query() query: PageQueryDto): Promise<InvitationPageDto> {
    return InvitationPageDto.from(await this.queries.listInvitations(ctx, orgId, query.toPageRequest()));
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'invitations_revoke', summary: 'Withdraw a pending invitation; its link stops working' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'invitationId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiProblemResponse(403, ROLE_OR_SUSPENDED_403)
  @ApiProblemResponse(404, `${NOT_A_MEMBER_404}; no such pending invitation (ORGANIZATIONS.INVITATION_NOT_FOUND)`)
  async revokeInvitation(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @UuidParam('invitationId') invitationId: string): Promise<void> {
    await this.revoke.execute(ctx, { orgId, invitationId });
  }
}

@ApiTags('organizations')
@Controller('invitations')
export class InvitationResponsesController {
  constructor(private readonly answer: AnswerInvitationUseCase) {}

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'invitations_accept',
    summary: 'Join the organization with the invitation token; the signed-in account must have the invited address',
  })
  @ApiOkResponse({ type: OrganizationDto, description: 'The organization joined, with the new role' })
  @ApiProblemResponse(403, 'The invitation is for another address (ORGANIZATIONS.INVITATION_EMAIL_MISMATCH) or the organization is suspended')
  @ApiProblemResponse(409, 'Already a member (ORGANIZATIONS.ALREADY_MEMBER)')
  @ApiProblemResponse(422, TOKEN_422)
  async accept(@Ctx() ctx: RequestContext, @Body() body: InvitationTokenDto): Promise<OrganizationDto> {
    return OrganizationDto.from(await this.answer.accept(ctx, body.token));
  }

  @Post('decline')
  @Public()
  @HttpCode(204)
  @ApiOperation({ operationId: 'invitations_decline', summary: 'Decline an invitation with its token (no sign-in needed)' })
  @ApiNoContentResponse({ description: 'Declined' })
  @ApiProblemResponse(422, TOKEN_422)
  async decline(@Ctx() ctx: RequestContext, @Body() body: InvitationTokenDto): Promise<void> {
    await this.answer.decline(ctx, body.token);
  }
}
