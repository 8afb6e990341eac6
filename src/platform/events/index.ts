/** What contexts use of the event path: @OnEvent to subscribe; the unit of work (platform/database) to publish. */
export { OnEvent } from './event-handler.decorator';
export type { EventHandlerOptions } from './event-handler.decorator';
export { EventOutbox, integrationEvent } from './event-outbox';
export { EventRelay, deliveryJobId } from './event-relay';
export type { IntegrationEvent, EventDraft, EventPublisher, UnitOfWork } from '../kernel/events';
