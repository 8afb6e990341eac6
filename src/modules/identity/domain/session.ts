/**
 * A session is one refresh-token family: it starts at sign-in, its refresh token
 * rotates on every use, and it ends when revoked or when it has been idle, or
 * alive, for too long. Access tokens carry its id (`sid`), so revoking it ends
 * them too.
 */
export type AuthMethod = 'password' | 'phone_otp' | 'password_change';

export type RevokeReason =
  'logout' | 'logout_all' | 'revoked_by_user' | 'refresh_reuse' | 'password_change' | 'password_reset' | 'account_disabled' | 'revoked_by_admin' | 'expired';

export interface SessionLifetimes {
  idleSeconds: number;
  absoluteSeconds: number;
  /** A used refresh token presented again within this window yields the successor already issued. */
  graceSeconds: number;
}

export interface SessionState {
  id: string;
  userId: string;
  authMethod: AuthMethod;
  userAgent: string | null;
  ip: string | null;
  generation: number;
  createdAt: Date;
  lastUsedAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  revokedAt: Date | null;
  revokeReason: RevokeReason | null;
}

/** What the server knows about one refresh token of the family. */
export interface PresentedRefreshToken {
  generation: number;
  usedAt: Date | null;
  hasSuccessor: boolean;
}

export type RefreshDecision =
  /** The token is the family's current one: issue the next generation. */
  | { kind: 'rotate' }
  /** Already used moments ago (two tabs, lost response): hand back the successor already issued. */
  | { kind: 'replay_successor' }
  /** Used earlier than the grace window allows: someone holds a copy. End the family. */
  | { kind: 'reuse_detected' }
  | { kind: 'revoked' }
  | { kind: 'expired' };

const SECOND = 1000;

export class Session {
  private constructor(private state: SessionState) {}

  static open(
    input: { id: string; userId: string; authMethod: AuthMethod; userAgent?: string | null; ip?: string | null },
    lifetimes: SessionLifetimes,
    now: Date,
  ): Session {
    const absoluteExpiresAt = new Date(now.getTime() + lifetimes.absoluteSeconds * SECOND);
    return new Session({
      id: input.id,
      userId: input.userId,
      authMethod: input.authMethod,
      userAgent: input.userAgent ?? null,
      ip: input.ip ?? null,
      generation: 0,
      createdAt: now,
      lastUsedAt: now,
      idleExpiresAt: minDate(new Date(now.getTime() + lifetimes.idleSeconds * SECOND), absoluteExpiresAt),
      absoluteExpiresAt,
      revokedAt: null,
      revokeReason: null,
    });
  }

  static restore(state: SessionState): Session {
    return new Session({ ...state });
  }

  get id(): string {
    return this.state.id;
  }

  get userId(): string {
    return this.state.userId;
  }

  get generation(): number {
    return this.state.generation;
  }

  snapshot(): Readonly<SessionState> {
    return { ...this.state };
  }

  isActive(now: Date): boolean {
    return this.state.revokedAt === null && !this.isExpired(now);
  }

  isExpired(now: Date): boolean {
    return now >= this.state.idleExpiresAt || now >= this.state.absoluteExpiresAt;
  }

  /** Decides what presenting a refresh token of this family means. Changes nothing. */
  decide(token: PresentedRefreshToken, lifetimes: SessionLifetimes, now: Date): RefreshDecision {
    if (this.state.revokedAt !== null) return { kind: 'revoked' };
    if (this.isExpired(now)) return { kind: 'expired' };
    if (token.usedAt === null) {
      // An unused token that is not the newest cannot exist unless rows were tampered with: treat as reuse.
      return token.generation === this.state.generation ? { kind: 'rotate' } : { kind: 'reuse_detected' };
    }
    const sinceUse = now.getTime() - token.usedAt.getTime();
    if (token.hasSuccessor && sinceUse >= 0 && sinceUse <= lifetimes.graceSeconds * SECOND) return { kind: 'replay_successor' };
    return { kind: 'reuse_detected' };
  }

  /** Moves the family to its next refresh token and slides the idle expiry. Returns the new generation. */
  rotate(lifetimes: SessionLifetimes, now: Date): number {
    this.assertActive(now);
    this.state.generation += 1;
    this.touch(lifetimes, now);
    return this.state.generation;
  }

  /** Records use without rotating (a replayed successor keeps the session as alive as a rotation would). */
  touch(lifetimes: SessionLifetimes, now: Date): void {
    this.state.lastUsedAt = now;
    this.state.idleExpiresAt = minDate(new Date(now.getTime() + lifetimes.idleSeconds * SECOND), this.state.absoluteExpiresAt);
  }

  /** Idempotent: the first reason is kept. Returns whether this call ended the session. */
  revoke(reason: RevokeReason, now: Date): boolean {
    if (this.state.revokedAt !== null) return false;
    this.state.revokedAt = now;
    this.state.revokeReason = reason;
    return true;
  }

  private assertActive(now: Date): void {
    if (!this.isActive(now)) throw new Error(`session ${this.state.id} is not active`);
  }
}

function minDate(a: Date, b: Date): Date {
  return a <= b ? a : b;
}
