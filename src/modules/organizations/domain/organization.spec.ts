import { apiKeyPrefix, apiKeyStatus, checkApiKeyExpiry, formatApiKey } from './api-key';
import { invitationState } from './invitation';
import { isValidSlug, slugFromName } from './organization';

describe('organization rules', () => {
  it.each([
    ['Ténéré Moto-Works GmbH', 'tenere-moto-works-gmbh'],
    ['  Velocity   Motors!! ', 'velocity-motors'],
    ['AB', 'ab-000'],
    ['***', 'org-000'],
    ['x'.repeat(80), 'x'.repeat(60)],
  ])('derives the slug of %p as %p', (name, slug) => {
    expect(slugFromName(name)).toBe(slug);
    expect(isValidSlug(slugFromName(name))).toBe(true);
  });

  it.each(['ab', 'Upper', 'trailing-', '-leading', 'double--dash', 'spa ce', 'x'.repeat(61)])('refuses the slug %p', (slug) => {
    expect(isValidSlug(slug)).toBe(false);
  });
});

describe('API key rules', () => {
  const secret = 'A'.repeat(43);

  it('finds the lookup prefix of a well-formed key only', () => {
    expect(apiKeyPrefix(formatApiKey('0123456789ab', secret))).toBe('0123456789ab');
    expect(apiKeyPrefix(`rsk_0123456789ab_${secret}x`)).toBeUndefined();
    expect(apiKeyPrefix(`rsk_0123456789AB_${secret}`)).toBeUndefined();
    expect(apiKeyPrefix('Bearer something')).toBeUndefined();
  });

  it('tells revoked from expired from active', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(apiKeyStatus({ revokedAt: null, expiresAt: new Date('2026-02-01') }, now)).toBe('active');
    expect(apiKeyStatus({ revokedAt: null, expiresAt: now }, now)).toBe('expired');
    expect(apiKeyStatus({ revokedAt: new Date('2025-12-01'), expiresAt: new Date('2025-12-02') }, now)).toBe('revoked');
  });

  it('wants an expiry in the future and within the maximum lifetime', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(checkApiKeyExpiry(new Date('2026-06-01'), now)).toEqual([]);
    expect(checkApiKeyExpiry(new Date('2025-06-01'), now)).toEqual(['expires_at must be in the future']);
    expect(checkApiKeyExpiry(new Date('2028-06-01'), now)).toEqual(['expires_at must be within 366 days']);
    expect(checkApiKeyExpiry(new Date('nonsense'), now)).toEqual(['expires_at must be a date-time']);
  });
});

describe('invitation rules', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('answers a pending, unexpired invitation only', () => {
    expect(invitationState({ status: 'pending', expiresAt: new Date('2026-01-02') }, now)).toBe('open');
    expect(invitationState({ status: 'pending', expiresAt: now }, now)).toBe('expired');
    for (const status of ['accepted', 'declined', 'revoked'] as const) {
      expect(invitationState({ status, expiresAt: new Date('2026-01-02') }, now)).toBe('closed');
    }
  });
});
