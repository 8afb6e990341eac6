import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork } from '../ports';
import { OtpChecker } from '../services/otp-checker';
import { SessionIssuer } from '../services/session-issuer';
import type { AuthResult } from '../views';

/** Phone + code sign-in (seed 004) for the account whose verified phone this is. */
@Injectable()
export class LogInWithPhoneUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    private readonly otps: OtpChecker,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute(ctx: RequestContext, input: { phoneNumber: string; code: string }): Promise<AuthResult> {
    const accepted = await this.uow.run((repos) => this.otps.attempt(repos, ctx, input.phoneNumber, 'login', input.code));
    const account = accepted ? await this.uow.repos.accounts.findByVerifiedPhone(input.phoneNumber) : undefined;
    if (!account) {
      await this.uow.repos.securityEvents.record(ctx, {
        type: 'phone_login_failed',
        userId: null,
        metadata: { phone_number: input.phoneNumber, reason: accepted ? 'no_verified_account' : 'bad_code' },
      });
      throw IdentityErrors.otpInvalid('unauthenticated');
    }
    if (account.isDisabled) throw IdentityErrors.accountDisabled();
    const now = new Date();
    const opened = await this.sessions.open(this.uow.repos, ctx, account, 'phone_otp', now, (sessionId) => ({
      type: 'phone_login_succeeded',
      userId: account.id,
      metadata: { session_id: sessionId },
    }));
    return this.sessions.authResult(account, opened);
  }
}
