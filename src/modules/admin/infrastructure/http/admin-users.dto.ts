import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import { ACCOUNT_SORTS, type IdentityAccountSummary } from '../../../identity';
import { sortChoices } from '../../../../platform/kernel';
import type { ApiKeySummary, UserMembershipSummary } from '../../../organizations';
import type { AdminUserDetail } from '../../application/users';

const REASON = /^(?:[^\p{Cc}\p{Cf}]|\r?\n)*$/u;
const NO_CONTROLS = /^[^\p{Cc}\p{Cf}]*$/u;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

export class AdminListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Part of the e-mail address or of the name, case-insensitive' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  @Matches(NO_CONTROLS, { message: 'q must not contain control characters' })
  q?: string;

  @ApiPropertyOptional({ enum: ['active', 'suspended'] })
  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';

  @ApiPropertyOptional({ enum: sortChoices(ACCOUNT_SORTS), description: 'The order: a field, descending with a leading "-" (default -created_at)' })
  @IsOptional()
  @IsIn(sortChoices(ACCOUNT_SORTS))
  sort?: string;
}

export class AdminUserReasonDto {
  @ApiProperty({ minLength: 3, maxLength: 1000, description: 'Why (kept in the audit log)' })
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  @Matches(REASON, { message: 'reason must not contain control characters' })
  reason: string;
}

export class AdminUserOptionalReasonDto {
  @ApiPropertyOptional({ minLength: 3, maxLength: 1000, description: 'Why (kept in the audit log)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  @Matches(REASON, { message: 'reason must not contain control characters' })
  reason?: string;
}

export class AdminUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() full_name: string;
  @ApiProperty() email_verified: boolean;
  @ApiProperty({ enum: ['active', 'suspended'] }) status: 'active' | 'suspended';
  @ApiProperty({ type: [String], description: 'Platform-wide roles (admin)' }) platform_roles: string[];
  @ApiProperty({ format: 'date-time' }) created_at: string;

  static from(account: IdentityAccountSummary): AdminUserDto {
    return {
      id: account.id,
      email: account.email,
      full_name: account.fullName,
      email_verified: account.emailVerified,
      status: account.disabled ? 'suspended' : 'active',
      platform_roles: account.roles,
      created_at: account.createdAt.toISOString(),
    };
  }
}

export class AdminUserPageDto {
  @ApiProperty({ type: [AdminUserDto] }) data: AdminUserDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<IdentityAccountSummary>): AdminUserPageDto {
    return { data: page.data.map(AdminUserDto.from), meta: page.meta };
  }
}

export class AdminUserMembershipDto {
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty() org_name: string;
  @ApiProperty() org_slug: string;
  @ApiProperty() org_kind: string;
  @ApiProperty({ enum: ['active', 'suspended'] }) org_status: string;
  @ApiProperty({ enum: ['principal', 'manager', 'staff'] }) role: string;
  @ApiProperty({ enum: ['active', 'deactivated'] }) status: string;
  @ApiProperty({ format: 'date-time' }) joined_at: string;

  static from(membership: UserMembershipSummary): AdminUserMembershipDto {
    return {
      org_id: membership.orgId,
      org_name: membership.orgName,
      org_slug: membership.orgSlug,
      org_kind: membership.orgKind,
      org_status: membership.orgStatus,
      role: membership.role,
      status: membership.status,
      joined_at: membership.joinedAt.toISOString(),
    };
  }
}

export class AdminUserApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['principal', 'manager', 'staff'] }) role: string;
  @ApiProperty({ description: 'The public prefix only: the secret is never stored nor shown' }) prefix: string;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) expires_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_used_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revoked_at: string | null;

  static from(key: ApiKeySummary): AdminUserApiKeyDto {
    return {
      id: key.id,
      org_id: key.orgId,
      name: key.name,
      role: key.role,
      prefix: key.prefix,
      status: key.status,
      created_at: key.createdAt.toISOString(),
      expires_at: key.expiresAt.toISOString(),
      last_used_at: iso(key.lastUsedAt),
      revoked_at: iso(key.revokedAt),
    };
  }
}

export class AdminUserDetailDto extends AdminUserDto {
  @ApiProperty({ type: [AdminUserMembershipDto] }) memberships: AdminUserMembershipDto[];
  @ApiProperty({ type: [AdminUserApiKeyDto], description: 'The keys the user created, newest first (100 at most)' }) api_keys: AdminUserApiKeyDto[];

  static fromDetail(detail: AdminUserDetail): AdminUserDetailDto {
    return {
      ...AdminUserDto.from(detail.account),
      memberships: detail.memberships.map(AdminUserMembershipDto.from),
      api_keys: detail.apiKeys.map(AdminUserApiKeyDto.from),
    };
  }
}

export class AdminSessionsEndedDto {
  @ApiProperty({ description: 'How many sessions were live and are now ended' }) revoked_sessions: number;
}
