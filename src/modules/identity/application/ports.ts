import type { RequestContext, SortOrder, UnitOfWork } from '../../../platform/kernel';
import type { Account, AccountState, LoginThrottleState, OtpChallenge, OtpPurpose, RevokeReason, SecurityEvent, Session, SessionState } from '../domain';
import type { ProfileView } from './views';

/**
 * What the use cases need from the outside world. Implemented in
 * infrastructure/; nothing here knows about TypeORM, Redis, jose or argon2.
 */

// ---------------------------------------------------------------- persistence

/** The fields an account list sorts by (the operators' console). */
export const ACCOUNT_SORTS = ['created_at', 'email', 'full_name'] as const;
export type AccountSortField = (typeof ACCOUNT_SORTS)[number];

/** A profile as stored: its picture as a version (the URL is built from it), null without a picture. */
export interface StoredProfile {
  view: ProfileView;
  pictureVersion: string | null;
}

export interface AccountRepository {
  /** Accounts created per UTC day since `since` (days without any are left out). */
  createdByDay(since: Date): Promise<Array<{ day: string; count: number }>>;
  findById(id: string): Promise<Account | undefined>;
  /** The profile alone, read without the rest of the account (its password hash, roles, state), with its picture's version, in one statement. */
  findProfile(id: string): Promise<StoredProfile | undefined>;
  findByIdForUpdate(id: string): Promise<Account | undefined>;
  findByEmail(email: string): Promise<Account | undefined>;
  findByVerifiedPhone(phoneNumber: string): Promise<Account | undefined>;
  findByIds(ids: string[]): Promise<Account[]>;
  /** Names and picture versions (null without a picture) of these accounts, in one statement; unknown ids are absent. */
  findPublicProfiles(ids: string[]): Promise<Array<{ id: string; fullName: string; pictureVersion: string | null }>>;
  /** `emailContains` matches case-insensitively anywhere in the address. */
  list(
    filter: { emailContains?: string; text?: string; disabled?: boolean; sort?: SortOrder<AccountSortField> },
    page: { offset: number; limit: number },
  ): Promise<{ items: Account[]; total: number }>;
  /** Throws IdentityErrors.emailTaken / phoneTaken when a unique rule is broken. */
  insert(account: Account): Promise<void>;
  save(account: Account): Promise<void>;
}

export interface SessionStatus {
  userId: string;
  revoked: boolean;
  absoluteExpiresAt: Date;
}

/** The security event of the sign-in that opened a session, stored with it. */
export interface SignInEvent {
  ctx: RequestContext;
  event: SecurityEvent;
}

export interface SessionRepository {
  /**
   * Stores a new session, its first refresh token and, when given, the security event of the sign-in that opened
   * it, all or nothing. Every sign-in runs this, so it is one statement and needs no transaction around it.
   */
  insertOpened(session: Session, firstToken: { tokenHash: Buffer; createdAt: Date }, signIn?: SignInEvent): Promise<void>;
  findById(id: string): Promise<Session | undefined>;
  findByIdForUpdate(id: string): Promise<Session | undefined>;
  save(session: Session): Promise<void>;
  /** The cheap check done for every authenticated request (primary-key lookup). */
  status(id: string): Promise<SessionStatus | undefined>;
  listActive(userId: string, now: Date, page: { offset: number; limit: number }): Promise<{ items: SessionState[]; total: number }>;
  /** Revokes every active session of the user except `exceptId`; returns the ids it revoked. */
  revokeAllForUser(userId: string, reason: RevokeReason, now: Date, exceptId?: string): Promise<string[]>;
}

export interface RefreshTokenRecord {
  id: string;
  familyId: string;
  generation: number;
  usedAt: Date | null;
  successorCiphertext: Buffer | null;
}

export interface RefreshTokenRepository {
  findByHash(tokenHash: Buffer): Promise<RefreshTokenRecord | undefined>;
  insert(record: { familyId: string; generation: number; tokenHash: Buffer; createdAt: Date }): Promise<void>;
  markUsed(id: string, usedAt: Date, successorCiphertext: Buffer): Promise<void>;
}

export type AccountTokenPurpose = 'email_verification' | 'email_change' | 'password_reset';

export interface AccountTokenRecord {
  id: string;
  userId: string;
  purpose: AccountTokenPurpose;
  email: string;
  expiresAt: Date;
}

