import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { ImportedSecurityEvent, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';

/**
 * Copies one of identity's security events into the audit log. Idempotent by
 * the security event's id: a redelivered event adds nothing.
 */
@Injectable()
export class ImportSecurityEventUseCase {
  constructor(@Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork) {}

  execute(_ctx: RequestContext, event: ImportedSecurityEvent): Promise<boolean> {
    return this.uow.repos.audit.importSecurityEvent(event);
  }
}
