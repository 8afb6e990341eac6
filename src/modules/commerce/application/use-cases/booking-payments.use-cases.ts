import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DomainError, type RequestContext } from '../../../../platform/kernel';
import { COMMERCE_ERRORS, CommerceErrors, DEFAULT_PLATFORM_COMMISSION_BPS, Order, OrderStatus } from '../../domain';
import { requireUserId } from '../access';
import { publishStatusChanges } from '../events';
import { providerKey } from '../idempotency';
import {
  CARD_GATEWAY,
  CardGateway,
  COMMERCE_SETTINGS,
  COMMERCE_UNIT_OF_WORK,
  CommerceSettings,
  CommerceUnitOfWork,
  Payment,
  Refund,
  StoredOrder,
} from '../ports';
import { RAZORPAY_GATEWAY, RazorpayGateway } from '../razorpay-ports';
import { OrderCancellation } from '../services/order-cancellation';
import { PaymentFlow } from '../services/payment-flow';
import { RefundSettlement } from '../services/refund-settlement';
import { CreateRazorpayOrderUseCase } from './razorpay.use-cases';

export type BookingPaymentProvider = 'stripe' | 'razorpay';

/** What the bookings context asks to be paid: one booking, priced by its own server-side quote. */
export interface BookingPaymentRequest {
  bookingId: string;
  shopOrgId: string;
  title: string;
  amountMinor: number;
  currency: string;
  provider: BookingPaymentProvider;
  /** The end of the booking's hold: the order is cancelled when it is still unpaid then. */
  payBy: Date;
}

/** What the customer's client needs to pay (Stripe's client secret, or Razorpay's order id and key id). */
export interface BookingPaymentView {
  orderId: string;
  orderStatus: OrderStatus;
  provider: BookingPaymentProvider;
  paymentId: string | null;
  amountMinor: number;
  currency: string;
  stripeClientSecret: string | null;
  razorpayOrderId: string | null;
  razorpayKeyId: string | null;
}

export interface BookingRefundView {
  refundId: string;
  amountMinor: number;
  currency: string;
  status: Refund['status'];
}

/** A UUID derived from a name, so a retried refund of one booking finds the refund row it made. */
function derivedUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Online payment of repair-shop bookings (the bookings context calls these
 * through CommerceApi). A booking becomes an order of the shop with one
 * `booking` line, created once per booking (its id is the order's checkout
 * id), paid by Stripe or Razorpay like any order: the sale is posted with the
 * shop's split and `commerce.order.paid` goes out. Refunds go back through the
 * provider that took the money, once per booking.
 */
