import { DynamicModule, Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCESS_TOKEN_VERIFIER } from '../../platform/auth/principal';
import { APP_CONFIG } from '../../platform/config/config.module';
import type { AppConfig } from '../../platform/config/config.schema';
import { IdentityApi } from './application/identity.api';
import {
  ACCESS_TOKEN_CODEC,
  IDENTITY_MESSAGES,
  IDENTITY_SETTINGS,
  IDENTITY_UNIT_OF_WORK,
  IdentityRepositories,
  IdentitySettings,
  PASSWORD_HASHER,
  PASSWORD_RESET_QUEUE,
  IDENTITY_RETENTION,
  SECRET_TOKENS,
  SESSION_GATE,
  PICTURE_ENCODER,
  PROFILE_PICTURE_SETTINGS,
  ProfilePictureSettings,
} from './application/ports';
import { ProfilePictureLinks } from './application/services/profile-picture-links';
import { GetProfilePictureUseCase } from './application/use-cases/get-profile-picture.use-case';
import { RemoveProfilePictureUseCase } from './application/use-cases/remove-profile-picture.use-case';
import { SetProfilePictureUseCase } from './application/use-cases/set-profile-picture.use-case';
import { ProfilePictureController, ProfilePicturesPublicController } from './infrastructure/http/profile-picture.controller';
import { SharpPictureEncoder } from './infrastructure/pictures/sharp-picture.encoder';
import { TypeOrmProfilePictureRepository } from './infrastructure/persistence/typeorm-profile-picture.repository';
import { OtpChecker } from './application/services/otp-checker';
import { PasswordGate } from './application/services/password-gate';
import { SessionIssuer } from './application/services/session-issuer';
import { AuthenticateAccessTokenUseCase } from './application/use-cases/authenticate-access-token.use-case';
import { ChangePasswordUseCase } from './application/use-cases/change-password.use-case';
import { CreateAccountUseCase } from './application/use-cases/create-account.use-case';
import { ConfirmPasswordResetUseCase } from './application/use-cases/confirm-password-reset.use-case';
import { DisableAccountUseCase } from './application/use-cases/disable-account.use-case';
import { EnableAccountUseCase } from './application/use-cases/enable-account.use-case';
import { RevokeAccountSessionsUseCase } from './application/use-cases/revoke-account-sessions.use-case';
import { GetPhoneVerificationStatusUseCase } from './application/use-cases/get-phone-verification-status.use-case';
import { GetProfileUseCase } from './application/use-cases/get-profile.use-case';
import { IssuePasswordResetUseCase } from './application/use-cases/issue-password-reset.use-case';
import { ListSessionsUseCase } from './application/use-cases/list-sessions.use-case';
import { LogInWithPhoneUseCase } from './application/use-cases/log-in-with-phone.use-case';
import { LogInUseCase } from './application/use-cases/log-in.use-case';
import { LogOutAllUseCase } from './application/use-cases/log-out-all.use-case';
import { LogOutUseCase } from './application/use-cases/log-out.use-case';
import { PurgeExpiredIdentityDataUseCase } from './application/use-cases/purge-expired-identity-data.use-case';
import { RefreshSessionUseCase } from './application/use-cases/refresh-session.use-case';
import { RequestEmailChangeUseCase } from './application/use-cases/request-email-change.use-case';
import { RequestPasswordResetUseCase } from './application/use-cases/request-password-reset.use-case';
import { RequestPhoneOtpUseCase } from './application/use-cases/request-phone-otp.use-case';
import { RenameAccountUseCase } from './application/use-cases/rename-account.use-case';
import { RevokeSessionUseCase } from './application/use-cases/revoke-session.use-case';
import { SignUpUseCase } from './application/use-cases/sign-up.use-case';
import { UpdateProfileUseCase } from './application/use-cases/update-profile.use-case';
import { VerifyEmailUseCase } from './application/use-cases/verify-email.use-case';
import { VerifyPhoneOtpUseCase } from './application/use-cases/verify-phone-otp.use-case';
import { Argon2PasswordHasher } from './infrastructure/crypto/argon2-password.hasher';
import { JoseAccessTokenCodec } from './infrastructure/crypto/jose-access-token.codec';
import { NodeSecretTokens } from './infrastructure/crypto/node-secret.tokens';
import { AuthController } from './infrastructure/http/auth.controller';
import { CredentialsController } from './infrastructure/http/credentials.controller';
import { PhoneController } from './infrastructure/http/phone.controller';
import { ProfileController } from './infrastructure/http/profile.controller';
import { SessionsController } from './infrastructure/http/sessions.controller';
import { IDENTITY_CONFIG, IdentityConfig, readIdentityConfig } from './infrastructure/identity-config';
import { IdentityHealthController } from './infrastructure/http/identity-health.controller';
import { moduleConfigProvider } from '../../platform/config/config.module';
import { BullPasswordResetQueue, IDENTITY_QUEUE, IdentityJobsProcessor } from './infrastructure/jobs/identity-jobs';
import { registerQueues } from '../../platform/queues/queues.module';
import { NotificationIdentityMessages } from './infrastructure/messaging/notification-identity.messages';
import { IDENTITY_ENTITIES } from './infrastructure/persistence/identity.entities';
import { TypeOrmIdentityRetention } from './infrastructure/persistence/typeorm-identity-retention';
import { TypeOrmAccountRepository } from './infrastructure/persistence/typeorm-account.repository';
import {
  TypeOrmAccountTokenRepository,
  TypeOrmLoginThrottleRepository,
  TypeOrmOtpRepository,
} from './infrastructure/persistence/typeorm-one-time.repositories';
import { TypeOrmSecurityEventRecorder } from './infrastructure/persistence/typeorm-security-event.recorder';
import { TypeOrmRefreshTokenRepository, TypeOrmSessionRepository } from './infrastructure/persistence/typeorm-session.repository';
import { unitOfWorkProvider } from '../../platform/database/unit-of-work';
import { CachedSessionGate } from './infrastructure/sessions/cached-session.gate';

