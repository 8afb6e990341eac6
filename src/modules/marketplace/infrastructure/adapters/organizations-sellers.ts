import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationsApi } from '../../../organizations';
import type { SellerDirectory } from '../../application/ports';

/** Organization kinds from the organizations context (a suspended organization sells nothing). */
@Injectable()
export class OrganizationsSellerDirectory implements SellerDirectory {
  constructor(private readonly organizations: OrganizationsApi) {}

  async kindOf(ctx: RequestContext, orgId: string): Promise<string | undefined> {
    const organization = await this.organizations.getOrganization(ctx, orgId);
    return organization && organization.status === 'active' ? organization.kind : undefined;
  }
}
