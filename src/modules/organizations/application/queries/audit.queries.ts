import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { AuditEvent, OrganizationsErrors } from '../../domain';
import { activeRole, isPlatformAdmin } from '../access';
import { ACCOUNTS, Accounts, AuditFilter, AuditScope, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';

/** Identity events are copied in batches of this size. */
const IMPORT_BATCH = 500;
/**
 * Identity stamps an event before its transaction commits, so one may become
 * visible a little after a later-stamped one. Each copy re-reads this window
 * before the newest copied event; already-copied events are skipped by id.
 */
const IMPORT_OVERLAP_MS = 10_000;

/**
 * The audit log: this context's acts, recorded in the same transaction as the
 * act, plus identity's security events, copied through identity's facade
 * before each read (never read from identity's table here).
 *
 * A principal (or a principal API key) acting in an organization reads its
 * events, and the security events of its active members since they joined,
 * without IP, user agent or details; a platform admin reads everything.
 */
@Injectable()
export class AuditQueries {
  private readonly logger = new Logger('AuditLog');
  private importing?: Promise<void>;

  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    @Inject(ACCOUNTS) private readonly accounts: Accounts,
  ) {}

  async list(ctx: RequestContext, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    const active = activeRole(ctx);
    let scope: AuditScope;
    if (active?.role === 'principal') scope = { kind: 'organization', orgId: active.orgId };
    else if (isPlatformAdmin(ctx)) scope = { kind: 'all' };
    else throw OrganizationsErrors.forbidden('Only principals and platform admins read the audit log.');
    if (scope.kind === 'organization') delete filter.orgId;
    await this.importSecurityEvents();
    const result = await this.uow.repos.audit.list(scope, filter, page);
    if (scope.kind === 'all') return result;
    const data = result.data.map((event) => (event.source === 'identity' ? { ...event, ip: null, userAgent: null, metadata: {} } : event));
    return { data, meta: result.meta };
  }

  /** Copies identity's new security events; concurrent readers in this process share one copy. */
  importSecurityEvents(): Promise<void> {
    this.importing ??= this.copy().finally(() => (this.importing = undefined));
    return this.importing;
  }

  private async copy(): Promise<void> {
    const newest = await this.uow.repos.audit.lastImportedAt();
    let since = new Date((newest?.getTime() ?? 0) - (newest ? IMPORT_OVERLAP_MS : 0));
    for (;;) {
      const events = await this.accounts.securityEventsSince(since, IMPORT_BATCH);
      const added = await this.uow.repos.audit.importSecurityEvents(events);
      if (added) this.logger.debug({ msg: 'copied identity security events', count: added });
      if (events.length < IMPORT_BATCH) return;
      const last = events[events.length - 1].createdAt;
      // A full batch stamped within one instant cannot advance the cursor: the rest waits for the next read.
      if (last.getTime() <= since.getTime()) return;
      since = last;
    }
  }
}
