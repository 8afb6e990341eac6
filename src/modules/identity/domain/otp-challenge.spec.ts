import { OtpChallenge, otpCooldownRemaining } from './otp-challenge';

const NOW = new Date('2026-01-01T00:00:00Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const aChallenge = (overrides: Partial<Parameters<typeof OtpChallenge.restore>[0]> = {}) =>
  OtpChallenge.restore({
    id: 'o1',
    phoneNumber: '+14155550123',
    purpose: 'login',
    attempts: 0,
    status: 'pending',
    expiresAt: later(600),
    createdAt: NOW,
    ...overrides,
  });

describe('OtpChallenge', () => {
  it('accepts the right code once', () => {
    const challenge = aChallenge();
    expect(challenge.attempt(true, later(1), 5)).toEqual({ kind: 'accepted' });
    expect(challenge.snapshot().status).toBe('used');
    expect(challenge.attempt(true, later(2), 5)).toEqual({ kind: 'dead' });
  });

  it('dies after the maximum number of wrong codes, even for the right one afterwards', () => {
    const challenge = aChallenge();
    for (let attempt = 1; attempt < 5; attempt += 1) expect(challenge.attempt(false, later(attempt), 5)).toEqual({ kind: 'rejected', locked: false });
    expect(challenge.attempt(false, later(5), 5)).toEqual({ kind: 'rejected', locked: true });
    expect(challenge.snapshot()).toEqual(expect.objectContaining({ status: 'locked', attempts: 5 }));
    expect(challenge.attempt(true, later(6), 5)).toEqual({ kind: 'dead' });
  });

  it('is dead once expired or superseded', () => {
    expect(aChallenge().attempt(true, later(600), 5)).toEqual({ kind: 'dead' });
    expect(aChallenge({ status: 'superseded' }).attempt(true, later(1), 5)).toEqual({ kind: 'dead' });
  });

  it('computes the resend cooldown in whole seconds', () => {
    expect(otpCooldownRemaining(undefined, 60, NOW)).toBe(0);
    expect(otpCooldownRemaining(NOW, 60, later(0.5))).toBe(60);
    expect(otpCooldownRemaining(NOW, 60, later(59.2))).toBe(1);
    expect(otpCooldownRemaining(NOW, 60, later(60))).toBe(0);
  });
});
