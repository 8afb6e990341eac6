import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import {
  API_KEY_NAME_MAX_LENGTH,
  CONTACT_MAX_LENGTH,
  NAME_MAX_LENGTH,
  ORGANIZATION_KINDS,
  ORGANIZATION_ROLES,
  ORGANIZATION_STATUSES,
  OrganizationKind,
  OrganizationRole,
  OrganizationStatus,
  SLUG_MAX_LENGTH,
  SLUG_PATTERN,
  SUSPENSION_REASON_MAX_LENGTH,
} from '../../domain';
import { MULTILINE_TEXT, PRINTABLE, Trim } from './http-support';

export const EMAIL_MAX_LENGTH = 254;
const PHONE_PATTERN = /^\+?[0-9 ()-]{5,30}$/;
const MEMBERSHIP_STATUSES = ['active', 'deactivated'] as const;

/** Present or absent, never null: for fields a PATCH may leave out but not clear. */
export const NotNullIfPresent = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
/** Present, absent or null (null clears it). */
const Clearable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);

// ---------------------------------------------------------------- organizations

export class CreateOrganizationDto {
  @ApiProperty({
    enum: ORGANIZATION_KINDS,
    description: 'Anyone with a verified e-mail may create a repair_shop or creator_studio; dealerships are created by a platform admin.',
  })
  @IsIn(ORGANIZATION_KINDS)
  kind: OrganizationKind;

  @ApiProperty({ maxLength: NAME_MAX_LENGTH, example: 'Velocity Motors' })
  @Trim()
  @IsString()
  @Length(1, NAME_MAX_LENGTH)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name: string;

  @ApiPropertyOptional({ maxLength: SLUG_MAX_LENGTH, description: 'Unique, for URLs; derived from the name when omitted.', example: 'velocity-motors' })
  @IsOptional()
  @IsString()
  @Length(3, SLUG_MAX_LENGTH)
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters and digits in hyphen-separated words' })
  slug?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: EMAIL_MAX_LENGTH })
  @IsOptional()
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  contact_email?: string;

  @ApiPropertyOptional({ example: '+1 555 0100' })
  @IsOptional()
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'contact_phone must be a phone number' })
  contact_phone?: string;

  @ApiPropertyOptional({ format: 'uri', maxLength: CONTACT_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(CONTACT_MAX_LENGTH)
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'website must be an http(s) URL' })
  website?: string;

  @ApiPropertyOptional({ maxLength: CONTACT_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(CONTACT_MAX_LENGTH)
  @Matches(MULTILINE_TEXT, { message: 'address must not contain control characters' })
  address?: string;
}

export class AdminCreateOrganizationDto extends CreateOrganizationDto {
  @ApiProperty({ format: 'uuid', description: 'The account that becomes the principal.' })
  @IsUUID()
  principal_user_id: string;
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional({ maxLength: NAME_MAX_LENGTH })
  @NotNullIfPresent()
  @Trim()
  @IsString()
  @Length(1, NAME_MAX_LENGTH)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name?: string;

  @ApiPropertyOptional({ maxLength: SLUG_MAX_LENGTH })
  @NotNullIfPresent()
  @IsString()
  @Length(3, SLUG_MAX_LENGTH)
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters and digits in hyphen-separated words' })
  slug?: string;

  @ApiPropertyOptional({ format: 'email', nullable: true, description: 'null clears it' })
  @Clearable()
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  contact_email?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @Clearable()
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'contact_phone must be a phone number' })
  contact_phone?: string | null;

  @ApiPropertyOptional({ format: 'uri', nullable: true })
  @Clearable()
  @IsString()
  @MaxLength(CONTACT_MAX_LENGTH)
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'website must be an http(s) URL' })
  website?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: CONTACT_MAX_LENGTH })
  @Clearable()
  @Trim()
  @IsString()
  @MaxLength(CONTACT_MAX_LENGTH)
  @Matches(MULTILINE_TEXT, { message: 'address must not contain control characters' })
  address?: string | null;
}

export class ListOrganizationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;

  @ApiPropertyOptional({ enum: ORGANIZATION_STATUSES })
  @IsOptional()
  @IsIn(ORGANIZATION_STATUSES)
  status?: OrganizationStatus;

  @ApiPropertyOptional({ maxLength: NAME_MAX_LENGTH, description: 'Part of the name or slug, ignoring case' })
  @IsOptional()
  @IsString()
  @Length(1, NAME_MAX_LENGTH)
  @Matches(PRINTABLE, { message: 'q must not contain control characters' })
  q?: string;
}

export class SuspendOrganizationDto {
  @ApiPropertyOptional({ maxLength: SUSPENSION_REASON_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, SUSPENSION_REASON_MAX_LENGTH)
  @Matches(MULTILINE_TEXT, { message: 'reason must not contain control characters' })
  reason?: string;
}

// ---------------------------------------------------------------- members

export class MemberRoleDto {
  @ApiProperty({ enum: ORGANIZATION_ROLES })
  @IsIn(ORGANIZATION_ROLES)
  role: OrganizationRole;
}

export class ListMembersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORGANIZATION_ROLES })
  @IsOptional()
  @IsIn(ORGANIZATION_ROLES)
  role?: OrganizationRole;

  @ApiPropertyOptional({ enum: MEMBERSHIP_STATUSES })
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES)
  status?: (typeof MEMBERSHIP_STATUSES)[number];
}

// ---------------------------------------------------------------- invitations

export class CreateInvitationDto {
  @ApiProperty({ format: 'email', maxLength: EMAIL_MAX_LENGTH })
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  email: string;

  @ApiProperty({ enum: ORGANIZATION_ROLES, description: 'Principals invite any role; managers invite staff.' })
  @IsIn(ORGANIZATION_ROLES)
  role: OrganizationRole;
}

export class InvitationTokenDto {
  @ApiProperty({ description: 'The token from the invitation e-mail' })
  @IsString()
  @Length(16, 200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'token is malformed' })
  token: string;
}

// ---------------------------------------------------------------- API keys

export class CreateApiKeyDto {
  @ApiProperty({ maxLength: API_KEY_NAME_MAX_LENGTH, example: 'Workshop tablet' })
  @Trim()
  @IsString()
  @Length(1, API_KEY_NAME_MAX_LENGTH)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name: string;

  @ApiProperty({ enum: ORGANIZATION_ROLES, description: 'The role the key acts with; at most the creator’s own role.' })
  @IsIn(ORGANIZATION_ROLES)
  role: OrganizationRole;

  @ApiProperty({ format: 'date-time', description: 'When the key stops working (in the future, within 366 days)' })
  @IsISO8601({ strict: true })
  expires_at: string;
}
