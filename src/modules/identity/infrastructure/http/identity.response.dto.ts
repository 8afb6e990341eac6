import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../../platform/http/pagination.dto';
import type { AuthResult, ProfileView, SessionView, TokenPair } from '../../application/views';
import type { PhoneStatusView } from '../../application/use-cases/get-phone-verification-status.use-case';

export class UserProfileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'John Doe' }) full_name: string;
  @ApiProperty({ example: 'john.doe@example.com' }) email: string;
  @ApiProperty() email_verified: boolean;
  @ApiProperty({ type: String, nullable: true, example: '+14155550123' }) phone_number: string | null;
  @ApiProperty() phone_verified: boolean;
  @ApiProperty({ format: 'date', example: '1990-01-15' }) date_of_birth: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uri',
    description: 'The 256-pixel WebP picture (public, cacheable; replace the last path segment by 64 or 512 for the other sizes); null without a picture',
  })
  profile_picture_url: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(view: ProfileView): UserProfileDto {
    return {
      id: view.id,
      full_name: view.fullName,
      email: view.email,
      email_verified: view.emailVerified,
      phone_number: view.phoneNumber,
      phone_verified: view.phoneVerified,
      date_of_birth: view.dateOfBirth,
      profile_picture_url: view.pictureUrl,
      created_at: view.createdAt.toISOString(),
      updated_at: view.updatedAt.toISOString(),
    };
  }
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT (HS256, typ at+jwt); send as `Authorization: Bearer <token>`' }) access_token: string;
  @ApiProperty({ description: 'Opaque, single use: every refresh returns a new one' }) refresh_token: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 }) expires_in: number;

  static from(pair: TokenPair): TokenPairDto {
    return { access_token: pair.accessToken, refresh_token: pair.refreshToken, token_type: 'Bearer', expires_in: pair.expiresIn };
  }
}

export class AuthResponseDto extends TokenPairDto {
  @ApiProperty({ type: UserProfileDto }) user: UserProfileDto;

  static fromResult(result: AuthResult): AuthResponseDto {
    return { ...TokenPairDto.from(result), user: UserProfileDto.from(result.user) };
  }
}

export class MessageDto {
  @ApiProperty() message: string;
}

export class LogoutAllResponseDto extends MessageDto {
  @ApiProperty({ description: 'How many sessions were ended' }) revoked_sessions: number;
}

export class EmailChangeAcceptedDto extends MessageDto {
  @ApiProperty({ description: 'Seconds the confirmation link stays valid' }) expires_in: number;
}

export class EmailVerifiedDto {
  @ApiProperty() email: string;
  @ApiProperty({ enum: [true] }) email_verified: true;
}

export class OtpSentDto extends MessageDto {
  @ApiProperty({ description: 'Seconds the code stays valid' }) expires_in: number;
  @ApiProperty({ description: 'Seconds before another code may be requested' }) resend_after: number;
}

export class PhoneStatusDto {
  @ApiProperty({ type: String, nullable: true }) phone_number: string | null;
  @ApiProperty() phone_verified: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verified_at: string | null;

  static from(view: PhoneStatusView): PhoneStatusDto {
    return { phone_number: view.phoneNumber, phone_verified: view.phoneVerified, verified_at: view.verifiedAt?.toISOString() ?? null };
  }
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) user_agent: string | null;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ enum: ['password', 'phone_otp', 'password_change'] }) auth_method: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) last_used_at: string;
  @ApiProperty({ format: 'date-time', description: 'When the session ends unless used again' }) expires_at: string;
  @ApiProperty({ description: 'Whether this is the session of the access token used for this request' }) current: boolean;

  static from(view: SessionView): SessionDto {
    return {
      id: view.id,
      user_agent: view.userAgent,
      ip: view.ip,
      auth_method: view.authMethod,
      created_at: view.createdAt.toISOString(),
      last_used_at: view.lastUsedAt.toISOString(),
      expires_at: view.expiresAt.toISOString(),
      current: view.current,
    };
  }
}

export class SessionPageDto {
  @ApiProperty({ type: [SessionDto] }) data: SessionDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
