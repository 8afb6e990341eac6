import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import {
  ApiKey,
  AuditEvent,
  Invitation,
  ORGANIZATION_KINDS,
  ORGANIZATION_ROLES,
  ORGANIZATION_STATUSES,
  OrganizationKind,
  OrganizationRole,
  OrganizationStatus,
  apiKeyStatus,
} from '../../domain';
import type { Membership } from '../../application/ports';
import type { CreatedApiKey, MemberView, OrganizationView, UserView } from '../../application/views';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

// ---------------------------------------------------------------- organizations

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind: OrganizationKind;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ nullable: true, type: String }) contact_email: string | null;
  @ApiProperty({ nullable: true, type: String }) contact_phone: string | null;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ enum: ORGANIZATION_STATUSES }) status: OrganizationStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) suspended_at: string | null;
  @ApiProperty({ nullable: true, type: String }) suspension_reason: string | null;
  @ApiProperty({ enum: ORGANIZATION_ROLES, nullable: true, description: 'The caller’s role in it (null on admin routes)' }) my_role: OrganizationRole | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(view: OrganizationView): OrganizationDto {
    const o = view.organization;
    return {
      id: o.id,
      kind: o.kind,
      name: o.name,
      slug: o.slug,
      contact_email: o.contactEmail,
      contact_phone: o.contactPhone,
      website: o.website,
      address: o.address,
      status: o.status,
      suspended_at: iso(o.suspendedAt),
      suspension_reason: o.suspensionReason,
      my_role: view.role ?? null,
      created_at: o.createdAt.toISOString(),
      updated_at: o.updatedAt.toISOString(),
    };
  }
}

export class OrganizationPageDto {
  @ApiProperty({ type: [OrganizationDto] }) data: OrganizationDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<OrganizationView>): OrganizationPageDto {
    return { data: page.data.map((view) => OrganizationDto.from(view)), meta: page.meta };
  }
}

// ---------------------------------------------------------------- members

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) full_name: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uri', description: 'Public, cacheable profile picture (WebP); null without one' })
  profile_picture_url: string | null;
  @ApiProperty({ enum: ORGANIZATION_ROLES }) role: OrganizationRole;
  @ApiProperty({ enum: ['active', 'deactivated'] }) status: string;
  @ApiProperty({ description: 'The account was disabled by a platform admin' }) account_disabled: boolean;
  @ApiProperty({ format: 'date-time' }) joined_at: string;

  static from(view: MemberView): MemberDto {
    const { membership, account } = view;
    return {
      user_id: membership.userId,
      email: account?.email ?? null,
      full_name: account?.fullName ?? null,
      profile_picture_url: account?.pictureUrl ?? null,
      role: membership.role,
      status: membership.status,
      account_disabled: account?.disabled ?? false,
      joined_at: membership.joinedAt.toISOString(),
    };
  }
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberDto] }) data: MemberDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<MemberView>): MemberPageDto {
    return { data: page.data.map((view) => MemberDto.from(view)), meta: page.meta };
  }
}

export class MembershipDto {
  @ApiProperty({ format: 'uuid' }) organization_id: string;
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty({ enum: ORGANIZATION_ROLES }) role: OrganizationRole;
  @ApiProperty({ enum: ['active', 'deactivated'] }) status: string;
  @ApiProperty({ format: 'date-time' }) joined_at: string;

  static from(membership: Membership): MembershipDto {
    return {
      organization_id: membership.orgId,
      user_id: membership.userId,
      role: membership.role,
      status: membership.status,
      joined_at: membership.joinedAt.toISOString(),
    };
  }
}

// ---------------------------------------------------------------- invitations

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organization_id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ enum: ORGANIZATION_ROLES }) role: OrganizationRole;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined', 'revoked'] }) status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) invited_by: string | null;
  @ApiProperty({ format: 'date-time' }) expires_at: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;

  static from(invitation: Invitation): InvitationDto {
    return {
      id: invitation.id,
      organization_id: invitation.orgId,
      email: invitation.email,
      role: invitation.role,
      status: invitation.status,
      invited_by: invitation.invitedBy,
      expires_at: invitation.expiresAt.toISOString(),
      created_at: invitation.createdAt.toISOString(),
    };
  }
}

