import { Injectable } from '@nestjs/common';
import { IntegrationEvent, OnEvent } from '../../../../platform/events';
import { SECURITY_EVENT_RECORDED, SecurityEventRecordedPayload } from '../../../identity';
import { ImportSecurityEventUseCase } from '../../application/use-cases/import-security-event.use-case';

/** Identity's events this context follows: each security event becomes an `identity.<type>` row of the audit log. */
@Injectable()
export class IdentityEventsHandler {
  constructor(private readonly importSecurityEvent: ImportSecurityEventUseCase) {}

  @OnEvent(SECURITY_EVENT_RECORDED, { name: 'organizations.audit-security-event' })
  async securityEventRecorded(event: IntegrationEvent<SecurityEventRecordedPayload>): Promise<void> {
    const p = event.payload;
    await this.importSecurityEvent.execute(event.ctx, {
      id: p.securityEventId,
      type: p.type,
      userId: p.userId,
      ip: p.ip,
      userAgent: p.userAgent,
      requestId: p.requestId,
      metadata: p.metadata,
      createdAt: new Date(event.occurredAt),
    });
  }
}
