/**
 * A one-time code sent by SMS. Only a keyed hash of the code is kept; the
 * challenge dies when used, when it expires, when it is replaced by a newer
 * code, or after too many wrong guesses.
 */
export type OtpPurpose = 'login' | 'verification';
export type OtpStatus = 'pending' | 'used' | 'locked' | 'superseded';

export interface OtpChallengeState {
  id: string;
  phoneNumber: string;
  purpose: OtpPurpose;
  attempts: number;
  status: OtpStatus;
  expiresAt: Date;
  createdAt: Date;
}

export type OtpAttemptOutcome = { kind: 'accepted' } | { kind: 'rejected'; locked: boolean } | { kind: 'dead' };

export class OtpChallenge {
  private constructor(private state: OtpChallengeState) {}

  static restore(state: OtpChallengeState): OtpChallenge {
    return new OtpChallenge({ ...state });
  }

  snapshot(): Readonly<OtpChallengeState> {
    return { ...this.state };
  }

  isLive(now: Date, maxAttempts: number): boolean {
    return this.state.status === 'pending' && now < this.state.expiresAt && this.state.attempts < maxAttempts;
  }

  /**
   * Applies one guess. `matches` is whether the presented code hashes to the
   * stored hash (compared in constant time by the caller).
   */
  attempt(matches: boolean, now: Date, maxAttempts: number): OtpAttemptOutcome {
    if (!this.isLive(now, maxAttempts)) return { kind: 'dead' };
    if (matches) {
      this.state.status = 'used';
      return { kind: 'accepted' };
    }
    this.state.attempts += 1;
    const locked = this.state.attempts >= maxAttempts;
    if (locked) this.state.status = 'locked';
    return { kind: 'rejected', locked };
  }
}

/** Seconds until another code may be sent for the same phone and purpose; 0 when it may be sent now. */
export function otpCooldownRemaining(lastSentAt: Date | undefined, cooldownSeconds: number, now: Date): number {
  if (!lastSentAt) return 0;
  const remainingMs = lastSentAt.getTime() + cooldownSeconds * 1000 - now.getTime();
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
}
