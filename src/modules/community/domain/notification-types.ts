/**
 * What a person can be told, and how. Each type has default channels a person
 * may change (preferences), and says who in an organization hears of it when
 * the recipient is the organization itself.
 */
export const NOTIFICATION_TYPES = [
  'forum.new_reply',
  'forum.new_thread',
  'forum.reaction',
  'comment.created',
  'comment.reply',
  'marketplace.listing_verdict',
  'marketplace.listing_published',
  'commerce.order_paid',
  'commerce.order_sold',
  'commerce.order_status',
  'commerce.payout_sent',
  'bookings.booking_created',
  'bookings.booking_status',
  'messaging.message',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'live'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export interface ChannelPreference {
  inApp: boolean;
  email: boolean;
  live: boolean;
}

export const EMAIL_DELIVERIES = ['immediate', 'digest'] as const;
/** `immediate`: one e-mail per new notification; `digest`: one e-mail per digest period listing them. */
export type EmailDelivery = (typeof EMAIL_DELIVERIES)[number];
export const DEFAULT_EMAIL_DELIVERY: EmailDelivery = 'immediate';

type OrgRole = 'staff' | 'manager' | 'principal';

interface TypeSpec {
  defaults: ChannelPreference;
  /** When the event names an organization as recipient: its active members of at least this role. */
  orgAudience: OrgRole;
}

const ALL: ChannelPreference = { inApp: true, email: true, live: true };
const QUIET: ChannelPreference = { inApp: true, email: false, live: true };

export const NOTIFICATION_TYPE_SPECS: Record<NotificationType, TypeSpec> = {
  'forum.new_reply': { defaults: ALL, orgAudience: 'staff' },
  'forum.new_thread': { defaults: QUIET, orgAudience: 'staff' },
  'forum.reaction': { defaults: QUIET, orgAudience: 'staff' },
  'comment.created': { defaults: ALL, orgAudience: 'manager' },
  'comment.reply': { defaults: ALL, orgAudience: 'staff' },
  'marketplace.listing_verdict': { defaults: ALL, orgAudience: 'manager' },
  'marketplace.listing_published': { defaults: ALL, orgAudience: 'manager' },
  'commerce.order_paid': { defaults: ALL, orgAudience: 'manager' },
  'commerce.order_sold': { defaults: ALL, orgAudience: 'manager' },
  'commerce.order_status': { defaults: ALL, orgAudience: 'manager' },
  'commerce.payout_sent': { defaults: ALL, orgAudience: 'principal' },
  'bookings.booking_created': { defaults: ALL, orgAudience: 'staff' },
  'bookings.booking_status': { defaults: ALL, orgAudience: 'staff' },
  'messaging.message': { defaults: ALL, orgAudience: 'staff' },
};

export function isNotificationType(value: string): value is NotificationType {
  return (NOTIFICATION_TYPES as readonly string[]).includes(value);
}

export function defaultPreference(type: NotificationType): ChannelPreference {
  return { ...NOTIFICATION_TYPE_SPECS[type].defaults };
}
