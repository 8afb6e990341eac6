import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationsApi } from '../../../organizations';
import type { CatalogAuditLog } from '../../application/ports';

/** Catalog writes go to the platform's audit log (reference data belongs to no organization). */
@Injectable()
export class OrganizationsCatalogAuditLog implements CatalogAuditLog {
  constructor(private readonly organizations: OrganizationsApi) {}

  record(ctx: RequestContext, entry: Parameters<CatalogAuditLog['record']>[1]): Promise<void> {
    return this.organizations.recordAudit(ctx, { orgId: null, ...entry });
  }
}
