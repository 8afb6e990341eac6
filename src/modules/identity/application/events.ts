import type { SecurityEventType } from '../domain';

/**
 * Published in the same statement as every security_events row (see
 * infrastructure/persistence/typeorm-security-event.recorder.ts). The
 * organizations context copies it into its audit log.
 */
export const SECURITY_EVENT_RECORDED = 'identity.security-event.recorded';

/** Payload of `identity.security-event.recorded` (version 1). The event's `occurredAt` is the row's `created_at`. */
export interface SecurityEventRecordedPayload {
  securityEventId: string;
  type: SecurityEventType;
  userId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  metadata: Record<string, unknown>;
}
