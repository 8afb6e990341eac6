import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { normalizeEmail } from '../../domain';
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

/** A second request within this many seconds does not send a second e-mail (inbox flooding). */
export const PASSWORD_RESET_RESEND_SECONDS = 60;

/** Runs in a job: issues a reset token for the account with this address, if any, and mails the link. */
@Injectable()
export class IssuePasswordResetUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(SECRET_TOKENS) private readonly secrets: SecretTokens,
    @Inject(IDENTITY_MESSAGES) private readonly messages: IdentityMessages,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async execute(ctx: RequestContext, input: { email: string }): Promise<'sent' | 'no_account' | 'too_soon'> {
    const account = await this.uow.repos.accounts.findByEmail(normalizeEmail(input.email));
    if (!account || account.isDisabled) return 'no_account';
    const now = new Date();
    const last = await this.uow.repos.accountTokens.lastIssuedAt(account.id, 'password_reset');
    if (last && now.getTime() - last.getTime() < PASSWORD_RESET_RESEND_SECONDS * 1000) return 'too_soon';
    const token = this.secrets.newOpaqueToken();
    await this.uow.run(async (repos) => {
      await repos.accountTokens.invalidateOpen(account.id, 'password_reset', now);
      await repos.accountTokens.insert({
        userId: account.id,
        purpose: 'password_reset',
        tokenHash: this.secrets.hashToken(token),
        email: account.email,
        expiresAt: new Date(now.getTime() + this.settings.passwordResetTtlSeconds * 1000),
        createdAt: now,
      });
      await repos.securityEvents.record(ctx, { type: 'password_reset_requested', userId: account.id });
    });
    await this.messages.passwordReset(ctx, account.email, token, Math.floor(this.settings.passwordResetTtlSeconds / 60));
    return 'sent';
  }
}
