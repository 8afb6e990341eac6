import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AcceptsApiKey } from '../../../../platform/auth/api-key.decorator';
import { Public } from '../../../../platform/auth/public.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { ApiOrganizationHeader } from '../../../../platform/auth/tenant.decorator';
import { Body, UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { IdempotentRequests } from '../../application/idempotency';
import { OrderQueries } from '../../application/queries/order.queries';
import { RetryPaymentUseCase } from '../../application/use-cases/retry-payment.use-case';
import { ReceiveStripeWebhookUseCase } from '../../application/use-cases/stripe-webhook.use-case';
import { ReceiveConnectWebhookUseCase } from '../../application/use-cases/payouts.use-cases';
import { RetryPaymentDto } from './commerce.request.dto';
import { PaymentDto, WebhookReceivedDto } from './commerce.response.dto';
import { ApiIdempotencyKey, IDEMPOTENCY_422, IdempotencyKey, IN_PROGRESS_409, PROVIDER_503, RawBody, SignatureHeader } from './http-support';

const PAYMENT_404 = 'No such payment, or not the caller’s (COMMERCE.PAYMENT_NOT_FOUND)';

@ApiTags('commerce')
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly retryPayment: RetryPaymentUseCase,
    private readonly queries: OrderQueries,
    private readonly idempotency: IdempotentRequests,
  ) {}

  @Get(':id')
  @AcceptsApiKey()
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'payments_get', summary: 'A payment attempt: for the order’s buyer, its seller and platform admins' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: PaymentDto })
  @ApiProblemResponse(404, PAYMENT_404)
  async get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<PaymentDto> {
    return PaymentDto.from(await this.queries.payment(ctx, id));
  }

  @Post(':id/retry')
  @ApiOperation({
    operationId: 'payments_retry',
    summary: 'The buyer retries a failed or cancelled payment of an unpaid order: a new attempt (card: a new PaymentIntent and client_secret)',
  })
  @ApiIdempotencyKey()
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: PaymentDto })
  @ApiProblemResponse(404, PAYMENT_404)
  @ApiProblemResponse(409, `The payment is not failed, or the order is no longer open (COMMERCE.PAYMENT_NOT_RETRYABLE); ${IN_PROGRESS_409}`)
  @ApiProblemResponse(422, `The wallet balance is too low (COMMERCE.INSUFFICIENT_FUNDS); ${IDEMPOTENCY_422}`)
  @ApiProblemResponse(503, PROVIDER_503)
  async retry(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: RetryPaymentDto, @IdempotencyKey() key?: string): Promise<PaymentDto> {
    const result = await this.idempotency.run(ctx, { key, operation: `payments.retry:${id}`, request: body, status: 201 }, async (recoveryId) =>
      PaymentDto.from(await this.retryPayment.execute(ctx, { paymentId: id, method: body.payment_method ?? 'card', recoveryId })),
    );
    return result.body;
  }
}

@ApiTags('commerce')
@Controller('webhooks')
export class StripeWebhookController {
  constructor(
    private readonly receive: ReceiveStripeWebhookUseCase,
    private readonly receiveConnect: ReceiveConnectWebhookUseCase,
  ) {}

  @Post('stripe/connect')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'webhooks_stripe_connect',
    summary:
      'Stripe Connect’s webhook endpoint (account.updated; signed with STRIPE_CONNECT_WEBHOOK_SECRET over the raw body); each event id is processed once, in a job',
  })
  @ApiOkResponse({ type: WebhookReceivedDto })
  @ApiProblemResponse(400, 'Missing or invalid signature (COMMERCE.WEBHOOK_SIGNATURE_INVALID)')
  async stripeConnect(
    @Ctx() ctx: RequestContext,
    @RawBody() rawBody: Buffer | undefined,
    @SignatureHeader('stripe-signature') signature?: string,
  ): Promise<WebhookReceivedDto> {
    const { duplicate } = await this.receiveConnect.execute(ctx, { rawBody: rawBody ?? Buffer.alloc(0), signature });
    return { received: true, duplicate };
  }

  @Post('stripe')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'webhooks_stripe',
    summary: 'Stripe’s webhook endpoint (signed with Stripe-Signature over the raw body); each event id is processed once, in a job',
  })
  @ApiOkResponse({ type: WebhookReceivedDto })
  @ApiProblemResponse(400, 'Missing or invalid signature (COMMERCE.WEBHOOK_SIGNATURE_INVALID)')
  async stripe(
    @Ctx() ctx: RequestContext,
    @RawBody() rawBody: Buffer | undefined,
    @SignatureHeader('stripe-signature') signature?: string,
  ): Promise<WebhookReceivedDto> {
    const { duplicate } = await this.receive.execute(ctx, { rawBody: rawBody ?? Buffer.alloc(0), signature });
    return { received: true, duplicate };
  }
}
