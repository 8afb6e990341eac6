import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { SatisfiesRule } from './http-decorators';
import { EMAIL_MAX, checkDateOfBirth, checkFullName, checkPassword, checkPhoneNumber } from '../../domain';

/** Longest string accepted where a password is checked rather than set (argon2 input stays bounded). */
const PASSWORD_INPUT_MAX = 1024;
const TOKEN_MAX = 512;
const NAME_INPUT_MAX = 200;
const DATE_INPUT_MAX = 10;
const PHONE_INPUT_MAX = 16;

const fullName = (value: string) => checkFullName(value);
/** Longest first or last name accepted (the joined full name is then checked by the full_name rule). */
const NAME_PART_MAX = 50;

/**
 * Seed 001 signs up with `full_name`, seed 004 with `first_name` and `last_name`:
 * either form is accepted, never both; the parts are joined with one space and
 * must then satisfy the full_name rule. `full_name` stays the contract of responses.
 */
const givesParts = (object: Record<string, unknown>) => object.first_name !== undefined || object.last_name !== undefined;
const notBothForms = (_value: string, object: Record<string, unknown>) =>
  givesParts(object) ? ['give either full_name or first_name and last_name, not both'] : [];
const joinedName = (part: 'first_name' | 'last_name') => (value: string, object: Record<string, unknown>) => {
  const other = part === 'first_name' ? 'last_name' : 'first_name';
  if (object.full_name !== undefined) return [];
  if (typeof object[other] !== 'string') return [`${other} is required with ${part}`];
  if (part === 'last_name') return []; // the joined name is reported once, on first_name
  return checkFullName(`${value} ${String(object[other])}`).map((message) => message.replace('full_name', 'first_name and last_name together'));
};

/** `full_name`, or `first_name` + `last_name` joined with a space; undefined when neither form was given. */
export function requestedFullName(body: { full_name?: string; first_name?: string; last_name?: string }): string | undefined {
  if (body.full_name !== undefined) return body.full_name;
  if (body.first_name !== undefined && body.last_name !== undefined) return `${body.first_name.trim()} ${body.last_name.trim()}`;
  return undefined;
}
const dateOfBirth = (value: string) => checkDateOfBirth(value, new Date());
const phone = (value: string) => checkPhoneNumber(value);

export class SignUpRequestDto {
  @ApiPropertyOptional({
    example: 'John Doe',
    description: '2 to 50 letters (any alphabet) and single spaces. Required unless first_name and last_name are given instead.',
  })
  @ValidateIf((object: Record<string, unknown>) => object.full_name !== undefined || !givesParts(object))
  @IsString()
  @MaxLength(NAME_INPUT_MAX)
  @SatisfiesRule('fullName', fullName)
  @SatisfiesRule('nameForm', notBothForms)
  full_name?: string;

  @ApiPropertyOptional({ example: 'John', description: 'With last_name, instead of full_name (seed 004); joined as "first last"' })
  @ValidateIf((object: Record<string, unknown>) => givesParts(object))
  @IsString()
  @MaxLength(NAME_PART_MAX)
  @SatisfiesRule('firstName', joinedName('first_name'))
  first_name?: string;

  @ApiPropertyOptional({ example: 'Doe', description: 'With first_name, instead of full_name (seed 004)' })
  @ValidateIf((object: Record<string, unknown>) => givesParts(object))
  @IsString()
  @MaxLength(NAME_PART_MAX)
  @SatisfiesRule('lastName', joinedName('last_name'))
  last_name?: string;

  @ApiProperty({ example: 'john.doe@example.com', maxLength: EMAIL_MAX })
  @IsEmail()
  @MaxLength(EMAIL_MAX)
  email: string;

  @ApiProperty({
    example: 'SecurePass123!',
    description: 'At least 8 characters with upper and lower case, a digit and a special character; not the e-mail, not a common password',
  })
  @IsString()
  @SatisfiesRule('password', (value, object) => checkPassword(value, typeof object.email === 'string' ? object.email : undefined))
  password: string;

  @ApiProperty({ example: '1990-01-15', format: 'date', description: 'At least 13 years ago' })
  @IsString()
  @MaxLength(DATE_INPUT_MAX)
  @SatisfiesRule('dateOfBirth', dateOfBirth)
  date_of_birth: string;

