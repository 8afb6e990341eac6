import { Account } from './account';
import { DomainError } from '../../../platform/kernel';

const NOW = new Date('2026-06-15T12:00:00Z');

/** A registered account; override any input. */
const anAccount = (overrides: Partial<Parameters<typeof Account.register>[0]> = {}) =>
  Account.register(
    {
      id: 'a1',
      email: ' Rider@Example.COM ',
      fullName: ' Test Rider ',
      passwordHash: 'hash',
      dateOfBirth: '1990-01-15',
      phoneNumber: '+14155550123',
      ...overrides,
    },
    NOW,
  );

describe('Account', () => {
  it('normalizes e-mail and name at registration and starts unverified', () => {
    const state = anAccount().snapshot();
    expect(state).toEqual(
      expect.objectContaining({ email: 'rider@example.com', fullName: 'Test Rider', emailVerifiedAt: null, phoneVerifiedAt: null, roles: [] }),
    );
  });

  it('refuses invalid fields with every problem by field', () => {
    try {
      anAccount({ fullName: 'X', dateOfBirth: '2020-01-01', phoneNumber: '123' });
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(Object.keys((error as DomainError).details?.errors ?? {}).sort()).toEqual(['date_of_birth', 'full_name', 'phone_number']);
    }
  });

  it('drops phone verification when the number changes, not when it stays', () => {
    const account = anAccount();
    account.verifyPhone('+14155550123', NOW);
    account.updateProfile({ fullName: 'Renamed Rider', phoneNumber: '+14155550123' }, NOW);
    expect(account.isPhoneVerified).toBe(true);
    account.updateProfile({ phoneNumber: '+14155550999' }, NOW);
    expect(account.isPhoneVerified).toBe(false);
  });

  it('verifies only the address it has now', () => {
    const account = anAccount();
    expect(account.verifyEmail('someone.else@example.com', NOW)).toBe(false);
    expect(account.snapshot().emailVerifiedAt).toBeNull();
    expect(account.verifyEmail('RIDER@example.com', NOW)).toBe(true);
    expect(account.snapshot().emailVerifiedAt).toEqual(NOW);
  });

  it('an e-mail change switches to the proven address, verified', () => {
    const account = anAccount();
    account.changeEmail('New@Example.com', NOW);
    expect(account.snapshot()).toEqual(expect.objectContaining({ email: 'new@example.com', emailVerifiedAt: NOW }));
  });
});
