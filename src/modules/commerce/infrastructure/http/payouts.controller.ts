import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { OrganizationFromPath } from '../../../../platform/auth/tenant.decorator';
import { ORG_MANAGER, ORG_STAFF } from '../../../organizations';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { Page, RequestContext } from '../../../../platform/kernel';
import type { Payout, PayoutLine, PayoutTransfer } from '../../domain';
import type { ConnectAccount } from '../../application/ports';
import { ConnectAccountUseCases, PayoutQueries, PayoutRunResult, RunPayoutsUseCase } from '../../application/use-cases/payouts.use-cases';
import { PROVIDER_503 } from './http-support';

const ORG_404 = 'No such organization, or the caller is not an active member of it (ORGANIZATIONS.NOT_FOUND)';
const ROLE_403 = 'The caller’s role is not enough (AUTH.FORBIDDEN)';
const NO_ACCOUNT_404 = 'The organization has no Connect account yet (COMMERCE.CONNECT_ACCOUNT_NOT_FOUND)';

export class PayoutRunRequestDto {
  @ApiProperty({ example: '2026-11', description: 'The month to pay (UTC), YYYY-MM; a running month pays what is owed so far' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be YYYY-MM' })
  period: string;
}

export class CommercePayoutDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty({ example: '2026-11' }) period: string;
  @ApiProperty({ description: 'Minor units' }) amount_minor: number;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: ['requested', 'paid', 'failed'] }) status: string;
  @ApiProperty({ description: 'Transfer attempts made (a failed payout is retried by the next run)' }) attempt: number;
  @ApiProperty({ nullable: true, type: String, description: 'The first of its Stripe transfers, once paid (each is on the statement’s `transfers`)' })
  transfer_id: string | null;
  @ApiProperty({ nullable: true, type: String }) failure_reason: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paid_at: string | null;

  static from(payout: Payout): CommercePayoutDto {
    const p = payout.snapshot();
    return {
      id: p.id,
      org_id: p.orgId,
      period: p.period,
      amount_minor: p.amountMinor,
      currency: p.currency,
      status: p.status,
      attempt: p.attempt,
      transfer_id: p.transferId,
      failure_reason: p.failureReason,
      created_at: p.createdAt.toISOString(),
      paid_at: p.paidAt ? p.paidAt.toISOString() : null,
    };
  }
}

export class CommercePayoutPageDto {
  @ApiProperty({ type: [CommercePayoutDto] }) data: CommercePayoutDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<Payout>): CommercePayoutPageDto {
    return { data: page.data.map(CommercePayoutDto.from), meta: page.meta };
  }
}

export class CommercePayoutLineDto {
  @ApiProperty({ description: 'order.paid (a sale), refund.completed (a refund, negative)…' }) kind: string;
  @ApiProperty({ description: 'The order or refund id' }) reference: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) order_id: string | null;
  @ApiProperty({ description: 'Signed minor units: the seller’s share' }) amount_minor: number;
  @ApiProperty({ format: 'date-time' }) occurred_at: string;
}

export class CommercePayoutLinePageDto {
  @ApiProperty({ type: [CommercePayoutLineDto] }) data: CommercePayoutLineDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

export class CommercePayoutTransferDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The order it pays; null for a balance without an order' })
  order_id: string | null;
  @ApiProperty({
    description: 'Minor units: the seller’s net for the order in this payout, less its share of negative balances (refunds of orders paid out earlier)',
  })
  amount_minor: number;
  @ApiProperty({ example: 'order_6f1c…', description: 'Stripe transfer_group: order_<order id> (payout_<payout id> for a balance without an order)' })
  transfer_group: string;
  @ApiProperty({ nullable: true, type: String, description: 'The card charge (ch_…) that paid the order and funds the transfer; null when paid otherwise' })
  source_transaction: string | null;
  @ApiProperty({ enum: ['pending', 'paid', 'failed'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'The Stripe transfer (tr_…), once paid' }) transfer_id: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why Stripe refused it (retried with the payout)' }) failure_reason: string | null;

  static from(transfer: PayoutTransfer): CommercePayoutTransferDto {
    const t = transfer.snapshot();
    return {
      order_id: t.orderId,
      amount_minor: t.amountMinor,
      transfer_group: t.transferGroup,
      source_transaction: t.sourceTransaction,
      status: t.status,
      transfer_id: t.transferId,
      failure_reason: t.failureReason,
    };
  }
}

export class CommercePayoutStatementDto extends CommercePayoutDto {
  @ApiProperty({ type: CommercePayoutLinePageDto, description: 'The statement: one line per sale or refund the payout settles (paginated)' })
  lines: CommercePayoutLinePageDto;
  @ApiProperty({
    type: [CommercePayoutTransferDto],
    description: 'The Stripe transfers that pay it, one per order, in the order they are made; they sum to amount_minor',
  })
  transfers: CommercePayoutTransferDto[];

  static fromStatement(statement: { payout: Payout; lines: Page<PayoutLine>; transfers: readonly PayoutTransfer[] }): CommercePayoutStatementDto {
    return {
      ...CommercePayoutDto.from(statement.payout),
      transfers: statement.transfers.map(CommercePayoutTransferDto.from),
      lines: {
        data: statement.lines.data.map((l) => ({
          kind: l.entryKind,
          reference: l.reference,
          order_id: l.orderId,
          amount_minor: l.amountMinor,
          occurred_at: l.occurredAt.toISOString(),
        })),
        meta: statement.lines.meta,
      },
    };
  }
}

export class CommerceConnectAccountDto {
  @ApiProperty({ description: 'The Stripe connected account (acct_…)' }) account_id: string;
  @ApiProperty({ description: 'Stripe lets the account receive payouts (onboarding finished)' }) payouts_enabled: boolean;
  @ApiProperty() details_submitted: boolean;

