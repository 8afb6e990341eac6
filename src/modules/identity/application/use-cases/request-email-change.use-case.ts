import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors, normalizeEmail } from '../../domain';
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
import { PasswordGate } from '../services/password-gate';

/**
 * Starts an e-mail change: re-checks the password, then sends a confirmation
 * link to the new address. Nothing changes until POST /email/verify receives it.
 */
@Injectable()
export class RequestEmailChangeUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(SECRET_TOKENS) private readonly secrets: SecretTokens,
    @Inject(IDENTITY_MESSAGES) private readonly messages: IdentityMessages,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
    private readonly passwords: PasswordGate,
  ) {}

  async execute(ctx: RequestContext, input: { newEmail: string; password: string }): Promise<{ expiresIn: number }> {
    const account = ctx.userId ? await this.uow.repos.accounts.findById(ctx.userId) : undefined;
    if (!account) throw IdentityErrors.accountNotFound();
    const newEmail = normalizeEmail(input.newEmail);
    if (newEmail === account.email) throw IdentityErrors.validation({ new_email: ['new_email is already the address of this account'] });
    if (!(await this.passwords.verify(ctx, account.email, account, input.password))) {
      await this.uow.repos.securityEvents.record(ctx, {
        type: 'login_failed',
        userId: account.id,
        metadata: { reason: 'wrong_password', method: 'email_change' },
      });
      throw IdentityErrors.wrongPassword();
    }
    if (await this.uow.repos.accounts.findByEmail(newEmail)) throw IdentityErrors.emailTaken();

    const token = this.secrets.newOpaqueToken();
    const now = new Date();
    await this.uow.run(async (repos) => {
      await repos.accountTokens.invalidateOpen(account.id, 'email_change', now);
      await repos.accountTokens.insert({
        userId: account.id,
        purpose: 'email_change',
        tokenHash: this.secrets.hashToken(token),
        email: newEmail,
        expiresAt: new Date(now.getTime() + this.settings.emailChangeTtlSeconds * 1000),
        createdAt: now,
      });
      await repos.securityEvents.record(ctx, { type: 'email_change_requested', userId: account.id, metadata: { new_email: newEmail } });
    });
    await this.messages.emailChangeConfirmation(ctx, newEmail, token);
    return { expiresIn: this.settings.emailChangeTtlSeconds };
  }
}
