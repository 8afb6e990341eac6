import type { NotificationType } from './notification-types';

/** What a stored notification says, rendered when it is read (a group's wording changes as actors join it). */
export interface NotificationFacts {
  type: NotificationType;
  actorCount: number;
  lastActorName: string | null;
  eventCount: number;
  data: Record<string, unknown>;
}

/** "Ana", "Ana and Ben", "Ana and 4 others". */
export function actorsPhrase(lastActorName: string | null, actorCount: number): string {
  const name = lastActorName ?? 'Someone';
  if (actorCount <= 1) return name;
  if (actorCount === 2) return `${name} and 1 other`;
  return `${name} and ${actorCount - 1} others`;
}

const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value.length > 0 ? value : fallback);

export function notificationTitle(facts: NotificationFacts): string {
  const who = actorsPhrase(facts.lastActorName, facts.actorCount);
  const d = facts.data;
  switch (facts.type) {
    case 'forum.new_reply':
      return `${who} replied to “${text(d.thread_title, 'a thread')}”`;
    case 'forum.new_thread':
      return facts.eventCount > 1
        ? `${facts.eventCount} new threads in ${text(d.category_name, 'a category')} you watch`
        : `${who} started “${text(d.thread_title, 'a thread')}” in ${text(d.category_name, 'a category')}`;
    case 'forum.reaction':
      return `${who} reacted to your post in “${text(d.thread_title, 'a thread')}”`;
    case 'comment.created':
      return `${who} commented on your ${text(d.target_label, 'item')}`;
    case 'comment.reply':
      return `${who} replied to your comment`;
    case 'marketplace.listing_verdict':
      return d.verdict === 'approved'
        ? 'Your listing was approved'
        : d.verdict === 'rejected'
          ? `Your listing was rejected${typeof d.reason === 'string' && d.reason ? `: ${d.reason}` : ''}`
          : 'Your listing is waiting for a human review';
    case 'marketplace.listing_published':
      return 'Your listing is published';
    case 'commerce.order_paid':
      return 'Your payment was received: your order is confirmed';
    case 'commerce.order_sold':
      return 'You have a new paid order';
    case 'commerce.order_status':
      return `Your order is now ${text(d.to, 'updated')}`;
    case 'commerce.payout_sent':
      return `A payout of ${formatMoney(d.amount_minor, d.currency)} was sent`;
    case 'bookings.booking_created':
      return 'A new booking was made';
    case 'bookings.booking_status':
      return `Your booking is now ${text(d.to, 'updated')}`;
    case 'messaging.message':
      return facts.eventCount > 1 ? `${facts.eventCount} new messages from ${who}` : `New message from ${who}`;
  }
}

/** Minor units as a decimal amount with its currency (display only; amounts stay integers everywhere else). */
export function formatMoney(amountMinor: unknown, currency: unknown): string {
  const code = typeof currency === 'string' ? currency.toUpperCase() : '';
  if (typeof amountMinor !== 'number' || !Number.isSafeInteger(amountMinor)) return code || 'money';
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} ${code}`.trim();
}
