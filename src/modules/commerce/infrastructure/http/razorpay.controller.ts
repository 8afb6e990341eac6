import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, IsUUID, Matches } from 'class-validator';
import { Public } from '../../../../platform/auth/public.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Body } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { IdempotentRequests } from '../../application/idempotency';
import { RazorpayCheckout } from '../../application/use-cases/razorpay.use-cases';
import { CreateRazorpayOrderUseCase, ReceiveRazorpayWebhookUseCase, VerifyRazorpayPaymentUseCase } from '../../application/use-cases/razorpay.use-cases';
import { OrderDto, PaymentDto, WebhookReceivedDto } from './commerce.response.dto';
import { ApiIdempotencyKey, IDEMPOTENCY_422, IdempotencyKey, IN_PROGRESS_409, PROVIDER_503, RawBody, SignatureHeader } from './http-support';

const DISABLED_404 = 'Razorpay is not configured on this server (COMMERCE.RAZORPAY_DISABLED)';
/** Razorpay ids (`order_…`, `pay_…`) and hex signatures. */
const TOKEN = /^[A-Za-z0-9_]{1,100}$/;

export class CreateRazorpayOrderDto {
  @ApiProperty({ format: 'uuid', description: 'Our order, awaiting payment' })
  @IsUUID()
  order_id: string;
}

export class VerifyRazorpayPaymentDto {
  @ApiProperty({ pattern: TOKEN.source })
  @IsString()
  @Matches(TOKEN)
  razorpay_order_id: string;

  @ApiProperty({ pattern: TOKEN.source })
  @IsString()
  @Matches(TOKEN)
  razorpay_payment_id: string;

  @ApiProperty({ pattern: TOKEN.source })
  @IsString()
  @Matches(TOKEN)
  razorpay_signature: string;
}

export class CommerceRazorpayOrderDto {
  @ApiProperty({ description: 'Pass to Razorpay Checkout as order_id' }) razorpay_order_id: string;
  @ApiProperty({ description: 'Pass to Razorpay Checkout as key' }) key_id: string;
  @ApiProperty({ description: 'Minor units (paise for INR)' }) amount_minor: number;
  @ApiProperty() currency: string;
  @ApiProperty({ type: PaymentDto }) payment: PaymentDto;

  static from(c: RazorpayCheckout): CommerceRazorpayOrderDto {
    return {
      razorpay_order_id: c.razorpayOrderId,
      key_id: c.keyId,
      amount_minor: c.payment.amountMinor,
      currency: c.payment.currency,
      payment: PaymentDto.from(c.payment),
    };
  }
}

@ApiTags('commerce')
@Controller('payments/razorpay')
export class RazorpayPaymentsController {
  constructor(
    private readonly createOrder: CreateRazorpayOrderUseCase,
    private readonly verifyPayment: VerifyRazorpayPaymentUseCase,
    private readonly idempotency: IdempotentRequests,
  ) {}

  @Post('create-order')
  @ApiOperation({
    operationId: 'payments_razorpay_create_order',
    summary: 'The buyer pays an order awaiting payment with Razorpay: a Razorpay order for the amount from our data (the open card attempt is cancelled)',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CommerceRazorpayOrderDto })
  @ApiProblemResponse(400, 'Invalid body (HTTP.VALIDATION_FAILED, COMMERCE.IDEMPOTENCY_KEY_INVALID)')
  @ApiProblemResponse(404, 'No such order of the caller (COMMERCE.ORDER_NOT_FOUND)')
  @ApiProblemResponse(409, `The order is not awaiting payment (COMMERCE.INVALID_TRANSITION); ${IN_PROGRESS_409}`)
  @ApiProblemResponse(422, `The order costs nothing (COMMERCE.INVALID_MONEY); ${IDEMPOTENCY_422}`)
  @ApiProblemResponse(404, DISABLED_404)
  @ApiProblemResponse(503, PROVIDER_503)
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateRazorpayOrderDto, @IdempotencyKey() key?: string): Promise<CommerceRazorpayOrderDto> {
    const result = await this.idempotency.run(ctx, { key, operation: 'payments.razorpay.create-order', request: body, status: 201 }, async (recoveryId) =>
      CommerceRazorpayOrderDto.from(await this.createOrder.execute(ctx, { orderId: body.order_id, recoveryId })),
    );
    return result.body;
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'payments_razorpay_verify',
    summary: 'The buyer hands back Razorpay Checkout’s result; a valid signature (HMAC of order_id|payment_id) pays the order, once',
  })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblemResponse(400, 'Invalid body or signature (HTTP.VALIDATION_FAILED, COMMERCE.PAYMENT_SIGNATURE_INVALID)')
  @ApiProblemResponse(404, 'No Razorpay payment of the caller with this order id (COMMERCE.PAYMENT_NOT_FOUND)')
  @ApiProblemResponse(404, DISABLED_404)
  async verify(@Ctx() ctx: RequestContext, @Body() body: VerifyRazorpayPaymentDto): Promise<OrderDto> {
    return OrderDto.from(
      await this.verifyPayment.execute(ctx, {
        razorpayOrderId: body.razorpay_order_id,
        razorpayPaymentId: body.razorpay_payment_id,
        signature: body.razorpay_signature,
      }),
    );
  }
}

@ApiTags('commerce')
@Controller('webhooks')
export class RazorpayWebhookController {
  constructor(private readonly receive: ReceiveRazorpayWebhookUseCase) {}

  @Post('razorpay')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'webhooks_razorpay',
    summary: 'Razorpay’s webhook endpoint (X-Razorpay-Signature over the raw body with the webhook secret); each event id is applied once',
  })
  @ApiOkResponse({ type: WebhookReceivedDto })
  @ApiProblemResponse(400, 'Missing or invalid signature, or not a Razorpay event (COMMERCE.WEBHOOK_SIGNATURE_INVALID, COMMERCE.VALIDATION_FAILED)')
  @ApiProblemResponse(404, 'Razorpay webhooks are not configured on this server (COMMERCE.RAZORPAY_DISABLED)')
  async razorpay(
    @Ctx() ctx: RequestContext,
    @RawBody() rawBody: Buffer | undefined,
    @SignatureHeader('x-razorpay-signature') signature?: string,
    @SignatureHeader('x-razorpay-event-id') eventId?: string,
  ): Promise<WebhookReceivedDto> {
    const { duplicate } = await this.receive.execute(ctx, { rawBody: rawBody ?? Buffer.alloc(0), signature, eventId });
    return { received: true, duplicate };
  }
}
