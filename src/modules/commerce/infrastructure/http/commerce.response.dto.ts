import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import { ORDER_LINE_KINDS, ORDER_STATUSES, OrderLine, OrderLineKind, OrderStatus } from '../../domain';
import type { Payment } from '../../application/ports';
import type { CheckoutView, OrderView } from '../../application/views';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export class PaymentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) order_id: string;
  @ApiProperty() attempt: number;
  @ApiProperty({ enum: ['card', 'wallet', 'cash', 'razorpay', 'free'] }) method: string;
  @ApiProperty({ enum: ['requires_payment', 'processing', 'succeeded', 'failed', 'cancelled', 'returning', 'returned'] }) status: string;
  @ApiProperty({ description: 'Minor units (cents)' }) amount_minor: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ nullable: true, type: String, description: 'Stripe PaymentIntent id (card), Razorpay order id (razorpay)' }) provider_ref: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Razorpay: the payment (pay_…) that paid, which refunds target' })
  provider_payment_id: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'A payment that arrived after the order stopped waiting for it (`returning`, then `returned`): the provider’s refund id',
  })
  return_ref: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'For Stripe.js confirmCardPayment (card, while unpaid)' }) client_secret: string | null;
  @ApiProperty({ nullable: true, type: String }) failure_reason: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(p: Payment): PaymentDto {
    return {
      id: p.id,
      order_id: p.orderId,
      attempt: p.attempt,
      method: p.method,
      status: p.status,
      amount_minor: p.amountMinor,
      currency: p.currency,
      provider_ref: p.providerRef,
      provider_payment_id: p.providerPaymentId ?? null,
      return_ref: p.returnRef ?? null,
      client_secret: p.status === 'requires_payment' || p.status === 'processing' ? p.clientSecret : null,
      failure_reason: p.failureReason,
      created_at: p.createdAt.toISOString(),
      updated_at: p.updatedAt.toISOString(),
    };
  }
}

export class OrderLineDto {
  @ApiProperty({ format: 'uuid', description: 'The listing, or for a `booking` line the booking' }) listing_id: string;
  @ApiProperty({ enum: ORDER_LINE_KINDS }) kind: OrderLineKind;
  @ApiProperty() title: string;
  @ApiProperty() unit_price_minor: number;
  @ApiProperty() quantity: number;
  @ApiProperty() subtotal_minor: number;
  @ApiProperty() discount_minor: number;

  static from(line: OrderLine): OrderLineDto {
    return {
      listing_id: line.listingId,
      kind: line.kind,
      title: line.title,
      unit_price_minor: line.unitPriceMinor,
      quantity: line.quantity,
      subtotal_minor: line.subtotalMinor,
      discount_minor: line.discountMinor,
    };
  }
}

export class OrderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) checkout_id: string;
  @ApiProperty({ format: 'uuid' }) seller_org_id: string;
  @ApiProperty({ format: 'uuid' }) buyer_user_id: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty() currency: string;
  @ApiProperty({ type: [OrderLineDto] }) lines: OrderLineDto[];
  @ApiProperty() subtotal_minor: number;
  @ApiProperty() discount_minor: number;
  @ApiProperty() total_minor: number;
  @ApiProperty() refunded_minor: number;
  @ApiProperty({ nullable: true, type: String }) discount_code: string | null;
  @ApiProperty({ type: [PaymentDto], description: 'Attempts, oldest first (empty in lists)' }) payments: PaymentDto[];
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
  @ApiProperty({ format: 'date-time', description: 'Cancelled if still unpaid then' }) expires_at: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paid_at: string | null;

  static from(o: OrderView): OrderDto {
    return {
      id: o.id,
      checkout_id: o.checkoutId,
      seller_org_id: o.sellerOrgId,
      buyer_user_id: o.buyerUserId,
      status: o.status,
      currency: o.currency,
      lines: o.lines.map(OrderLineDto.from),
      subtotal_minor: o.subtotalMinor,
      discount_minor: o.discountMinor,
      total_minor: o.totalMinor,
      refunded_minor: o.refundedMinor,
      discount_code: o.discountCode,
      payments: o.payments.map(PaymentDto.from),
      created_at: o.createdAt.toISOString(),
      updated_at: o.updatedAt.toISOString(),
      expires_at: o.expiresAt.toISOString(),
      paid_at: iso(o.paidAt),
    };
  }
}

export class CheckoutDto {
  @ApiProperty({ format: 'uuid' }) checkout_id: string;
  @ApiProperty({ type: [OrderDto], description: 'One order per seller' }) orders: OrderDto[];

  static from(view: CheckoutView): CheckoutDto {
    return { checkout_id: view.checkoutId, orders: view.orders.map(OrderDto.from) };
  }
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] }) data: OrderDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<OrderView>): OrderPageDto {
    return { data: page.data.map(OrderDto.from), meta: page.meta };
  }
}

export class WebhookReceivedDto {
  @ApiProperty() received: boolean;
  @ApiProperty({ description: 'The event id was seen before' }) duplicate: boolean;
}
