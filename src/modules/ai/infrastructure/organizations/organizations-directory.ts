import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationsApi } from '../../../organizations';
import type { OrganizationDirectory } from '../../application/training-ports';

/** Organizations as their context's facade shows them. */
@Injectable()
export class OrganizationsDirectory implements OrganizationDirectory {
  constructor(private readonly organizations: OrganizationsApi) {}

  async kind(ctx: RequestContext, orgId: string): Promise<string | undefined> {
    return (await this.organizations.getOrganization(ctx, orgId))?.kind;
  }

  async idBySlug(ctx: RequestContext, slug: string): Promise<string | undefined> {
    return (await this.organizations.getOrganizationBySlug(ctx, slug))?.id;
  }
}
