import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { AcceptsApiKey } from '../../../../platform/auth/api-key.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { ApiOrganizationHeader } from '../../../../platform/auth/tenant.decorator';
import { Body, UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { IdempotentRequests } from '../../application/idempotency';
import type { Refund } from '../../application/ports';
import { ApproveRefundUseCase, CompleteRefundUseCase, RefundQueries, RequestRefundUseCase } from '../../application/use-cases/refunds.use-cases';
import { ApiIdempotencyKey, IDEMPOTENCY_422, IdempotencyKey, IN_PROGRESS_409, PROVIDER_503 } from './http-support';

export class RequestRefundDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  order_id: string;

  @ApiPropertyOptional({ minimum: 1, description: 'Minor units; default: everything still refundable' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amount_minor?: number;

  @ApiProperty({ minLength: 1, maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class RefundDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) order_id: string;
  @ApiProperty({ format: 'uuid' }) seller_org_id: string;
  @ApiProperty() amount_minor: number;
  @ApiProperty() currency: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['requested', 'approved', 'completed', 'rejected'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'The provider’s refund id: Stripe (card) or Razorpay' }) provider_ref: string | null;
  @ApiProperty({
    nullable: true,
    enum: ['card', 'wallet', 'cash', 'razorpay', 'free'],
    description: 'How it was paid back (the original payment’s method), once completed',
  })
  method: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(r: Refund): RefundDto {
    return {
      id: r.id,
      order_id: r.orderId,
      seller_org_id: r.orgId,
      amount_minor: r.amountMinor,
      currency: r.currency,
      reason: r.reason,
      status: r.status,
      provider_ref: r.providerRef,
      method: r.method ?? null,
      created_at: r.createdAt.toISOString(),
      updated_at: r.updatedAt.toISOString(),
    };
  }
}

const REFUND_404 = 'No such refund or order, or not the caller’s (COMMERCE.REFUND_NOT_FOUND, COMMERCE.ORDER_NOT_FOUND)';
const SELLER_403 = 'Only the seller or a platform admin may do this (COMMERCE.FORBIDDEN)';

@ApiTags('commerce')
@Controller('refunds')
@AcceptsApiKey()
@ApiOrganizationHeader()
export class RefundsController {
  constructor(
    private readonly request: RequestRefundUseCase,
    private readonly approve: ApproveRefundUseCase,
    private readonly complete: CompleteRefundUseCase,
    private readonly queries: RefundQueries,
    private readonly idempotency: IdempotentRequests,
  ) {}

  @Post()
  @ApiOperation({ operationId: 'refunds_request', summary: 'Ask for a full or partial refund of a paid order (its buyer, its seller or a platform admin)' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: RefundDto })
  @ApiProblemResponse(403, SELLER_403)
  @ApiProblemResponse(404, REFUND_404)
  @ApiProblemResponse(409, `The order cannot be refunded, or not by that much (COMMERCE.REFUND_INVALID); ${IN_PROGRESS_409}`)
  @ApiProblemResponse(422, IDEMPOTENCY_422)
  async create(@Ctx() ctx: RequestContext, @Body() body: RequestRefundDto, @IdempotencyKey() key?: string): Promise<RefundDto> {
    const result = await this.idempotency.run(ctx, { key, operation: 'refunds.request', request: body, status: 201 }, async (recoveryId) =>
      RefundDto.from(await this.request.execute(ctx, { orderId: body.order_id, amountMinor: body.amount_minor, reason: body.reason, recoveryId })),
    );
    return result.body;
  }

  @Get(':id')
  @ApiOperation({ operationId: 'refunds_get', summary: 'A refund (its order’s buyer, seller, platform admins)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RefundDto })
  @ApiProblemResponse(404, REFUND_404)
  async get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<RefundDto> {
    return RefundDto.from(await this.queries.get(ctx, id));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ operationId: 'refunds_approve', summary: 'The seller (X-Organization-Id) or a platform admin approves a refund' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RefundDto })
  @ApiProblemResponse(403, SELLER_403)
  @ApiProblemResponse(404, REFUND_404)
  async approveRefund(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<RefundDto> {
    return RefundDto.from(await this.approve.execute(ctx, { refundId: id }));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'refunds_complete',
    summary:
      'Pay an approved refund back through the original method (Stripe, Razorpay, wallet; cash: handed back by the seller’s staff, audited), reverse the ledger in proportion; a full refund revokes downloads',
  })
  @ApiIdempotencyKey()
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RefundDto })
  @ApiProblemResponse(403, `${SELLER_403}; a cash payment is paid back by the seller’s staff only`)
  @ApiProblemResponse(404, REFUND_404)
  @ApiProblemResponse(409, `Not approved yet, or Razorpay refused the refund (COMMERCE.REFUND_INVALID); ${IN_PROGRESS_409}`)
  @ApiProblemResponse(422, IDEMPOTENCY_422)
  @ApiProblemResponse(503, PROVIDER_503)
  async completeRefund(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @IdempotencyKey() key?: string): Promise<RefundDto> {
    const result = await this.idempotency.run(ctx, { key, operation: `refunds.complete:${id}`, request: {}, status: 200 }, async () =>
      RefundDto.from(await this.complete.execute(ctx, { refundId: id })),
    );
    return result.body;
  }
}
