import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationsApi } from '../../../organizations';
import type { ShopOrganizations } from '../../application/ports';

/** Repair shops are organizations; their audit log is the organizations context's. */
@Injectable()
export class OrganizationsShops implements ShopOrganizations {
  constructor(private readonly organizations: OrganizationsApi) {}

  async kindOf(ctx: RequestContext, orgId: string): Promise<{ kind: string; name: string; active: boolean } | undefined> {
    const org = await this.organizations.getOrganization(ctx, orgId);
    return org && { kind: org.kind, name: org.name, active: org.status === 'active' };
  }

  audit(ctx: RequestContext, entry: { orgId: string; action: `bookings.${string}`; targetId: string; metadata: Record<string, unknown> }): Promise<void> {
    return this.organizations.recordAudit(ctx, {
      orgId: entry.orgId,
      action: entry.action,
      targetType: 'booking',
      targetId: entry.targetId,
      metadata: entry.metadata,
    });
  }
}