const USE_CASES = [
  SignUpUseCase,
  LogInUseCase,
  RefreshSessionUseCase,
  LogOutUseCase,
  LogOutAllUseCase,
  GetProfileUseCase,
  UpdateProfileUseCase,
  ChangePasswordUseCase,
  RequestEmailChangeUseCase,
  VerifyEmailUseCase,
  RequestPasswordResetUseCase,
  IssuePasswordResetUseCase,
  ConfirmPasswordResetUseCase,
  RequestPhoneOtpUseCase,
  VerifyPhoneOtpUseCase,
  LogInWithPhoneUseCase,
  GetPhoneVerificationStatusUseCase,
  ListSessionsUseCase,
  RevokeSessionUseCase,
  DisableAccountUseCase,
  EnableAccountUseCase,
  RevokeAccountSessionsUseCase,
  CreateAccountUseCase,
  RenameAccountUseCase,
  AuthenticateAccessTokenUseCase,
  PurgeExpiredIdentityDataUseCase,
  SetProfilePictureUseCase,
  RemoveProfilePictureUseCase,
  GetProfilePictureUseCase,
];

const ADAPTERS: Provider[] = [
  moduleConfigProvider(IDENTITY_CONFIG, readIdentityConfig),
  { provide: IDENTITY_SETTINGS, inject: [APP_CONFIG, IDENTITY_CONFIG], useFactory: settingsFrom },
  unitOfWorkProvider(IDENTITY_UNIT_OF_WORK, (db, events): IdentityRepositories => ({
    accounts: new TypeOrmAccountRepository(db),
    sessions: new TypeOrmSessionRepository(db, events),
    refreshTokens: new TypeOrmRefreshTokenRepository(db),
    accountTokens: new TypeOrmAccountTokenRepository(db),
    otps: new TypeOrmOtpRepository(db),
    loginThrottles: new TypeOrmLoginThrottleRepository(db),
    securityEvents: new TypeOrmSecurityEventRecorder(db, events),
    pictures: new TypeOrmProfilePictureRepository(db),
  })),
  { provide: PICTURE_ENCODER, useClass: SharpPictureEncoder },
  {
    provide: PROFILE_PICTURE_SETTINGS,
    inject: [APP_CONFIG, IDENTITY_CONFIG],
    useFactory: (config: AppConfig, identity: IdentityConfig): ProfilePictureSettings => ({
      maxBytes: identity.pictureMaxBytes,
      apiBaseUrl: `${config.http.publicUrl.replace(/\/+$/, '')}/api/v1`,
    }),
  },
  { provide: PASSWORD_HASHER, useClass: Argon2PasswordHasher },
  { provide: ACCESS_TOKEN_CODEC, useClass: JoseAccessTokenCodec },
  { provide: SECRET_TOKENS, useClass: NodeSecretTokens },
  { provide: SESSION_GATE, useClass: CachedSessionGate },
  { provide: IDENTITY_MESSAGES, useClass: NotificationIdentityMessages },
  { provide: PASSWORD_RESET_QUEUE, useClass: BullPasswordResetQueue },
  { provide: IDENTITY_RETENTION, useClass: TypeOrmIdentityRetention },
];

