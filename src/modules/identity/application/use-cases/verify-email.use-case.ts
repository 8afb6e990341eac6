import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_MESSAGES, IDENTITY_UNIT_OF_WORK, IdentityMessages, IdentityUnitOfWork, SECRET_TOKENS, SecretTokens } from '../ports';

/**
 * Consumes an e-mail token: a sign-up verification marks the address verified;
 * an e-mail change switches the account to the new (now proven) address and
 * tells the old one.
 */
@Injectable()
export class VerifyEmailUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(SECRET_TOKENS) private readonly secrets: SecretTokens,
    @Inject(IDENTITY_MESSAGES) private readonly messages: IdentityMessages,
  ) {}

  async execute(ctx: RequestContext, input: { token: string }): Promise<{ email: string; changedFrom?: string }> {
    const now = new Date();
    const result = await this.uow.run(async (repos) => {
      const record = await repos.accountTokens.consume(this.secrets.hashToken(input.token), ['email_verification', 'email_change'], now);
      if (!record) throw IdentityErrors.tokenInvalid();
      const account = await repos.accounts.findByIdForUpdate(record.userId);
      if (!account || account.isDisabled) throw IdentityErrors.tokenInvalid();
      if (record.purpose === 'email_verification') {
        // A link sent to an address the account no longer has proves nothing about the current one.
        if (!account.verifyEmail(record.email, now)) throw IdentityErrors.tokenInvalid();
        await repos.accounts.save(account);
        await repos.securityEvents.record({ ...ctx, userId: account.id }, { type: 'email_verified', userId: account.id, metadata: { email: record.email } });
        return { email: account.email };
      }
      const taken = await repos.accounts.findByEmail(record.email);
      if (taken && taken.id !== account.id) throw IdentityErrors.emailTaken();
      const previous = account.email;
      account.changeEmail(record.email, now);
      await repos.accounts.save(account);
      await repos.securityEvents.record(
        { ...ctx, userId: account.id },
        { type: 'email_changed', userId: account.id, metadata: { from: previous, to: record.email } },
      );
      return { email: account.email, changedFrom: previous };
    });
    if (result.changedFrom) await this.messages.emailChangedNotice(ctx, result.changedFrom, result.email);
    return result;
  }
}