export interface AccountTokenRepository {
  insert(record: { userId: string; purpose: AccountTokenPurpose; tokenHash: Buffer; email: string; expiresAt: Date; createdAt: Date }): Promise<void>;
  /** Marks a live token used and returns it, atomically: a token is consumed at most once. */
  consume(tokenHash: Buffer, purposes: AccountTokenPurpose[], now: Date): Promise<AccountTokenRecord | undefined>;
  /** Ends the user's unused tokens of a purpose, so only the newest link works. */
  invalidateOpen(userId: string, purpose: AccountTokenPurpose, now: Date): Promise<void>;
  lastIssuedAt(userId: string, purpose: AccountTokenPurpose): Promise<Date | undefined>;
}

export interface OtpRepository {
  /** Serializes every OTP operation on one phone number until the transaction ends. */
  lockPhone(phoneNumber: string): Promise<void>;
  lastSentAt(phoneNumber: string, purpose: OtpPurpose): Promise<Date | undefined>;
  countForPhoneSince(phoneNumber: string, since: Date): Promise<number>;
  countForIpSince(ip: string, since: Date): Promise<number>;
  oldestForPhoneSince(phoneNumber: string, since: Date): Promise<Date | undefined>;
  oldestForIpSince(ip: string, since: Date): Promise<Date | undefined>;
  supersedePending(phoneNumber: string, purpose: OtpPurpose): Promise<void>;
  insert(record: { phoneNumber: string; purpose: OtpPurpose; codeHash: Buffer; expiresAt: Date; requestIp: string | null; createdAt: Date }): Promise<string>;
  findLatestPending(phoneNumber: string, purpose: OtpPurpose): Promise<{ challenge: OtpChallenge; codeHash: Buffer } | undefined>;
  save(challenge: OtpChallenge): Promise<void>;
}

export interface LoginThrottleRepository {
  /** Serializes updates of one key until the transaction ends. */
  lock(key: Buffer): Promise<void>;
  get(key: Buffer): Promise<LoginThrottleState | undefined>;
  put(key: Buffer, state: LoginThrottleState): Promise<void>;
  clear(key: Buffer): Promise<void>;
}

/** Records security events; each also publishes `identity.security-event.recorded` (application/events.ts), in the same write. */
export interface SecurityEventRecorder {
  record(ctx: RequestContext, event: SecurityEvent): Promise<void>;
}

export interface IdentityRepositories {
  accounts: AccountRepository;
  sessions: SessionRepository;
  refreshTokens: RefreshTokenRepository;
  accountTokens: AccountTokenRepository;
  otps: OtpRepository;
  loginThrottles: LoginThrottleRepository;
  securityEvents: SecurityEventRecorder;
  pictures: ProfilePictureRepository;
}

/** Which version of each user's profile picture is current (no row: no picture). */
export interface ProfilePictureRepository {
  versionOf(userId: string): Promise<string | undefined>;
  versionsOf(userIds: string[]): Promise<Map<string, string>>;
  /** Makes `version` current; returns the version it replaced, if any. */
  replace(userId: string, version: string): Promise<string | undefined>;
  /** Returns the version removed, if any. */
  remove(userId: string): Promise<string | undefined>;
}

/** Runs work in one transaction; `repos` outside of one (each call its own statement). The platform's generic unit of work. */
export type IdentityUnitOfWork = UnitOfWork<IdentityRepositories>;

export const IDENTITY_UNIT_OF_WORK = Symbol('IDENTITY_UNIT_OF_WORK');

// ---------------------------------------------------------------- crypto

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the same time as a real verification and returns false (unknown accounts). */
  verifyAgainstDummy(password: string): Promise<false>;
  needsUpgrade(hash: string): boolean;
}

export const PASSWORD_HASHER = Symbol('PASSWORD_HASHER');

export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
  roles: string[];
}

export interface AccessTokenCodec {
  issue(claims: AccessTokenClaims): Promise<{ token: string; expiresIn: number }>;
  /** Throws IdentityErrors.accessTokenInvalid / accessTokenExpired. */
  verify(token: string): Promise<AccessTokenClaims>;
}

export const ACCESS_TOKEN_CODEC = Symbol('ACCESS_TOKEN_CODEC');

export interface SecretTokens {
  /** 256 bits from a CSPRNG, URL-safe. */
  newOpaqueToken(): string;
  /** SHA-256 of a high-entropy token: what is stored and looked up. */
  hashToken(raw: string): Buffer;
  /** Encrypts the successor refresh token under a key derived from its predecessor. */
  sealSuccessor(previousRaw: string, successorRaw: string, familyId: string): Buffer;
  openSuccessor(previousRaw: string, ciphertext: Buffer, familyId: string): string | undefined;
  /** Six CSPRNG digits. */
  newOtpCode(): string;
  /** Keyed hash (HMAC) of a code bound to its phone and purpose. */
  hashOtpCode(phoneNumber: string, purpose: OtpPurpose, code: string): Buffer;
  /** Keyed hash of a normalized e-mail: the login throttle's key. */
  emailKey(email: string): Buffer;
  equal(a: Buffer, b: Buffer): boolean;
}

