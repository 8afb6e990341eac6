import { Inject, Injectable } from '@nestjs/common';
import type { DomainError, RequestContext } from '../../../../platform/kernel';
import { OrganizationRole, OrganizationsErrors, mayChangeRole } from '../../domain';
import { requireRoleIn } from '../access';
import { Membership, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsRepositories, OrganizationsUnitOfWork } from '../ports';
import { assertPrincipalRemains, lockMembership, lockedActorRole } from '../services/membership-changes';

/** A principal changes a member's role; the last active principal cannot be demoted (checked under the organization lock). */
@Injectable()
export class ChangeMemberRoleUseCase {
  constructor(@Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orgId: string; userId: string; role: OrganizationRole }): Promise<Membership> {
    const actor = requireRoleIn(ctx, input.orgId, 'staff');
    if (!mayChangeRole(actor)) throw OrganizationsErrors.forbidden('Only a principal changes roles.');
    return this.uow.run((repos) => changeRole(ctx, repos, input, { actorMinimum: 'principal' }));
  }
}

/** Shared with the users and admin routes: locks, applies the last-principal rule, records. */
export async function changeRole(
  ctx: RequestContext,
  repos: OrganizationsRepositories,
  input: { orgId: string; userId: string; role: OrganizationRole },
  options: { missing?: () => DomainError; asPlatformAdmin?: boolean; actorMinimum?: OrganizationRole } = {},
): Promise<Membership> {
  const { membership } = await lockMembership(repos, input.orgId, input.userId, options.missing);
  if (options.actorMinimum) await lockedActorRole(repos, input.orgId, ctx.userId, options.actorMinimum);
  if (membership.role === input.role) return membership;
  await assertPrincipalRemains(repos, membership, input.role);
  const next: Membership = { ...membership, role: input.role, updatedAt: new Date() };
  await repos.memberships.save(next);
  await repos.audit.record(ctx, {
    orgId: input.orgId,
    action: 'member.role_changed',
    targetType: 'member',
    targetId: input.userId,
    metadata: { from: membership.role, to: input.role, ...(options.asPlatformAdmin ? { as_platform_admin: true } : {}) },
  });
  return next;
}
