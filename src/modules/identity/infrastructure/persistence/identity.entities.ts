import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Row shapes of the identity tables (created by migrations/…-IdentitySchema.ts).
 * Repositories map them to domain objects; they never leave infrastructure.
 */
@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text' }) fullName: string;
  @Column({ type: 'text' }) passwordHash: string;
  @Column({ type: 'date' }) dateOfBirth: string;
  @Column({ type: 'text', nullable: true }) phoneNumber: string | null;
  @Column({ type: 'timestamptz', nullable: true }) phoneVerifiedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) emailVerifiedAt: Date | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) roles: string[];
  @Column({ type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid' }) userId: string;
  @Column({ type: 'text' }) authMethod: string;
  @Column({ type: 'text', nullable: true }) userAgent: string | null;
  @Column({ type: 'text', nullable: true }) ip: string | null;
  @Column({ type: 'integer' }) generation: number;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) lastUsedAt: Date;
  @Column({ type: 'timestamptz' }) idleExpiresAt: Date;
  @Column({ type: 'timestamptz' }) absoluteExpiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'text', nullable: true }) revokeReason: string | null;
}

@Entity({ name: 'refresh_tokens' })
export class RefreshTokenEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid' }) familyId: string;
  @Column({ type: 'integer' }) generation: number;
  @Column({ type: 'bytea' }) tokenHash: Buffer;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) usedAt: Date | null;
  @Column({ type: 'bytea', nullable: true }) successorCiphertext: Buffer | null;
}

@Entity({ name: 'account_tokens' })
export class AccountTokenEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid' }) userId: string;
  @Column({ type: 'text' }) purpose: string;
  @Column({ type: 'bytea' }) tokenHash: Buffer;
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) usedAt: Date | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}

@Entity({ name: 'phone_otps' })
export class PhoneOtpEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text' }) phoneNumber: string;
  @Column({ type: 'text' }) purpose: string;
  @Column({ type: 'bytea' }) codeHash: Buffer;
  @Column({ type: 'integer' }) attempts: number;
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'text', nullable: true }) requestIp: string | null;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}

@Entity({ name: 'login_throttles' })
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'bytea' }) keyHash: Buffer;
  @Column({ type: 'integer' }) failures: number;
  @Column({ type: 'timestamptz' }) lastFailureAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) blockedUntil: Date | null;
}

@Entity({ name: 'security_events' })
export class SecurityEventEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', nullable: true }) userId: string | null;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'text', nullable: true }) ip: string | null;
  @Column({ type: 'text', nullable: true }) userAgent: string | null;
  @Column({ type: 'text', nullable: true }) requestId: string | null;
  @Column({ type: 'jsonb' }) metadata: Record<string, unknown>;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}

export const IDENTITY_ENTITIES = [
  AccountEntity,
  SessionEntity,
  RefreshTokenEntity,
  AccountTokenEntity,
  PhoneOtpEntity,
  LoginThrottleEntity,
  SecurityEventEntity,
];
