import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { AuditEvent, OrganizationsErrors } from '../../domain';
import { activeRole, isPlatformAdmin } from '../access';
import { AuditFilter, AuditScope, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';

/**
 * The audit log: this context's acts, recorded in the same transaction as the
 * act, plus identity's security events, which arrive through the event path
 * (ImportSecurityEventUseCase). Reading writes nothing.
 *
 * A principal (or a principal API key) acting in an organization reads its
 * events, and the security events of its active members since they joined,
 * without IP, user agent or details; a platform admin reads everything.
 */
@Injectable()
export class AuditQueries {
  constructor(@Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork) {}

  async list(ctx: RequestContext, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    const active = activeRole(ctx);
    let scope: AuditScope;
    if (active?.role === 'principal') scope = { kind: 'organization', orgId: active.orgId };
    else if (isPlatformAdmin(ctx)) scope = { kind: 'all' };
    else throw OrganizationsErrors.forbidden('Only principals and platform admins read the audit log.');
    if (scope.kind === 'organization') delete filter.orgId;
    const result = await this.uow.repos.audit.list(scope, filter, page);
    if (scope.kind === 'all') return result;
    const data = result.data.map((event) => (event.source === 'identity' ? { ...event, ip: null, userAgent: null, metadata: {} } : event));
    return { data, meta: result.meta };
  }
}
