import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationsApi } from '../../../organizations';
import type { AuditLog, SellerDirectory } from '../../application/ports';

/** Organization kinds from the organizations context (a suspended organization sells nothing). */
@Injectable()
export class OrganizationsSellerDirectory implements SellerDirectory {
  constructor(private readonly organizations: OrganizationsApi) {}

  async kindOf(ctx: RequestContext, orgId: string): Promise<string | undefined> {
    const organization = await this.organizations.getOrganization(ctx, orgId);
    return organization && organization.status === 'active' ? organization.kind : undefined;
  }
}

/** Moderators' acts go to the platform's audit log. */
@Injectable()
export class OrganizationsAuditLog implements AuditLog {
  constructor(private readonly organizations: OrganizationsApi) {}

  record(ctx: RequestContext, entry: Parameters<AuditLog['record']>[1]): Promise<void> {
    return this.organizations.recordAudit(ctx, entry);
  }
}
