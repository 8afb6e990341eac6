import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import { NAME_MAX_LENGTH, ORGANIZATION_ROLES, OrganizationRole } from '../../domain';
import { PRINTABLE, Trim } from './http-support';
import { EMAIL_MAX_LENGTH, NotNullIfPresent } from './organizations.request.dto';

// ---------------------------------------------------------------- users

export class CreateUserDto {
  @ApiProperty({ format: 'email', maxLength: EMAIL_MAX_LENGTH })
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  email: string;

  @ApiProperty({ maxLength: NAME_MAX_LENGTH, example: 'Jordan Reyes' })
  @Trim()
  @IsString()
  @Length(1, NAME_MAX_LENGTH)
  full_name: string;

  @ApiProperty({ description: 'Follows the signup password rules', minLength: 8, maxLength: 128 })
  @IsString()
  @Length(1, 128)
  password: string;

  @ApiProperty({ format: 'date', example: '1990-01-15' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_of_birth must be a date (YYYY-MM-DD)' })
  date_of_birth: string;

  @ApiPropertyOptional({
    enum: ORGANIZATION_ROLES,
    description: 'Role in the active organization (X-Organization-Id); required for principals. A platform admin omits it to create a bare account.',
  })
  @IsOptional()
  @IsIn(ORGANIZATION_ROLES)
  role?: OrganizationRole;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: NAME_MAX_LENGTH })
  @NotNullIfPresent()
  @Trim()
  @IsString()
  @Length(1, NAME_MAX_LENGTH)
  full_name?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_ROLES, description: 'Role in the active organization (X-Organization-Id), as its principal' })
  @NotNullIfPresent()
  @IsIn(ORGANIZATION_ROLES)
  role?: OrganizationRole;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: EMAIL_MAX_LENGTH, description: 'Part of the e-mail address (platform admins’ list)' })
  @IsOptional()
  @IsString()
  @Length(1, EMAIL_MAX_LENGTH)
  @Matches(PRINTABLE, { message: 'email must not contain control characters' })
  email?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_ROLES, description: 'Role in the active organization' })
  @IsOptional()
  @IsIn(ORGANIZATION_ROLES)
  role?: OrganizationRole;
}

// ---------------------------------------------------------------- audit

export class ListAuditEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'An action (member.removed) or its family (member)', example: 'member.role_changed', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'action must be lower-case words separated by dots' })
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Acts by this user' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Platform admins: only this organization’s events' })
  @IsOptional()
  @IsUUID()
  organization_id?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant on (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this instant (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
