import type { DomainError } from '../../../../platform/kernel';
import { Organization, OrganizationRole, OrganizationsErrors, atLeast, leavesNoPrincipal } from '../../domain';
import type { Membership, OrganizationsRepositories } from '../ports';

/**
 * Locks the organization row, then reads the membership. Every change that
 * could take away a principal goes through here, so two concurrent demotions
 * or removals are serialized and the second one sees the first.
 */
export async function lockMembership(
  repos: OrganizationsRepositories,
  orgId: string,
  userId: string,
  missing: () => DomainError = OrganizationsErrors.memberNotFound,
): Promise<{ organization: Organization; membership: Membership }> {
  const organization = await repos.organizations.lock(orgId);
  if (!organization) throw OrganizationsErrors.notFound();
  const membership = await repos.memberships.find(orgId, userId);
  if (!membership) throw missing();
  return { organization, membership };
}

/** Refuses a change that would leave the organization without an active principal (`nextRole` null: removed or deactivated). */
export async function assertPrincipalRemains(repos: OrganizationsRepositories, membership: Membership, nextRole: OrganizationRole | null): Promise<void> {
  if (membership.status !== 'active') return;
  const principals = await repos.memberships.countActivePrincipals(membership.orgId);
  if (leavesNoPrincipal({ currentRole: membership.role, nextRole }, principals)) throw OrganizationsErrors.lastPrincipal();
}

/**
 * Re-reads the caller's own membership once the organization is locked: a
 * caller demoted or removed by a concurrent request (whose guard check passed
 * before) does not act on stale rights.
 */
export async function lockedActorRole(
  repos: OrganizationsRepositories,
  orgId: string,
  userId: string | undefined,
  minimum: OrganizationRole,
): Promise<OrganizationRole> {
  const actor = userId ? await repos.memberships.find(orgId, userId) : undefined;
  if (!actor || actor.status !== 'active' || !atLeast(actor.role, minimum)) throw OrganizationsErrors.forbidden();
  return actor.role;
}
