import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import type { OtpPurpose } from '../../domain';
import { IDENTITY_SETTINGS, IdentityRepositories, IdentitySettings, SECRET_TOKENS, SecretTokens } from '../ports';

/**
 * Applies one guess to the live code of a phone and purpose. Meant to run in
 * its own transaction that commits even when the guess is wrong, so the attempt
 * counter cannot be rolled back by the error that follows.
 */
@Injectable()
export class OtpChecker {
  constructor(
    @Inject(SECRET_TOKENS) private readonly secrets: SecretTokens,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async attempt(repos: IdentityRepositories, ctx: RequestContext, phoneNumber: string, purpose: OtpPurpose, code: string): Promise<boolean> {
    await repos.otps.lockPhone(phoneNumber);
    const found = await repos.otps.findLatestPending(phoneNumber, purpose);
    if (!found) return false;
    const matches = this.secrets.equal(this.secrets.hashOtpCode(phoneNumber, purpose, code), found.codeHash);
    const outcome = found.challenge.attempt(matches, new Date(), this.settings.otpMaxAttempts);
    if (outcome.kind === 'dead') return false;
    await repos.otps.save(found.challenge);
    if (outcome.kind === 'rejected' && outcome.locked) {
      await repos.securityEvents.record(ctx, { type: 'otp_locked', userId: ctx.userId ?? null, metadata: { phone_number: phoneNumber, purpose } });
    }
    return outcome.kind === 'accepted';
  }
}
