/**
 * Slows down guessing against one e-mail address without locking its owner out
 * for good: after `threshold` consecutive failures, each further attempt must
 * wait a delay that doubles per failure up to a cap; a success, a password
 * reset, or a quiet period clears the streak. It is keyed by the e-mail, not
 * the account, so an unknown address behaves exactly like a known one.
 */
export interface LoginThrottlePolicy {
  threshold: number;
  baseSeconds: number;
  maxSeconds: number;
  windowSeconds: number;
}

export interface LoginThrottleState {
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}

/** Seconds the caller must still wait; 0 when an attempt may proceed. */
export function throttleRemainingSeconds(state: LoginThrottleState | undefined, now: Date): number {
  if (!state?.blockedUntil) return 0;
  const remainingMs = state.blockedUntil.getTime() - now.getTime();
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
}

export function delayAfterFailures(failures: number, policy: LoginThrottlePolicy): number {
  if (failures < policy.threshold) return 0;
  const exponent = Math.min(failures - policy.threshold, 30);
  return Math.min(policy.baseSeconds * 2 ** exponent, policy.maxSeconds);
}

/** The state after one more failure. */
export function recordFailure(state: LoginThrottleState | undefined, policy: LoginThrottlePolicy, now: Date): LoginThrottleState {
  const stale = !state || now.getTime() - state.lastFailureAt.getTime() > policy.windowSeconds * 1000;
  const failures = stale ? 1 : state.failures + 1;
  const delay = delayAfterFailures(failures, policy);
  return { failures, lastFailureAt: now, blockedUntil: delay > 0 ? new Date(now.getTime() + delay * 1000) : null };
}
