import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { NotificationSender } from '../../../../platform/notifications/notification-sender';
import type { CustomerMessages } from '../../application/ports';
import type { Booking, BookingStatus } from '../../domain/booking';

const WHAT: Record<BookingStatus, string> = {
  pending: 'is received and waits for the shop’s confirmation',
  confirmed: 'is confirmed',
  in_progress: 'is in progress: work on your vehicle has started',
  completed: 'is completed: your vehicle is ready',
  cancelled: 'is cancelled',
};

/** The customer hears of each status by e-mail when the booking has an address, else by SMS (both through the outbox). */
@Injectable()
export class NotificationCustomerMessages implements CustomerMessages {
  constructor(private readonly sender: NotificationSender) {}

  async statusChanged(ctx: RequestContext, booking: Booking, shopName: string, dedupeKey: string): Promise<void> {
    const s = booking.snapshot();
    const when = s.startsAt.toISOString().replace('T', ' ').slice(0, 16);
    const reason = s.status === 'cancelled' && s.cancelReason ? ` Reason: ${s.cancelReason}.` : '';
    const text = `Your booking at ${shopName} for ${when} UTC ${WHAT[s.status]}.${reason} Reference: ${s.id}.`;
    if (s.customerEmail) {
      await this.sender.sendMail(ctx, { to: s.customerEmail, subject: `Your booking at ${shopName}`, text }, dedupeKey);
    } else {
      await this.sender.sendSms(ctx, { to: s.customerPhone, text }, dedupeKey);
    }
  }
}
