import { isWeakerThan, parseArgon2Hash } from './password-hash';

const POLICY = { memoryKiB: 19_456, timeCost: 2, parallelism: 1 };

describe('argon2 hash parameters', () => {
  it('reads m, t and p in any order', () => {
    expect(parseArgon2Hash('$argon2id$v=19$m=19456,p=1,t=2$c2FsdA$aGFzaA')).toEqual({ variant: 'argon2id', memoryKiB: 19_456, timeCost: 2, parallelism: 1 });
    expect(parseArgon2Hash('$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA')).toEqual({ variant: 'argon2id', memoryKiB: 65_536, timeCost: 3, parallelism: 4 });
  });

  it('keeps hashes at or above the policy', () => {
    expect(isWeakerThan('$argon2id$v=19$m=19456,p=1,t=2$c2FsdA$aGFzaA', POLICY)).toBe(false);
    expect(isWeakerThan('$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', POLICY)).toBe(false);
  });

  it.each([
    ['less memory', '$argon2id$v=19$m=4096,t=2,p=1$c2FsdA$aGFzaA'],
    ['fewer passes', '$argon2id$v=19$m=19456,t=1,p=1$c2FsdA$aGFzaA'],
    ['another variant', '$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA'],
    ['not argon2 at all', '$2b$12$abcdefghijklmnopqrstuv'],
  ])('upgrades a hash with %s', (_case, hash) => {
    expect(isWeakerThan(hash, POLICY)).toBe(true);
  });
});
