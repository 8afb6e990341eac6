import { LoginThrottlePolicy, delayAfterFailures, recordFailure, throttleRemainingSeconds } from './login-throttle';

const POLICY: LoginThrottlePolicy = { threshold: 5, baseSeconds: 1, maxSeconds: 900, windowSeconds: 3600 };
const NOW = new Date('2026-01-01T00:00:00Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe('login throttle', () => {
  it('lets the first failures through, then doubles the delay up to the cap', () => {
    expect([1, 2, 3, 4].map((failures) => delayAfterFailures(failures, POLICY))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 14, 15, 40].map((failures) => delayAfterFailures(failures, POLICY))).toEqual([1, 2, 4, 8, 512, 900, 900]);
  });

  it('counts a streak and blocks from the threshold on', () => {
    let state = undefined as ReturnType<typeof recordFailure> | undefined;
    for (let failure = 1; failure <= 5; failure += 1) state = recordFailure(state, POLICY, later(failure));
    expect(state).toEqual({ failures: 5, lastFailureAt: later(5), blockedUntil: later(6) });
    expect(throttleRemainingSeconds(state, later(5.2))).toBe(1);
    expect(throttleRemainingSeconds(state, later(6))).toBe(0);
  });

  it('forgets a streak after a quiet window', () => {
    const old = { failures: 9, lastFailureAt: NOW, blockedUntil: later(256) };
    expect(recordFailure(old, POLICY, later(3601))).toEqual({ failures: 1, lastFailureAt: later(3601), blockedUntil: null });
  });
});
