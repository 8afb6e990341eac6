import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork } from '../ports';
import { OtpChecker } from '../services/otp-checker';
import type { PhoneStatusView } from './get-phone-verification-status.use-case';

/** Marks a phone number verified for the signed-in user with a code sent to it. */
@Injectable()
export class VerifyPhoneOtpUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    private readonly otps: OtpChecker,
  ) {}

  async execute(ctx: RequestContext, input: { phoneNumber: string; code: string }): Promise<PhoneStatusView> {
    const userId = ctx.userId;
    if (!userId) throw IdentityErrors.accountNotFound();
    const accepted = await this.uow.run((repos) => this.otps.attempt(repos, ctx, input.phoneNumber, 'verification', input.code));
    if (!accepted) throw IdentityErrors.otpInvalid('unprocessable');
    const now = new Date();
    return this.uow.run(async (repos) => {
      const holder = await repos.accounts.findByVerifiedPhone(input.phoneNumber);
      if (holder && holder.id !== userId) throw IdentityErrors.phoneTaken();
      const account = await repos.accounts.findByIdForUpdate(userId);
      if (!account) throw IdentityErrors.accountNotFound();
      account.verifyPhone(input.phoneNumber, now);
      await repos.accounts.save(account);
      await repos.securityEvents.record(ctx, { type: 'phone_verified', userId, metadata: { phone_number: input.phoneNumber } });
      return { phoneNumber: input.phoneNumber, phoneVerified: true, verifiedAt: now };
    });
  }
}
