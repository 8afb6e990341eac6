import type { Page, PageRequest, RequestContext, UnitOfWork } from '../../../platform/kernel';
import type {
  ApiKey,
  AuditEntry,
  AuditEvent,
  Invitation,
  InvitationStatus,
  Organization,
  OrganizationKind,
  OrganizationRole,
  OrganizationStatus,
} from '../domain';

/**
 * What the use cases need from the outside world. Implemented in
 * infrastructure/; nothing here knows about TypeORM, Redis or HTTP.
 */

// ---------------------------------------------------------------- persistence

export type MembershipStatus = 'active' | 'deactivated';

export interface Membership {
  orgId: string;
  userId: string;
  role: OrganizationRole;
  status: MembershipStatus;
  addedBy: string | null;
  joinedAt: Date;
  updatedAt: Date;
}

export interface OrganizationFilter {
  kind?: OrganizationKind;
  status?: OrganizationStatus;
  /** Name or slug contains, ignoring case. */
  q?: string;
}

export interface OrganizationRepository {
  /** Throws OrganizationsErrors.slugTaken when the slug is in use. */
  insert(organization: Organization, createdBy: string | null): Promise<void>;
  findById(id: string): Promise<Organization | undefined>;
  findBySlug(slug: string): Promise<Organization | undefined>;
  /** Locks the organization row until the transaction ends: serializes changes to its principals. */
  lock(id: string): Promise<Organization | undefined>;
  /** Throws OrganizationsErrors.slugTaken when the slug is in use. */
  save(organization: Organization): Promise<void>;
  listForUser(userId: string, page: PageRequest): Promise<Page<{ organization: Organization; role: OrganizationRole }>>;
  listAll(filter: OrganizationFilter, page: PageRequest): Promise<Page<Organization>>;
}

export interface MembershipRepository {
  find(orgId: string, userId: string): Promise<Membership | undefined>;
  /** The per-request check: the member's role when the membership is active, with the organization's status. One primary-key lookup. */
  activeAccess(orgId: string, userId: string): Promise<{ role: OrganizationRole; orgStatus: OrganizationStatus } | undefined>;
  /** Throws OrganizationsErrors.alreadyMember when the user is a member already. */
  insert(membership: Membership): Promise<void>;
  save(membership: Membership): Promise<void>;
  delete(orgId: string, userId: string): Promise<void>;
  countActivePrincipals(orgId: string): Promise<number>;
  list(orgId: string, filter: { role?: OrganizationRole; status?: MembershipStatus }, page: PageRequest): Promise<Page<Membership>>;
  listForUsers(userIds: string[]): Promise<Membership[]>;
}

export interface InvitationRepository {
  insert(invitation: Invitation, tokenHash: Buffer): Promise<void>;
  /** Closes the open invitation of this address, if any (a new one replaces it). */
  revokePending(orgId: string, email: string, now: Date): Promise<void>;
  listPending(orgId: string, page: PageRequest): Promise<Page<Invitation>>;
  findForUpdate(orgId: string, id: string): Promise<Invitation | undefined>;
  findByTokenForUpdate(tokenHash: Buffer): Promise<Invitation | undefined>;
  close(id: string, status: Exclude<InvitationStatus, 'pending'>, answeredBy: string | null, now: Date): Promise<void>;
}

export interface ApiKeyRepository {
  insert(key: ApiKey, secretHash: Buffer): Promise<void>;
  list(orgId: string, page: PageRequest): Promise<Page<ApiKey>>;
  findForUpdate(orgId: string, id: string): Promise<ApiKey | undefined>;
  revoke(id: string, by: string | null, now: Date): Promise<void>;
  /** The key with this lookup prefix, its stored hash and its organization's status. One indexed lookup. */
  findForAuthentication(prefix: string): Promise<{ key: ApiKey; secretHash: Buffer; orgStatus: OrganizationStatus } | undefined>;
  /** Sets last_used_at unless it was set less than `minIntervalMs` ago. */
  touch(id: string, now: Date, minIntervalMs: number): Promise<void>;
  /** Revokes the live keys a user created (in one organization, or in all when orgId is null); returns their ids. */
  revokeCreatedBy(userId: string, orgId: string | null, by: string | null, now: Date): Promise<string[]>;
  /** The keys a user created, in every organization, newest first (at most `limit`). */
  listCreatedBy(userId: string, limit: number): Promise<ApiKey[]>;
}

