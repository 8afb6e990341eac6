import type { ApiKey, Invitation, Organization, OrganizationRole } from '../domain';
import type { AccountSummary, Membership } from './ports';

/** What the use cases return; the HTTP layer maps them to response DTOs. */
export interface OrganizationView {
  organization: Organization;
  /** The caller's role in it, when the caller is a member. */
  role?: OrganizationRole;
}

export interface MemberView {
  membership: Membership;
  account?: AccountSummary;
}

/** An account with the memberships the caller may see (one organization's, or all for admins and oneself). */
export interface UserView {
  account: AccountSummary;
  memberships: Membership[];
}

export interface CreatedApiKey {
  key: ApiKey;
  /** The whole key, returned once and never stored. */
  secret: string;
}

export type { Invitation };
