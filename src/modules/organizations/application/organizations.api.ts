import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import {
  apiKeyStatus,
  atLeast,
  type ApiKeyStatus,
  type AuditEvent,
  type AuditTargetType,
  type OrganizationKind,
  type OrganizationRole,
  type OrganizationStatus,
} from '../domain';
import { AuditQueries } from './queries/audit.queries';
import { AuditFilter, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from './ports';

const MEMBER_BATCH = 100;
/** A user's keys shown to an operator: enough for any real account, bounded for a runaway script. */
const KEYS_OF_USER = 100;

/** A user's membership as an operator sees it. */
export interface UserMembershipSummary {
  orgId: string;
  orgName: string;
  orgSlug: string;
  orgKind: OrganizationKind;
  orgStatus: OrganizationStatus;
  role: OrganizationRole;
  status: 'active' | 'deactivated';
  joinedAt: Date;
}

/** An API key as an operator sees it: the public prefix, never the secret or its hash. */
export interface ApiKeySummary {
  id: string;
  orgId: string;
  name: string;
  role: OrganizationRole;
  prefix: string;
  status: ApiKeyStatus;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export type { AuditEvent, AuditFilter };

/** What other contexts may know about an organization. */
export interface OrganizationSummary {
  id: string;
  kind: OrganizationKind;
  name: string;
  slug: string;
  status: OrganizationStatus;
}

/** The organizations context's front door for other contexts (bookings, marketplace, admin…). */
@Injectable()
export class OrganizationsApi {
  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    private readonly audit: AuditQueries,
  ) {}

  async getOrganization(_ctx: RequestContext, orgId: string): Promise<OrganizationSummary | undefined> {
    const organization = await this.uow.repos.organizations.findById(orgId);
    if (!organization) return undefined;
    const { id, kind, name, slug, status } = organization;
    return { id, kind, name, slug, status };
  }

  /** Same as organizationBySlug (demo seeders of other contexts find the demo organizations this way). */
  getOrganizationBySlug(ctx: RequestContext, slug: string): Promise<OrganizationSummary | undefined> {
    return this.organizationBySlug(ctx, slug);
  }

  /** An organization by its slug (demo data and integrations name organizations by slug). */
  async organizationBySlug(_ctx: RequestContext, slug: string): Promise<OrganizationSummary | undefined> {
    const organization = await this.uow.repos.organizations.findBySlug(slug);
    if (!organization) return undefined;
    const { id, kind, name, status } = organization;
    return { id, kind, name, slug: organization.slug, status };
  }

  /** The user's role in the organization when the membership is active and the organization is not suspended. */
  async activeRole(_ctx: RequestContext, orgId: string, userId: string): Promise<OrganizationRole | undefined> {
    const access = await this.uow.repos.memberships.activeAccess(orgId, userId);
    return access && access.orgStatus === 'active' ? access.role : undefined;
  }

  /**
   * The ids of the organization's active members holding at least `minimum`
   * (none when the organization is suspended or unknown): who hears of what
   * happens to the organization (a listing verdict, a payout, a booking).
   */
  async activeMemberIds(_ctx: RequestContext, orgId: string, minimum: OrganizationRole = 'staff'): Promise<string[]> {
    const organization = await this.uow.repos.organizations.findById(orgId);
    if (!organization || organization.status !== 'active') return [];
    const ids: string[] = [];
    for (let page = 1; ; page += 1) {
      const batch = await this.uow.repos.memberships.list(orgId, { status: 'active' }, { page, limit: MEMBER_BATCH });
      for (const membership of batch.data) if (atLeast(membership.role, minimum)) ids.push(membership.userId);
      if (page >= batch.meta.total_pages) return ids;
    }
  }

  /**
   * Appends an administrative act of another context to the audit log (e.g.
   * the admin context's refunds). `action` is prefixed by the context
   * (`commerce.refund_issued`); metadata carries ids and reasons, never secrets.
   */
  async recordAudit(
    ctx: RequestContext,
    entry: { orgId: string | null; action: `${string}.${string}`; targetType: string; targetId: string; metadata?: Record<string, unknown> },
  ): Promise<void> {
    await this.uow.repos.audit.record(ctx, { ...entry, action: entry.action as never, targetType: entry.targetType as AuditTargetType });
  }

  /** Every membership of the user (any status), with its organization (the operators' console). */
  async membershipsOf(_ctx: RequestContext, userId: string): Promise<UserMembershipSummary[]> {
    const memberships = await this.uow.repos.memberships.listForUsers([userId]);
    const summaries: UserMembershipSummary[] = [];
    for (const membership of memberships) {
      const organization = await this.uow.repos.organizations.findById(membership.orgId);
      if (!organization) continue;
      summaries.push({
        orgId: organization.id,
        orgName: organization.name,
        orgSlug: organization.slug,
        orgKind: organization.kind,
        orgStatus: organization.status,
        role: membership.role,
        status: membership.status,
        joinedAt: membership.joinedAt,
      });
    }
    return summaries;
  }

  /** The API keys the user created, in every organization, newest first: prefixes only. */
  async apiKeysCreatedBy(_ctx: RequestContext, userId: string): Promise<ApiKeySummary[]> {
    const now = new Date();
    return (await this.uow.repos.apiKeys.listCreatedBy(userId, KEYS_OF_USER)).map((key) => ({
      id: key.id,
      orgId: key.orgId,
      name: key.name,
      role: key.role,
      prefix: key.prefix,
      status: apiKeyStatus(key, now),
      createdAt: key.createdAt,
      expiresAt: key.expiresAt,
      lastUsedAt: key.lastUsedAt,
      revokedAt: key.revokedAt,
    }));
  }

  /** The audit log as the caller may read it (a platform admin: everything), newest first. */
  auditEvents(ctx: RequestContext, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    return this.audit.list(ctx, { ...filter }, page);
  }
}
