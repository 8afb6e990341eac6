import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../platform/kernel';
import { COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork, SalesByDay } from './ports';
import { BookingPaymentProvider, BookingPaymentRequest, BookingPayments, BookingPaymentView, BookingRefundView } from './use-cases/booking-payments.use-cases';

export type { BookingPaymentProvider, BookingPaymentRequest, BookingPaymentView, BookingRefundView };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who an order involves: its buyer and the selling organization. */
export interface OrderParties {
  orderId: string;
  buyerUserId: string;
  sellerOrgId: string;
  status: string;
}

/** The commerce context's front door for other contexts (messaging). */
@Injectable()
export class CommerceApi {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    private readonly bookingPayments: BookingPayments,
  ) {}

  /** The order's buyer and seller, whatever its status; undefined when there is no such order. The caller decides who may know. */
  async orderParties(_ctx: RequestContext, orderId: string): Promise<OrderParties | undefined> {
    if (!UUID.test(orderId)) return undefined;
    const stored = await this.uow.repos.orders.findById(orderId.toLowerCase());
    if (!stored) return undefined;
    const { order } = stored;
    return { orderId: order.id, buyerUserId: order.buyerUserId, sellerOrgId: order.sellerOrgId, status: order.status };
  }

  /** Orders paid per UTC day and currency since `since`, every organization (the operators' dashboard; gross, before refunds). */
  paidOrdersByDay(_ctx: RequestContext, since: Date): Promise<Array<{ day: string; currency: string; count: number; amountMinor: number }>> {
    return this.uow.repos.orders.paidByDay(since);
  }

  /** The online providers repair-shop bookings can be paid with on this server (Stripe, Razorpay: those configured). */
  bookingPaymentProviders(): BookingPaymentProvider[] {
    return this.bookingPayments.providers();
  }

  /**
   * Creates (once per booking) the shop's order for a booking, with one `booking` line at the
   * booking's own price, and starts or resumes its payment as the signed-in customer. Call it
   * after the booking committed; `commerce.order.paid` follows when the money arrives.
   */
  startBookingPayment(ctx: RequestContext, request: BookingPaymentRequest): Promise<BookingPaymentView> {
    return this.bookingPayments.start(ctx, request);
  }

  /** Cancels the booking's unpaid order: 'paid' when the money arrived meanwhile, 'none' without an order. */
  cancelBookingPayment(ctx: RequestContext, bookingId: string): Promise<'cancelled' | 'paid' | 'none'> {
    return this.bookingPayments.cancel(ctx, bookingId);
  }

  /** Refunds the booking's payment (what is left of it) through the original provider, once; undefined when nothing was paid. */
  refundBookingPayment(ctx: RequestContext, input: { bookingId: string; reason: string }): Promise<BookingRefundView | undefined> {
    return this.bookingPayments.refund(ctx, input);
  }

  /**
   * The selling organization's orders paid and refunds completed before
   * `until`, per UTC day and currency (the analytics backfill). Authorization is the caller's.
   */
  salesByDay(_ctx: RequestContext, orgId: string, until: Date): Promise<SalesByDay> {
    return this.uow.repos.orders.salesByDay(orgId, until);
  }
}
