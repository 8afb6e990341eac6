import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AcceptsApiKey } from '../../../../platform/auth/api-key.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Roles } from '../../../../platform/auth/roles.decorator';
import { ApiOrganizationHeader } from '../../../../platform/auth/tenant.decorator';
import { Body, UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { ORG_STAFF } from '../../../organizations';
import { IdempotentRequests } from '../../application/idempotency';
import { RecordCashPaymentUseCase } from '../../application/use-cases/cash-payment.use-case';
import { OrderDto } from './commerce.response.dto';
import { ApiIdempotencyKey, IDEMPOTENCY_422, IdempotencyKey, IN_PROGRESS_409, PROVIDER_503 } from './http-support';

export class CommerceCashPaymentDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'For the audit log: receipt number, who paid…' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

@ApiTags('commerce')
@Controller('orders')
export class CashPaymentsController {
  constructor(
    private readonly recordCash: RecordCashPaymentUseCase,
    private readonly idempotency: IdempotentRequests,
  ) {}

  @Post(':id/cash-payment')
  @HttpCode(200)
  @Roles(ORG_STAFF)
  @AcceptsApiKey()
  @ApiOrganizationHeader()
  @ApiOperation({
    operationId: 'orders_record_cash_payment',
    summary:
      'The seller’s staff received the order’s total in cash (X-Organization-Id: the seller): the order is paid, the platform’s commission is booked as owed by the seller, and the act is audited',
  })
  @ApiIdempotencyKey()
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblemResponse(400, 'Invalid body (HTTP.VALIDATION_FAILED, COMMERCE.IDEMPOTENCY_KEY_INVALID)')
  @ApiProblemResponse(403, 'Only the seller’s staff (COMMERCE.FORBIDDEN, AUTH.FORBIDDEN)')
  @ApiProblemResponse(404, 'No such order, or not visible to the caller (COMMERCE.ORDER_NOT_FOUND)')
  @ApiProblemResponse(409, `The order is not awaiting payment (COMMERCE.INVALID_TRANSITION); ${IN_PROGRESS_409}`)
  @ApiProblemResponse(422, IDEMPOTENCY_422)
  @ApiProblemResponse(503, PROVIDER_503)
  async record(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: CommerceCashPaymentDto,
    @IdempotencyKey() key?: string,
  ): Promise<OrderDto> {
    const result = await this.idempotency.run(ctx, { key, operation: `orders.cash-payment:${id}`, request: body, status: 200 }, async (recoveryId) =>
      OrderDto.from(await this.recordCash.execute(ctx, { orderId: id, recoveryId, note: body.note })),
    );
    return result.body;
  }
}
