import { Session, SessionLifetimes } from './session';

const LIFETIMES: SessionLifetimes = { idleSeconds: 3600, absoluteSeconds: 86_400, graceSeconds: 10 };
const T0 = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** A session builder: opened at T0, optionally rotated a few times. */
function aSession(rotations = 0): Session {
  const session = Session.open({ id: 's1', userId: 'u1', authMethod: 'password', userAgent: 'UA', ip: '127.0.0.1' }, LIFETIMES, T0);
  for (let index = 0; index < rotations; index += 1) session.rotate(LIFETIMES, at(index + 1));
  return session;
}

describe('Session (refresh-token family)', () => {
  it('opens at generation 0 with idle expiry capped by the absolute one', () => {
    const state = aSession().snapshot();
    expect(state.generation).toBe(0);
    expect(state.idleExpiresAt).toEqual(at(3600));
    expect(state.absoluteExpiresAt).toEqual(at(86_400));
    const short = Session.open({ id: 's', userId: 'u', authMethod: 'password' }, { ...LIFETIMES, absoluteSeconds: 60 }, T0);
    expect(short.snapshot().idleExpiresAt).toEqual(at(60));
  });

  it('rotates the current unused token', () => {
    const session = aSession();
    expect(session.decide({ generation: 0, usedAt: null, hasSuccessor: false }, LIFETIMES, at(5))).toEqual({ kind: 'rotate' });
    expect(session.rotate(LIFETIMES, at(5))).toBe(1);
    expect(session.snapshot().lastUsedAt).toEqual(at(5));
    expect(session.snapshot().idleExpiresAt).toEqual(at(3605));
  });

  it('replays the successor of a token used within the grace window, and detects reuse after it', () => {
    const session = aSession(1);
    expect(session.decide({ generation: 0, usedAt: at(1), hasSuccessor: true }, LIFETIMES, at(11))).toEqual({ kind: 'replay_successor' });
    expect(session.decide({ generation: 0, usedAt: at(1), hasSuccessor: true }, LIFETIMES, at(12))).toEqual({ kind: 'reuse_detected' });
    expect(session.decide({ generation: 0, usedAt: at(1), hasSuccessor: false }, LIFETIMES, at(2))).toEqual({ kind: 'reuse_detected' });
  });

  it('treats an unused token that is not the newest as reuse', () => {
    expect(aSession(2).decide({ generation: 1, usedAt: null, hasSuccessor: false }, LIFETIMES, at(5))).toEqual({ kind: 'reuse_detected' });
  });

  it('refuses everything once revoked, keeping the first reason', () => {
    const session = aSession();
    expect(session.revoke('logout', at(2))).toBe(true);
    expect(session.revoke('refresh_reuse', at(3))).toBe(false);
    expect(session.snapshot().revokeReason).toBe('logout');
    expect(session.isActive(at(4))).toBe(false);
    expect(session.decide({ generation: 0, usedAt: null, hasSuccessor: false }, LIFETIMES, at(4))).toEqual({ kind: 'revoked' });
    expect(() => session.rotate(LIFETIMES, at(4))).toThrow();
  });

  it('expires when idle too long or past its absolute lifetime, however often it is used', () => {
    expect(aSession().decide({ generation: 0, usedAt: null, hasSuccessor: false }, LIFETIMES, at(3600))).toEqual({ kind: 'expired' });
    const busy = aSession();
    for (let hour = 0; hour < 24; hour += 1) busy.rotate(LIFETIMES, at(hour * 3000));
    expect(busy.snapshot().idleExpiresAt.getTime()).toBeLessThanOrEqual(at(86_400).getTime());
    expect(busy.decide({ generation: busy.generation, usedAt: null, hasSuccessor: false }, LIFETIMES, at(86_400))).toEqual({ kind: 'expired' });
  });
});
