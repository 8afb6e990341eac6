import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationContact, OrganizationsErrors, isValidSlug } from '../../domain';
import { requireRoleIn } from '../access';
import { ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';
import type { OrganizationView } from '../views';

/** Undefined leaves a field as it is; null clears a contact field. */
export interface OrganizationChanges extends Partial<OrganizationContact> {
  name?: string;
  slug?: string;
}

/** A principal edits the organization's name, slug and contact details; kind and status are not theirs to change. */
@Injectable()
export class UpdateOrganizationUseCase {
  constructor(@Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork) {}

  async execute(ctx: RequestContext, orgId: string, changes: OrganizationChanges): Promise<OrganizationView> {
    const role = requireRoleIn(ctx, orgId, 'principal');
    if (changes.slug !== undefined && !isValidSlug(changes.slug)) {
      throw OrganizationsErrors.validation({ slug: ['slug must be 3 to 60 lower-case letters and digits in hyphen-separated words'] });
    }
    const organization = await this.uow.run(async (repos) => {
      const current = await repos.organizations.lock(orgId);
      if (!current) throw OrganizationsErrors.notFound();
      const fields = Object.entries(changes)
        .filter(([, value]) => value !== undefined)
        .map(([field]) => field);
      const next = { ...current, ...definedOnly(changes), updatedAt: new Date() };
      await repos.organizations.save(next);
      await repos.audit.record(ctx, { orgId, action: 'organization.updated', targetType: 'organization', targetId: orgId, metadata: { fields } });
      return next;
    });
    return { organization, role };
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
