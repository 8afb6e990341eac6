import { Controller, Get, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { RequestContext } from '../../../../platform/kernel';
import { IdempotentRequests } from '../../application/idempotency';
import type { TopUp } from '../../application/ports';
import {
  MAX_TOP_UP_MINOR,
  ReconcileLedgerUseCase,
  SetSellerCommissionUseCase,
  TopUpWalletUseCase,
  WalletQueries,
  WalletView,
} from '../../application/use-cases/wallet.use-cases';
import { ApiIdempotencyKey, IDEMPOTENCY_422, IdempotencyKey, IN_PROGRESS_409, PROVIDER_503 } from './http-support';

const CURRENCY = /^[A-Z]{3}$/;

export class WalletQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'EUR', description: 'Whose transactions to list (default: the platform currency)' })
  @IsOptional()
  @Matches(CURRENCY)
  currency?: string;
}

export class TopUpRequestDto {
  @ApiProperty({ minimum: 1, maximum: MAX_TOP_UP_MINOR, description: 'Minor units' })
  @IsInt()
  @Min(1)
  @Max(MAX_TOP_UP_MINOR)
  amount_minor: number;

  @ApiProperty({ example: 'EUR' })
  @Matches(CURRENCY)
  currency: string;
}

export class CommissionDto {
  @ApiProperty({
    nullable: true,
    type: Number,
    minimum: 0,
    maximum: 10_000,
    description: 'Platform commission in basis points (2000 = 20 %); null: the default',
  })
  @ValidateIf((_o, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(10_000)
  commission_bps: number | null;
}

export class SellerCommissionDto {
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty({ nullable: true, type: Number }) commission_bps: number | null;
}

export class WalletTransactionDto {
  @ApiProperty({ format: 'uuid' }) entry_id: string;
  @ApiProperty({ description: 'order.paid, wallet.top-up, refund.completed…' }) kind: string;
  @ApiProperty({ description: 'The order, top-up or refund id' }) reference: string;
  @ApiProperty({ description: 'Signed: positive credits the wallet' }) amount_minor: number;
  @ApiProperty({ format: 'date-time' }) occurred_at: string;
}

export class WalletBalanceDto {
  @ApiProperty() currency: string;
  @ApiProperty() balance_minor: number;
}

export class WalletTransactionPageDto {
  @ApiProperty({ type: [WalletTransactionDto] }) data: WalletTransactionDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

export class WalletDto {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty() currency: string;
  @ApiProperty() balance_minor: number;
  @ApiProperty({ type: [WalletBalanceDto] }) balances: WalletBalanceDto[];
  @ApiProperty({ type: WalletTransactionPageDto }) transactions: WalletTransactionPageDto;

  static from(view: WalletView): WalletDto {
    return {
      user_id: view.userId,
      currency: view.currency,
      balance_minor: view.balanceMinor,
      balances: view.balances.map((b) => ({ currency: b.currency, balance_minor: b.balanceMinor })),
      transactions: {
        data: view.transactions.data.map((t) => ({
          entry_id: t.entryId,
          kind: t.kind,
          reference: t.reference,
          amount_minor: t.amountMinor,
          occurred_at: t.occurredAt.toISOString(),
        })),
        meta: view.transactions.meta,
      },
    };
  }
}

export class TopUpDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() amount_minor: number;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: ['requires_payment', 'succeeded', 'failed', 'cancelled'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) provider_ref: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'For Stripe.js, while unpaid' }) client_secret: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;

  static from(t: TopUp): TopUpDto {
    return {
      id: t.id,
      amount_minor: t.amountMinor,
      currency: t.currency,
      status: t.status,
      provider_ref: t.providerRef,
      client_secret: t.status === 'requires_payment' ? t.clientSecret : null,
      created_at: t.createdAt.toISOString(),
    };
  }
}

export class LedgerDifferenceDto {
  @ApiProperty({ format: 'uuid' }) account_id: string;
  @ApiProperty() balance_minor: number;
  @ApiProperty() posted_minor: number;
}

export class ReconciliationDto {
  @ApiProperty() balanced: boolean;
  @ApiProperty({ type: [LedgerDifferenceDto] }) differences: LedgerDifferenceDto[];
}

@ApiTags('commerce')
@Controller('wallets/me')
export class WalletsController {
  constructor(
    private readonly wallets: WalletQueries,
    private readonly topUp: TopUpWalletUseCase,
    private readonly idempotency: IdempotentRequests,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'wallets_me', summary: 'The caller’s wallet: balances per currency and the transactions of one currency, newest first' })
  @ApiOkResponse({ type: WalletDto })
  async me(@Ctx() ctx: RequestContext, @Query() query: WalletQueryDto): Promise<WalletDto> {
    return WalletDto.from(await this.wallets.mine(ctx, query.currency, query.toPageRequest()));
  }

  @Post('top-ups')
  @ApiOperation({ operationId: 'wallets_top_up', summary: 'Add money to the wallet by card: a Stripe PaymentIntent; the wallet is credited when it succeeds' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: TopUpDto })
  @ApiProblemResponse(409, IN_PROGRESS_409)
  @ApiProblemResponse(422, IDEMPOTENCY_422)
  @ApiProblemResponse(503, PROVIDER_503)
  async createTopUp(@Ctx() ctx: RequestContext, @Body() body: TopUpRequestDto, @IdempotencyKey() key?: string): Promise<TopUpDto> {
    const result = await this.idempotency.run(ctx, { key, operation: 'wallets.top-up', request: body, status: 201 }, async (recoveryId) =>
      TopUpDto.from(await this.topUp.execute(ctx, { amountMinor: body.amount_minor, currency: body.currency, recoveryId })),
    );
    return result.body;
  }
}

@ApiTags('commerce')
@Controller('commerce')
@Roles(PLATFORM_ADMIN)
export class CommerceAdminController {
  constructor(
    private readonly reconcile: ReconcileLedgerUseCase,
    private readonly commission: SetSellerCommissionUseCase,
  ) {}

  @Get('reconciliation')
  @ApiOperation({ operationId: 'commerce_reconciliation', summary: 'Platform admin: ledger accounts whose balance differs from the sum of their postings' })
  @ApiOkResponse({ type: ReconciliationDto })
  async reconciliation(@Ctx() ctx: RequestContext): Promise<ReconciliationDto> {
    const differences = await this.reconcile.execute(ctx);
    return {
      balanced: differences.length === 0,
      differences: differences.map((d) => ({ account_id: d.accountId, balance_minor: d.balanceMinor, posted_minor: d.postedMinor })),
    };
  }

  @Put('sellers/:orgId/commission')
  @ApiOperation({
    operationId: 'commerce_set_commission',
    summary: 'Platform admin: an organization’s commission on its sales (basis points), for orders placed from now on',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: SellerCommissionDto })
  async setCommission(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Body() body: CommissionDto): Promise<SellerCommissionDto> {
    const saved = await this.commission.execute(ctx, { orgId, commissionBps: body.commission_bps });
    return { org_id: saved.orgId, commission_bps: saved.commissionBps };
  }
}