export interface AuditFilter {
  action?: string;
  actorUserId?: string;
  orgId?: string;
  from?: Date;
  to?: Date;
}

/** Whose events a reader sees: every event (platform admin) or one organization's. */
export type AuditScope = { kind: 'all' } | { kind: 'organization'; orgId: string };

export interface ImportedSecurityEvent {
  id: string;
  userId: string | null;
  type: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

export interface AuditLog {
  record(ctx: RequestContext, entry: AuditEntry): Promise<void>;
  list(scope: AuditScope, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>>;
  /** Copies one of identity's security events, unless it was copied already (by its id); true when it was new. */
  importSecurityEvent(event: ImportedSecurityEvent): Promise<boolean>;
}

export interface OrganizationsRepositories {
  organizations: OrganizationRepository;
  memberships: MembershipRepository;
  invitations: InvitationRepository;
  apiKeys: ApiKeyRepository;
  audit: AuditLog;
}

/** Runs work in one transaction; `repos` outside of one (each call its own statement). The platform's generic unit of work. */
export type OrganizationsUnitOfWork = UnitOfWork<OrganizationsRepositories>;

export const ORGANIZATIONS_UNIT_OF_WORK = Symbol('ORGANIZATIONS_UNIT_OF_WORK');

// ---------------------------------------------------------------- accounts (identity, through its facade)

export interface AccountSummary {
  id: string;
  email: string;
  fullName: string;
  emailVerified: boolean;
  disabled: boolean;
  platformRoles: string[];
  createdAt: Date;
  /** The profile picture's public URL (identity's), null without one. */
  pictureUrl: string | null;
}

export interface NewAccount {
  email: string;
  fullName: string;
  password: string;
  dateOfBirth: string;
  emailVerified?: boolean;
  platformRoles?: string[];
}

export interface Accounts {
  get(ctx: RequestContext, id: string): Promise<AccountSummary | undefined>;
  getMany(ctx: RequestContext, ids: string[]): Promise<Map<string, AccountSummary>>;
  findByEmail(ctx: RequestContext, email: string): Promise<AccountSummary | undefined>;
  list(ctx: RequestContext, filter: { email?: string }, page: PageRequest): Promise<Page<AccountSummary>>;
  /** Throws identity's errors (e-mail taken, password rules…). */
  create(ctx: RequestContext, input: NewAccount): Promise<AccountSummary>;
  rename(ctx: RequestContext, id: string, fullName: string): Promise<void>;
  /** Disables the account and ends all its sessions at once. */
  disable(ctx: RequestContext, id: string): Promise<void>;
}

export const ACCOUNTS = Symbol('ACCOUNTS');

// ---------------------------------------------------------------- secrets and messages

export interface OrganizationSecrets {
  /** 256 bits from a CSPRNG, URL-safe: invitation tokens. */
  newToken(): string;
  /** A fresh API key: its public lookup prefix and the whole key shown once. */
  newApiKey(): { prefix: string; key: string };
  /** SHA-256 of a high-entropy secret: what is stored and looked up. */
  hash(raw: string): Buffer;
  equal(a: Buffer, b: Buffer): boolean;
}

export const ORGANIZATION_SECRETS = Symbol('ORGANIZATION_SECRETS');

export interface InvitationMessages {
  invitation(ctx: RequestContext, to: string, invitation: { organizationName: string; role: OrganizationRole; token: string; expiresAt: Date }): Promise<void>;
}

export const INVITATION_MESSAGES = Symbol('INVITATION_MESSAGES');