  static from(account: ConnectAccount): CommerceConnectAccountDto {
    return { account_id: account.id, payouts_enabled: account.payoutsEnabled, details_submitted: account.detailsSubmitted };
  }
}

export class CommerceOnboardingLinkDto {
  @ApiProperty() account_id: string;
  @ApiProperty({ description: 'Stripe-hosted onboarding; send the seller there (single use)' }) url: string;
  @ApiProperty({ format: 'date-time' }) expires_at: string;
}

export class CommercePayoutRunItemDto {
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: ['paid', 'failed', 'pending', 'in_progress', 'already_paid', 'below_minimum', 'not_onboarded'] }) outcome: string;
  @ApiProperty({ type: CommercePayoutDto, nullable: true }) payout: CommercePayoutDto | null;
}

export class CommercePayoutRunDto {
  @ApiProperty() period: string;
  @ApiProperty({ type: [CommercePayoutRunItemDto] }) results: CommercePayoutRunItemDto[];

  static from(run: PayoutRunResult): CommercePayoutRunDto {
    return {
      period: run.period,
      results: run.results.map((r) => ({
        org_id: r.orgId,
        currency: r.currency,
        outcome: r.outcome,
        payout: r.payout ? CommercePayoutDto.from(r.payout) : null,
      })),
    };
  }
}

@ApiTags('commerce')
@Controller('organizations/:orgId')
@OrganizationFromPath()
export class OrganizationPayoutsController {
  constructor(
    private readonly queries: PayoutQueries,
    private readonly connect: ConnectAccountUseCases,
  ) {}

  @Get('payouts')
  @Roles(ORG_STAFF)
  @ApiOperation({ operationId: 'payouts_list', summary: 'The organization’s payouts as a seller, newest period first' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: CommercePayoutPageDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, ORG_404)
  async list(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Query() query: PageQueryDto): Promise<CommercePayoutPageDto> {
    return CommercePayoutPageDto.from(await this.queries.list(ctx, orgId, query.toPageRequest()));
  }

  @Get('payouts/:id')
  @Roles(ORG_STAFF)
  @ApiOperation({
    operationId: 'payouts_get',
    summary: 'A payout and its statement: one line per sale or refund it settles (lines paginated), and its Stripe transfers (one per order)',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CommercePayoutStatementDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, `${ORG_404}; no such payout (COMMERCE.PAYOUT_NOT_FOUND)`)
  async get(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<CommercePayoutStatementDto> {
    return CommercePayoutStatementDto.fromStatement(await this.queries.statement(ctx, orgId, id, query.toPageRequest()));
  }

  @Post('connect-account')
  @Roles(ORG_MANAGER)
  @ApiOperation({
    operationId: 'payouts_connect_account_create',
    summary: 'Create the organization’s Stripe Connect (Express) account that receives its payouts; returns the existing one if there is one',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiCreatedResponse({ type: CommerceConnectAccountDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, ORG_404)
  @ApiProblemResponse(422, 'Stripe is not configured on this server (COMMERCE.PAYMENT_METHOD_UNAVAILABLE)')
  @ApiProblemResponse(503, PROVIDER_503)
  async createAccount(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string): Promise<CommerceConnectAccountDto> {
    return CommerceConnectAccountDto.from(await this.connect.create(ctx, orgId));
  }

  @Get('connect-account')
  @Roles(ORG_MANAGER)
  @ApiOperation({
    operationId: 'payouts_connect_account_get',
    summary: 'The organization’s Connect account, as Stripe sees it now (whether payouts are enabled)',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: CommerceConnectAccountDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, `${ORG_404}; ${NO_ACCOUNT_404}`)
  @ApiProblemResponse(422, 'Stripe is not configured on this server (COMMERCE.PAYMENT_METHOD_UNAVAILABLE)')
  @ApiProblemResponse(503, PROVIDER_503)
  async getAccount(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string): Promise<CommerceConnectAccountDto> {
    return CommerceConnectAccountDto.from(await this.connect.get(ctx, orgId));
  }

  @Post('connect-account/onboarding-link')
  @Roles(ORG_MANAGER)
  @ApiOperation({
    operationId: 'payouts_connect_onboarding_link',
    summary: 'A single-use Stripe onboarding link for the Connect account (returns to PAYOUT_CONNECT_RETURN_URL)',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiCreatedResponse({ type: CommerceOnboardingLinkDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, `${ORG_404}; ${NO_ACCOUNT_404}`)
  @ApiProblemResponse(422, 'Stripe is not configured on this server (COMMERCE.PAYMENT_METHOD_UNAVAILABLE)')
  @ApiProblemResponse(503, PROVIDER_503)
  async onboardingLink(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string): Promise<CommerceOnboardingLinkDto> {
    const link = await this.connect.onboardingLink(ctx, orgId);
    return { account_id: link.accountId, url: link.url, expires_at: link.expiresAt.toISOString() };
  }
}

@ApiTags('commerce')
@Controller('admin/commerce/payouts')
@Roles(PLATFORM_ADMIN)
export class AdminPayoutsController {
  constructor(private readonly run: RunPayoutsUseCase) {}

  @Post('run')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_payouts_run',
    summary: 'Platform admin: run the payouts of a period now (what the worker does on the first of each month); running twice never pays twice',
  })
  @ApiOkResponse({ type: CommercePayoutRunDto })
  @ApiProblemResponse(400, 'The period is not a month that has started (COMMERCE.PAYOUT_PERIOD_INVALID)')
  async runNow(@Ctx() ctx: RequestContext, @Body() body: PayoutRunRequestDto): Promise<CommercePayoutRunDto> {
    return CommercePayoutRunDto.from(await this.run.execute(ctx, { period: body.period }));
  }
}
