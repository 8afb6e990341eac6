import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../../../../platform/auth/public.decorator';
import { APP_CONFIG } from '../../../../platform/config/config.module';
import type { AppConfig } from '../../../../platform/config/config.schema';

/** src/… and dist/… sit at the same depth below the package root. */
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

export class IdentityProvidersDto {
  @ApiProperty({ description: 'E-mail and password sign-in' }) password: boolean;
  @ApiProperty({ description: 'Phone OTP sign-in: true when SMS delivery is configured (otherwise codes go to the development outbox)' })
  phone_otp: boolean;
  @ApiProperty({ description: 'Verification and reset e-mails: true when SMTP is configured (otherwise the development outbox)' })
  email_delivery: boolean;
}

export class IdentityHealthDto {
  @ApiProperty({ enum: ['healthy'] }) status: 'healthy';
  @ApiProperty({ example: 'revsync-identity' }) service: string;
  @ApiProperty({ example: '0.1.0' }) version: string;
  @ApiProperty({ enum: ['development', 'test', 'production'] }) environment: string;
  @ApiProperty({ type: IdentityProvidersDto }) providers: IdentityProvidersDto;
}

/**
 * Seed 001's `GET /api/v1/auth/health`: the identity service's own status and
 * which identity providers are configured. Public and cheap (no I/O): whether
 * Postgres and Redis answer is /api/v1/health/ready's job.
 */
@ApiTags('identity')
@Controller('auth/health')
export class IdentityHealthController {
  private readonly body: IdentityHealthDto;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.body = {
      status: 'healthy',
      service: 'revsync-identity',
      version: PACKAGE_VERSION,
      environment: config.nodeEnv,
      providers: { password: true, phone_otp: Boolean(config.sms.accountSid), email_delivery: Boolean(config.mail.smtpUrl) },
    };
  }

  @Get()
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'identity_health',
    summary: 'Identity service status, version, environment and configured identity providers (seed 001 shape; no dependency checks)',
  })
  @ApiOkResponse({ type: IdentityHealthDto })
  health(): IdentityHealthDto {
    return this.body;
  }
}
