/** The messaging context's public surface: nothing else is imported from outside. */
export { MessagingModule } from './messaging.module';
export { MessagingApi } from './application/messaging.api';
export { MESSAGE_SENT_EVENT } from './application/use-cases/send-message.use-case';
export type { MessageSentPayload } from './application/use-cases/send-message.use-case';
export { LIVE_EVENTS } from './application/live-events';
export type { LiveEventName, MessageWire } from './application/live-events';
export { MESSAGING_ERRORS } from './domain/messaging-errors';
export type { MessagingErrorCode } from './domain/messaging-errors';