export class InvitationPageDto {
  @ApiProperty({ type: [InvitationDto] }) data: InvitationDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<Invitation>): InvitationPageDto {
    return { data: page.data.map((invitation) => InvitationDto.from(invitation)), meta: page.meta };
  }
}

// ---------------------------------------------------------------- API keys

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organization_id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANIZATION_ROLES }) role: OrganizationRole;
  @ApiProperty({ description: 'Public lookup prefix: the key starts with rsk_<prefix>_' }) prefix: string;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) created_by: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) expires_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Updated at most once a minute' }) last_used_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revoked_at: string | null;

  static from(key: ApiKey, now = new Date()): ApiKeyDto {
    return {
      id: key.id,
      organization_id: key.orgId,
      name: key.name,
      role: key.role,
      prefix: key.prefix,
      status: apiKeyStatus(key, now),
      created_by: key.createdBy,
      created_at: key.createdAt.toISOString(),
      expires_at: key.expiresAt.toISOString(),
      last_used_at: iso(key.lastUsedAt),
      revoked_at: iso(key.revokedAt),
    };
  }
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key, shown this once: send it as X-API-Key. Only its hash is kept.' }) secret: string;

  static fromCreated(created: CreatedApiKey): CreatedApiKeyDto {
    return { ...ApiKeyDto.from(created.key), secret: created.secret };
  }
}

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyDto] }) data: ApiKeyDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<ApiKey>): ApiKeyPageDto {
    const now = new Date();
    return { data: page.data.map((key) => ApiKeyDto.from(key, now)), meta: page.meta };
  }
}

// ---------------------------------------------------------------- users

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty() full_name: string;
  @ApiProperty({ nullable: true, type: String, format: 'uri', description: 'Public, cacheable profile picture (WebP); null without one' })
  profile_picture_url: string | null;
  @ApiProperty() email_verified: boolean;
  @ApiProperty({ enum: ['active', 'disabled'], description: 'disabled: deactivated by a platform admin' }) status: string;
  @ApiProperty({
    type: [MembershipDto],
    description: 'The memberships the caller may see: the active organization’s for principals and managers, all for admins and oneself',
  })
  memberships: MembershipDto[];
  @ApiProperty({ format: 'date-time' }) created_at: string;

  static from(view: UserView): UserDto {
    const { account } = view;
    return {
      id: account.id,
      email: account.email,
      full_name: account.fullName,
      profile_picture_url: account.pictureUrl,
      email_verified: account.emailVerified,
      status: account.disabled ? 'disabled' : 'active',
      memberships: view.memberships.map((membership) => MembershipDto.from(membership)),
      created_at: account.createdAt.toISOString(),
    };
  }
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) data: UserDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<UserView>): UserPageDto {
    return { data: page.data.map((view) => UserDto.from(view)), meta: page.meta };
  }
}

// ---------------------------------------------------------------- audit

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurred_at: string;
  @ApiProperty({ example: 'member.role_changed', description: 'This context’s acts, or identity.<security event type>' }) action: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organization_id: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actor_user_id: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actor_api_key_id: string | null;
  @ApiProperty({ nullable: true, type: String }) target_type: string | null;
  @ApiProperty({ nullable: true, type: String }) target_id: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ nullable: true, type: String }) user_agent: string | null;
  @ApiProperty({ nullable: true, type: String }) request_id: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
  @ApiProperty({ enum: ['organizations', 'identity'] }) source: string;

  static from(event: AuditEvent): AuditEventDto {
    return {
      id: event.id,
      occurred_at: event.occurredAt.toISOString(),
      action: event.action,
      organization_id: event.orgId,
      actor_user_id: event.actorUserId,
      actor_api_key_id: event.actorApiKeyId,
      target_type: event.targetType,
      target_id: event.targetId,
      ip: event.ip,
      user_agent: event.userAgent,
      request_id: event.requestId,
      metadata: event.metadata,
      source: event.source,
    };
  }
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) data: AuditEventDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<AuditEvent>): AuditEventPageDto {
    return { data: page.data.map((event) => AuditEventDto.from(event)), meta: page.meta };
  }
}
