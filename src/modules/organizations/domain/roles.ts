/**
 * Organization roles (seed 003's Dealer Principal and F&I Manager, seed 004's
 * shop staff) and what each may do to whom. Pure rules, unit-tested; the use
 * cases call them with the caller's role in the organization.
 */
export const ORGANIZATION_ROLES = ['principal', 'manager', 'staff'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

const RANK: Record<OrganizationRole, number> = { staff: 1, manager: 2, principal: 3 };

export function isOrganizationRole(value: unknown): value is OrganizationRole {
  return typeof value === 'string' && (ORGANIZATION_ROLES as readonly string[]).includes(value);
}

export function atLeast(role: OrganizationRole | undefined, minimum: OrganizationRole): boolean {
  return role !== undefined && RANK[role] >= RANK[minimum];
}

/** Principals invite any role; managers run the staff, so they invite staff only. */
export function mayInvite(actor: OrganizationRole, invitee: OrganizationRole): boolean {
  return actor === 'principal' || (actor === 'manager' && invitee === 'staff');
}

/** Only principals change roles (the last-principal rule is checked separately, under a lock). */
export function mayChangeRole(actor: OrganizationRole): boolean {
  return actor === 'principal';
}

/** Principals remove anyone, managers remove staff, and every member may leave. */
export function mayRemove(actor: { userId?: string; role: OrganizationRole }, target: { userId: string; role: OrganizationRole }): boolean {
  if (actor.userId !== undefined && actor.userId === target.userId) return true;
  return actor.role === 'principal' || (actor.role === 'manager' && target.role === 'staff');
}

/** A key acts with a role no higher than its creator's, and only managers and principals handle keys. */
export function mayHandleApiKey(actor: OrganizationRole, keyRole: OrganizationRole): boolean {
  return atLeast(actor, 'manager') && RANK[actor] >= RANK[keyRole];
}

/**
 * The last-principal rule: an organization always keeps at least one active
 * principal. `activePrincipals` must be counted while the organization row is
 * locked, so two concurrent demotions cannot both see two principals.
 */
export function leavesNoPrincipal(change: { currentRole: OrganizationRole; nextRole: OrganizationRole | null }, activePrincipals: number): boolean {
  return change.currentRole === 'principal' && change.nextRole !== 'principal' && activePrincipals <= 1;
}