/**
 * The identity context. Global because the platform's AuthGuard (declared in
 * PlatformModule) resolves ACCESS_TOKEN_VERIFIER from it, and other contexts
 * reach IdentityApi.
 */
@Module({})
export class IdentityModule {
  static register(options: { processJobs: boolean; serveHttp: boolean }): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES), registerQueues(IDENTITY_QUEUE)],
      controllers: options.serveHttp
        ? [
            AuthController,
            IdentityHealthController,
            ProfileController,
            CredentialsController,
            PhoneController,
            SessionsController,
            ProfilePictureController,
            ProfilePicturesPublicController,
          ]
        : [],
      providers: [
        ...ADAPTERS,
        SessionIssuer,
        ProfilePictureLinks,
        PasswordGate,
        OtpChecker,
        ...USE_CASES,
        IdentityApi,
        { provide: ACCESS_TOKEN_VERIFIER, useExisting: AuthenticateAccessTokenUseCase },
        ...(options.processJobs ? [IdentityJobsProcessor] : []),
      ],
      exports: [ACCESS_TOKEN_VERIFIER, IdentityApi],
    };
  }
}

function settingsFrom(config: AppConfig, identity: IdentityConfig): IdentitySettings {
  return {
    accessTtlSeconds: config.jwt.accessTtlSeconds,
    refreshIdleTtlSeconds: identity.refreshIdleTtlSeconds,
    refreshAbsoluteTtlSeconds: identity.refreshAbsoluteTtlSeconds,
    refreshGraceSeconds: identity.refreshGraceSeconds,
    emailVerificationTtlSeconds: identity.emailVerificationTtlSeconds,
    emailChangeTtlSeconds: identity.emailChangeTtlSeconds,
    passwordResetTtlSeconds: identity.passwordResetTtlSeconds,
    otpTtlSeconds: identity.otpTtlSeconds,
    otpMaxAttempts: identity.otpMaxAttempts,
    otpResendCooldownSeconds: identity.otpResendCooldownSeconds,
    otpWindowSeconds: identity.otpWindowSeconds,
    otpMaxPerPhone: identity.otpMaxPerPhone,
    otpMaxPerIp: identity.otpMaxPerIp,
    loginFailureThreshold: identity.loginFailureThreshold,
    loginThrottleBaseSeconds: identity.loginThrottleBaseSeconds,
    loginThrottleMaxSeconds: identity.loginThrottleMaxSeconds,
    loginFailureWindowSeconds: identity.loginFailureWindowSeconds,
    retentionDays: identity.retentionDays,
  };
}
