import { Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import { AuditEvent, AuditFilter, OrganizationsApi } from '../../organizations';
import { requirePlatformAdmin } from './access';

/** The audit log in the console: every event, filtered by actor, organization, action (or its family) and time. */
@Injectable()
export class AdminAuditLog {
  constructor(private readonly organizations: OrganizationsApi) {}

  list(ctx: RequestContext, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    requirePlatformAdmin(ctx);
    return this.organizations.auditEvents(ctx, filter, page);
  }
}
