import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { NotificationSender } from '../../../../platform/notifications/notification-sender';
import type { CustomerMessages } from '../../application/ports';
import type { Booking, BookingStatus } from '../../domain/booking';

const WHAT: Record<BookingStatus, string> = {
  pending_payment: 'waits for your online payment, which holds the slot for you',
  pending: 'is received and waits for the shop’s confirmation',
  confirmed: 'is confirmed',
  in_progress: 'is in progress: work on your vehicle has started',
  completed: 'is completed: your vehicle is ready',
  cancelled: 'is cancelled',
  expired: 'has expired: the online payment was not made in time, and the slot is free again',
};

/** The customer hears of each status by e-mail when the booking has an address, else by SMS (both through the outbox). */
@Injectable()
export class NotificationCustomerMessages implements CustomerMessages {
  constructor(private readonly sender: NotificationSender) {}

  async statusChanged(ctx: RequestContext, booking: Booking, shopName: string, dedupeKey: string): Promise<void> {
    const s = booking.snapshot();
    const when = s.startsAt.toISOString().replace('T', ' ').slice(0, 16);
    const reason = (s.status === 'cancelled' || s.status === 'expired') && s.cancelReason ? ` Reason: ${s.cancelReason}.` : '';
    await this.send(ctx, booking, shopName, `Your booking at ${shopName} for ${when} UTC ${WHAT[s.status]}.${reason} Reference: ${s.id}.`, dedupeKey);
  }

  async refunded(ctx: RequestContext, booking: Booking, shopName: string, refund: { amountMinor: number; currency: string }, dedupeKey: string): Promise<void> {
    const s = booking.snapshot();
    const amount = `${(refund.amountMinor / 100).toFixed(2)} ${refund.currency}`;
    const text = `Your payment for the booking at ${shopName} is refunded: ${amount} (${refund.amountMinor} minor units) goes back the way you paid. Reference: ${s.id}.`;
    await this.send(ctx, booking, shopName, text, dedupeKey);
  }

  private async send(ctx: RequestContext, booking: Booking, shopName: string, text: string, dedupeKey: string): Promise<void> {
    const s = booking.snapshot();
    if (s.customerEmail) {
      await this.sender.sendMail(ctx, { to: s.customerEmail, subject: `Your booking at ${shopName}`, text }, dedupeKey);
    } else {
      await this.sender.sendSms(ctx, { to: s.customerPhone, text }, dedupeKey);
    }
  }
}
