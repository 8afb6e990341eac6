import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { Organization, OrganizationContact, OrganizationKind, OrganizationsErrors, SELF_SERVICE_KINDS, isValidSlug, slugFromName } from '../../domain';
import { isPlatformAdmin, requirePlatformAdmin, requireUserId } from '../access';
import { ACCOUNTS, Accounts, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';
import type { OrganizationView } from '../views';

export interface CreateOrganizationInput extends Partial<OrganizationContact> {
  kind: OrganizationKind;
  name: string;
  slug?: string;
  /** Admin route only: who becomes the principal (default: the caller). */
  principalUserId?: string;
}

/**
 * Any verified user may open a repair shop or a creator studio and becomes its
 * principal; dealerships are opened by a platform admin, who names their
 * principal (or becomes it).
 */
@Injectable()
export class CreateOrganizationUseCase {
  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    @Inject(ACCOUNTS) private readonly accounts: Accounts,
  ) {}

  async execute(ctx: RequestContext, input: CreateOrganizationInput): Promise<OrganizationView> {
    const callerId = requireUserId(ctx);
    const admin = isPlatformAdmin(ctx);
    let principalId = callerId;
    if (input.principalUserId !== undefined) {
      requirePlatformAdmin(ctx);
      const principal = await this.accounts.get(ctx, input.principalUserId);
      if (!principal || principal.disabled) throw OrganizationsErrors.userNotFound();
      principalId = principal.id;
    } else if (!admin) {
      if (!SELF_SERVICE_KINDS.includes(input.kind)) throw OrganizationsErrors.kindRequiresAdmin();
      const caller = await this.accounts.get(ctx, callerId);
      if (!caller?.emailVerified) throw OrganizationsErrors.emailNotVerified();
    }
    const slug = input.slug ?? slugFromName(input.name);
    if (!isValidSlug(slug)) throw OrganizationsErrors.validation({ slug: ['slug must be 3 to 60 lower-case letters and digits in hyphen-separated words'] });

    const now = new Date();
    const organization: Organization = {
      id: randomUUID(),
      kind: input.kind,
      name: input.name,
      slug,
      contactEmail: input.contactEmail ?? null,
      contactPhone: input.contactPhone ?? null,
      website: input.website ?? null,
      address: input.address ?? null,
      status: 'active',
      suspendedAt: null,
      suspensionReason: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.uow.run(async (repos) => {
      await repos.organizations.insert(organization, callerId);
      await repos.memberships.insert({
        orgId: organization.id,
        userId: principalId,
        role: 'principal',
        status: 'active',
        addedBy: callerId,
        joinedAt: now,
        updatedAt: now,
      });
      await repos.audit.record(
        { ...ctx, orgId: organization.id },
        {
          orgId: organization.id,
          action: 'organization.created',
          targetType: 'organization',
          targetId: organization.id,
          metadata: { kind: organization.kind, slug, principal_user_id: principalId, ...(admin ? { as_platform_admin: true } : {}) },
        },
      );
    });
    return { organization, role: principalId === callerId ? 'principal' : undefined };
  }
}