  @ApiPropertyOptional({ example: '+14155550123', description: 'E.164' })
  @IsOptional()
  @IsString()
  @MaxLength(PHONE_INPUT_MAX)
  @SatisfiesRule('phone', phone)
  phone_number?: string;
}

export class LoginRequestDto {
  @ApiProperty({ example: 'john.doe@example.com' })
  @IsEmail()
  @MaxLength(EMAIL_MAX)
  email: string;

  @ApiProperty({ example: 'SecurePass123!' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_INPUT_MAX)
  password: string;
}

export class RefreshRequestDto {
  @ApiProperty({ description: 'The opaque refresh token from the last sign-in or refresh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TOKEN_MAX)
  refresh_token: string;
}

export class LogoutRequestDto {
  @ApiPropertyOptional({ description: 'Optional (seed 001): its session is ended too when it is yours' })
  @IsOptional()
  @IsString()
  @MaxLength(TOKEN_MAX)
  refresh_token?: string;
}

export class UpdateProfileRequestDto {
  @ApiPropertyOptional({ example: 'Jane Doe', description: 'Or first_name and last_name together, not both forms' })
  @IsOptional()
  @IsString()
  @MaxLength(NAME_INPUT_MAX)
  @SatisfiesRule('fullName', fullName)
  @SatisfiesRule('nameForm', notBothForms)
  full_name?: string;

  @ApiPropertyOptional({ example: 'Jane', description: 'With last_name, instead of full_name' })
  @ValidateIf((object: Record<string, unknown>) => givesParts(object))
  @IsString()
  @MaxLength(NAME_PART_MAX)
  @SatisfiesRule('firstName', joinedName('first_name'))
  first_name?: string;

  @ApiPropertyOptional({ example: 'Doe', description: 'With first_name, instead of full_name' })
  @ValidateIf((object: Record<string, unknown>) => givesParts(object))
  @IsString()
  @MaxLength(NAME_PART_MAX)
  @SatisfiesRule('lastName', joinedName('last_name'))
  last_name?: string;

  @ApiPropertyOptional({ example: '1990-01-15', format: 'date' })
  @IsOptional()
  @IsString()
  @MaxLength(DATE_INPUT_MAX)
  @SatisfiesRule('dateOfBirth', dateOfBirth)
  date_of_birth?: string;

  @ApiPropertyOptional({ example: '+14155550123', nullable: true, description: 'E.164; null removes it. A new number starts unverified.' })
  @ValidateIf((_object, value) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(PHONE_INPUT_MAX)
  @SatisfiesRule('phone', phone)
  phone_number?: string | null;
}

export class ChangePasswordRequestDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_INPUT_MAX)
  current_password: string;

  @ApiProperty({ description: 'Same rules as at sign-up' })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  new_password: string;
}

export class EmailChangeRequestDto {
  @ApiProperty({ example: 'new.address@example.com' })
  @IsEmail()
  @MaxLength(EMAIL_MAX)
  new_email: string;

  @ApiProperty({ description: 'The current password, to confirm it is really you' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_INPUT_MAX)
  password: string;
}

export class TokenRequestDto {
  @ApiProperty({ description: 'The token from the e-mail link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TOKEN_MAX)
  token: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'john.doe@example.com' })
  @IsEmail()
  @MaxLength(EMAIL_MAX)
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the reset e-mail' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TOKEN_MAX)
  token: string;

  @ApiProperty({ description: 'Same rules as at sign-up' })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  new_password: string;
}

export class OtpRequestDto {
  @ApiProperty({ example: '+14155550123', description: 'E.164' })
  @IsString()
  @MaxLength(PHONE_INPUT_MAX)
  @SatisfiesRule('phone', phone)
  phone_number: string;

  @ApiPropertyOptional({
    enum: ['login', 'verification'],
    default: 'login',
    description: 'login: for POST /phone/login; verification: for POST /phone/verify-otp',
  })
  @IsOptional()
  @IsIn(['login', 'verification'])
  purpose?: 'login' | 'verification';
}

export class OtpVerifyDto {
  @ApiProperty({ example: '+14155550123', description: 'E.164' })
  @IsString()
  @MaxLength(PHONE_INPUT_MAX)
  @SatisfiesRule('phone', phone)
  phone_number: string;

  @ApiProperty({ example: '123456', description: 'The six digits received by SMS' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'otp_code must be six digits' })
  otp_code: string;
}