@Injectable()
export class BookingPayments {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(COMMERCE_SETTINGS) private readonly settings: CommerceSettings,
    @Inject(CARD_GATEWAY) private readonly card: CardGateway,
    @Inject(RAZORPAY_GATEWAY) private readonly razorpay: RazorpayGateway,
    private readonly payments: PaymentFlow,
    private readonly razorpayOrders: CreateRazorpayOrderUseCase,
    private readonly cancellation: OrderCancellation,
    private readonly settlement: RefundSettlement,
  ) {}

  /** The providers this server can take booking payments with. */
  providers(): BookingPaymentProvider[] {
    return [...(this.card.enabled ? (['stripe'] as const) : []), ...(this.razorpay.enabled ? (['razorpay'] as const) : [])];
  }

  /** Creates (once) the booking's order and starts (or resumes) its payment; a paid order is only shown. */
  async start(ctx: RequestContext, request: BookingPaymentRequest): Promise<BookingPaymentView> {
    const buyerUserId = requireUserId(ctx);
    if (!this.providers().includes(request.provider)) throw CommerceErrors.paymentMethodUnavailable(request.provider);
    const stored = (await this.orderOf(request.bookingId)) ?? (await this.createOrder(ctx, buyerUserId, request));
    const { order } = stored;
    if (order.buyerUserId !== buyerUserId || order.sellerOrgId !== request.shopOrgId) throw CommerceErrors.orderNotFound();
    if (!order.isOpen) return this.view(order, request.provider, await this.uow.repos.payments.latestForOrder(order.id));
    if (request.provider === 'stripe') {
      const payment = await this.payments.begin(ctx, order.id, 'card', request.bookingId);
      return this.view((await this.orderOf(request.bookingId))!.order, 'stripe', payment);
    }
    const checkout = await this.razorpayOrders.execute(ctx, { orderId: order.id, recoveryId: request.bookingId });
    return this.view((await this.orderOf(request.bookingId))!.order, 'razorpay', checkout.payment);
  }

  /**
   * Cancels the booking's unpaid order (its card intent first). 'paid' when the
   * money arrived meanwhile (the order is then settled and commerce.order.paid
   * follows), 'none' when the booking has no order.
   */
  async cancel(ctx: RequestContext, bookingId: string): Promise<'cancelled' | 'paid' | 'none'> {
    const stored = await this.orderOf(bookingId);
    if (!stored) return 'none';
    if (stored.order.isOpen) {
      try {
        await this.cancellation.cancel(ctx, stored.order.id);
      } catch (error) {
        if (!(error instanceof DomainError && error.code === COMMERCE_ERRORS.invalidTransition)) throw error;
      }
    }
    const after = await this.orderOf(bookingId);
    return after?.order.status === 'cancelled' ? 'cancelled' : 'paid';
  }

  /**
   * Refunds what is left of the booking's payment through the provider that
   * took it, reverses the sale's split in the ledger, and publishes
   * commerce.order.refunded. Once per booking: a repeat returns the same
   * refund. Undefined when nothing was paid.
   */
  async refund(ctx: RequestContext, input: { bookingId: string; reason: string }): Promise<BookingRefundView | undefined> {
    const stored = await this.orderOf(input.bookingId);
    if (!stored) return undefined;
    const refundId = derivedUuid(`booking-refund:${input.bookingId}`);
    let refund = await this.uow.repos.refunds.findById(refundId);
    if (refund?.status === 'completed') return refundView(refund);
    const paid = (await this.uow.repos.payments.listForOrder(stored.order.id)).find((payment) => payment.status === 'succeeded');
    if (!paid) return undefined;
    refund ??= await this.approvedRefund(ctx, stored.order.id, refundId, input.reason);
    if (!refund) return undefined;
    const completed = await this.settlement.record(ctx, refundId, paid, await this.settlement.payBack(refund, paid));
    return refundView(completed);
  }

  private async orderOf(bookingId: string): Promise<StoredOrder | undefined> {
    return (await this.uow.repos.orders.findByCheckout(bookingId))[0];
  }

  private async createOrder(ctx: RequestContext, buyerUserId: string, request: BookingPaymentRequest): Promise<StoredOrder> {
    const seller = await this.uow.repos.sellers.find(request.shopOrgId);
    const commissionBps = seller?.commissionBps ?? this.settings.defaultCommissionBps ?? DEFAULT_PLATFORM_COMMISSION_BPS;
    const now = new Date();
    const order = Order.create({
      id: randomUUID(),
      sellerOrgId: request.shopOrgId,
      buyerUserId,
      currency: request.currency,
      lines: [{ listingId: request.bookingId, kind: 'booking', title: request.title, unitPriceMinor: request.amountMinor, quantity: 1 }],
      discountMinor: 0,
      discountCode: null,
      checkoutId: request.bookingId,
      now,
      expiresAt: request.payBy,
    });
    try {
      await this.uow.run(async (repos, events) => {
        await repos.orders.insert(order, commissionBps);
        publishStatusChanges(ctx, events, order);
      });
      return { order, commissionBps };
    } catch (error) {
      // Two requests for one booking: the checkout id is unique, the other one's order is the order.
      const other = await this.orderOf(request.bookingId);
      if (other) return other;
      throw error;
    }
  }

  private approvedRefund(ctx: RequestContext, orderId: string, refundId: string, reason: string): Promise<Refund | undefined> {
    return this.uow.run(async (repos) => {
      const existing = await repos.refunds.lock(refundId);
      if (existing) return existing;
      const locked = await repos.orders.lock(orderId);
      if (!locked) throw CommerceErrors.orderNotFound();
      const { order } = locked;
      const amount = order.refundableMinor - (await repos.refunds.openAmount(order.id));
      if (amount <= 0) return undefined;
      const now = new Date();
      const refund: Refund = {
        id: refundId,
        orgId: order.sellerOrgId,
        orderId: order.id,
        buyerUserId: order.buyerUserId,
        amountMinor: amount,
        currency: order.currency,
        reason,
        status: 'approved',
        providerRef: null,
        providerKey: providerKey(refundId, 'refund'),
        requestedBy: ctx.userId ?? null,
        approvedBy: null,
        createdAt: now,
        updatedAt: now,
      };
      await repos.refunds.insert(refund);
      return refund;
    });
  }

  private view(order: Order, provider: BookingPaymentProvider, payment: Payment | undefined): BookingPaymentView {
    const open = payment && payment.status !== 'succeeded' && order.isOpen;
    return {
      orderId: order.id,
      orderStatus: order.status,
      provider,
      paymentId: payment?.id ?? null,
      amountMinor: order.totalMinor,
      currency: order.currency,
      stripeClientSecret: open && payment.method === 'card' ? payment.clientSecret : null,
      razorpayOrderId: open && payment.method === 'razorpay' ? payment.providerRef : null,
      razorpayKeyId: open && payment.method === 'razorpay' ? this.razorpay.keyId : null,
    };
  }
}

function refundView(refund: Refund): BookingRefundView {
  return { refundId: refund.id, amountMinor: refund.amountMinor, currency: refund.currency, status: refund.status };
}