export const SECRET_TOKENS = Symbol('SECRET_TOKENS');

// ---------------------------------------------------------------- sessions across processes

/**
 * Whether a session may still be used, answered on every request: cached per
 * process and invalidated across processes when a session is revoked.
 */
export interface SessionGate {
  isActive(sessionId: string, userId: string): Promise<boolean>;
  /** Called after the revoking transaction committed. */
  revoked(sessionIds: string[]): Promise<void>;
}

export const SESSION_GATE = Symbol('SESSION_GATE');

// ---------------------------------------------------------------- messages and jobs

export interface IdentityMessages {
  emailVerification(ctx: RequestContext, to: string, token: string): Promise<void>;
  emailChangeConfirmation(ctx: RequestContext, to: string, token: string): Promise<void>;
  emailChangedNotice(ctx: RequestContext, to: string, newEmail: string): Promise<void>;
  passwordReset(ctx: RequestContext, to: string, token: string, ttlMinutes: number): Promise<void>;
  passwordChangedNotice(ctx: RequestContext, to: string): Promise<void>;
  otpCode(ctx: RequestContext, to: string, code: string, purpose: OtpPurpose, ttlMinutes: number): Promise<void>;
}

export const IDENTITY_MESSAGES = Symbol('IDENTITY_MESSAGES');

/** Hands a reset request to a job, so the answer takes the same time whether or not the account exists. */
export interface PasswordResetQueue {
  enqueue(ctx: RequestContext, email: string): Promise<void>;
}

export const PASSWORD_RESET_QUEUE = Symbol('PASSWORD_RESET_QUEUE');

// ---------------------------------------------------------------- retention

/** What the retention sweep may delete; every bound is exclusive ("before"). */
export interface RetentionCutoffs {
  /** Sessions (with their refresh tokens) that ended, and one-time links and phone codes that expired or were used, before this. */
  endedBefore: Date;
  /** Login failure streaks whose last failure is older than this, once no block is running at `now`. */
  staleThrottlesBefore: Date;
  now: Date;
}

export interface PurgedCounts {
  sessions: number;
  accountTokens: number;
  phoneOtps: number;
  loginThrottles: number;
}

/** Deletes rows identity no longer needs, in batches so no statement holds locks for long. The audit trail is kept. */
export interface IdentityRetention {
  purge(cutoffs: RetentionCutoffs, batchSize: number): Promise<PurgedCounts>;
}

export const IDENTITY_RETENTION = Symbol('IDENTITY_RETENTION');

export const IDENTITY_SETTINGS = Symbol('IDENTITY_SETTINGS');

/** The parts of the configuration identity reads. */
export interface IdentitySettings {
  accessTtlSeconds: number;
  refreshIdleTtlSeconds: number;
  refreshAbsoluteTtlSeconds: number;
  refreshGraceSeconds: number;
  emailVerificationTtlSeconds: number;
  emailChangeTtlSeconds: number;
  passwordResetTtlSeconds: number;
  otpTtlSeconds: number;
  otpMaxAttempts: number;
  otpResendCooldownSeconds: number;
  otpWindowSeconds: number;
  otpMaxPerPhone: number;
  otpMaxPerIp: number;
  loginFailureThreshold: number;
  loginThrottleBaseSeconds: number;
  loginThrottleMaxSeconds: number;
  loginFailureWindowSeconds: number;
  retentionDays: number;
}

export type { AccountState };

// ---------------------------------------------------------------- profile pictures

/** The sizes (square, pixels) every picture is re-encoded to; the URL names one of them. */
export const PROFILE_PICTURE_SIZES = [64, 256, 512] as const;
export type ProfilePictureSize = (typeof PROFILE_PICTURE_SIZES)[number];

/**
 * Turns uploaded bytes into the images served: checks what they are from the
 * bytes, decodes, and re-encodes each size from scratch (no metadata survives).
 * Throws a DomainError (4xx) for anything that is not an accepted image.
 */
export interface PictureEncoder {
  encode(bytes: Buffer): Promise<Map<ProfilePictureSize, Buffer>>;
}

export const PICTURE_ENCODER = Symbol('PICTURE_ENCODER');

export interface ProfilePictureSettings {
  /** The largest upload accepted, in bytes. */
  maxBytes: number;
  /** Absolute base of the API (PUBLIC_URL + /api/v1), for the URLs handed out. */
  apiBaseUrl: string;
}

export const PROFILE_PICTURE_SETTINGS = Symbol('PROFILE_PICTURE_SETTINGS');
