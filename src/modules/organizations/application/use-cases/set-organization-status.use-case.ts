import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationStatus, OrganizationsErrors } from '../../domain';
import { requirePlatformAdmin } from '../access';
import { ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';
import type { OrganizationView } from '../views';

/**
 * A platform admin suspends or reactivates an organization. Suspension takes
 * effect on the next request of every member token and API key, because the
 * TenantGuard and the API key check read the status on every request.
 * Idempotent: setting the current status changes and records nothing.
 */
@Injectable()
export class SetOrganizationStatusUseCase {
  constructor(@Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork) {}

  async execute(ctx: RequestContext, orgId: string, input: { status: OrganizationStatus; reason?: string }): Promise<OrganizationView> {
    requirePlatformAdmin(ctx);
    const organization = await this.uow.run(async (repos) => {
      const current = await repos.organizations.lock(orgId);
      if (!current) throw OrganizationsErrors.notFound();
      if (current.status === input.status) return current;
      const now = new Date();
      const suspended = input.status === 'suspended';
      const next = {
        ...current,
        status: input.status,
        suspendedAt: suspended ? now : null,
        suspensionReason: suspended ? (input.reason ?? null) : null,
        updatedAt: now,
      };
      await repos.organizations.save(next);
      await repos.audit.record(ctx, {
        orgId,
        action: suspended ? 'organization.suspended' : 'organization.reactivated',
        targetType: 'organization',
        targetId: orgId,
        metadata: { as_platform_admin: true, ...(input.reason ? { reason: input.reason } : {}) },
      });
      return next;
    });
    return { organization };
  }
}
