import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors, OtpPurpose, otpCooldownRemaining } from '../../domain';
import {
  IDENTITY_MESSAGES,
  IDENTITY_SETTINGS,
  IDENTITY_UNIT_OF_WORK,
  IdentityMessages,
  IdentitySettings,
  IdentityUnitOfWork,
  SECRET_TOKENS,
  SecretTokens,
} from '../ports';

export interface OtpSent {
  expiresIn: number;
  resendAfter: number;
}

/**
 * Sends a fresh six-digit code by SMS, replacing any earlier one for the same
 * phone and purpose (request and resend are the same operation). Guarded by a
 * cooldown per phone and purpose, and by hourly caps per phone and per client
 * IP, checked under a per-phone lock so parallel requests cannot overshoot.
 * A login code is sent whether or not an account has the number verified, so
 * the endpoint does not reveal which numbers are registered.
 */
@Injectable()
export class RequestPhoneOtpUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(SECRET_TOKENS) private readonly secrets: SecretTokens,
    @Inject(IDENTITY_MESSAGES) private readonly messages: IdentityMessages,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async execute(ctx: RequestContext, input: { phoneNumber: string; purpose: OtpPurpose }): Promise<OtpSent> {
    const { phoneNumber, purpose } = input;
    const s = this.settings;
    const code = this.secrets.newOtpCode();
    const now = new Date();
    await this.uow.run(async (repos) => {
      await repos.otps.lockPhone(phoneNumber);
      const cooldown = otpCooldownRemaining(await repos.otps.lastSentAt(phoneNumber, purpose), s.otpResendCooldownSeconds, now);
      if (cooldown > 0) throw IdentityErrors.otpCooldown(cooldown);
      const windowStart = new Date(now.getTime() - s.otpWindowSeconds * 1000);
      if ((await repos.otps.countForPhoneSince(phoneNumber, windowStart)) >= s.otpMaxPerPhone) {
        throw IdentityErrors.otpLimit(retryAfter(await repos.otps.oldestForPhoneSince(phoneNumber, windowStart), s.otpWindowSeconds, now));
      }
      if (ctx.ip && (await repos.otps.countForIpSince(ctx.ip, windowStart)) >= s.otpMaxPerIp) {
        throw IdentityErrors.otpLimit(retryAfter(await repos.otps.oldestForIpSince(ctx.ip, windowStart), s.otpWindowSeconds, now));
      }
      await repos.otps.supersedePending(phoneNumber, purpose);
      await repos.otps.insert({
        phoneNumber,
        purpose,
        codeHash: this.secrets.hashOtpCode(phoneNumber, purpose, code),
        expiresAt: new Date(now.getTime() + s.otpTtlSeconds * 1000),
        requestIp: ctx.ip ?? null,
        createdAt: now,
      });
    });
    await this.messages.otpCode(ctx, phoneNumber, code, purpose, Math.max(1, Math.floor(s.otpTtlSeconds / 60)));
    return { expiresIn: s.otpTtlSeconds, resendAfter: s.otpResendCooldownSeconds };
  }
}

function retryAfter(oldest: Date | undefined, windowSeconds: number, now: Date): number {
  if (!oldest) return windowSeconds;
  return Math.max(1, Math.ceil((oldest.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
}
