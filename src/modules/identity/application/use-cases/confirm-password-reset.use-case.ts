import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors, checkPassword } from '../../domain';
import {
  IDENTITY_MESSAGES,
  IDENTITY_UNIT_OF_WORK,
  IdentityMessages,
  IdentityUnitOfWork,
  PASSWORD_HASHER,
  PasswordHasher,
  SECRET_TOKENS,
  SESSION_GATE,
  SecretTokens,
  SessionGate,
} from '../ports';
import { PasswordGate } from '../services/password-gate';

/**
 * Sets a new password with a reset token. Every session ends, the login
 * throttle of the address is cleared (the owner proved control of the mailbox),
 * and the address counts as verified.
 */
@Injectable()
export class ConfirmPasswordResetUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(SECRET_TOKENS) private readonly secrets: SecretTokens,
    @Inject(SESSION_GATE) private readonly gate: SessionGate,
    @Inject(IDENTITY_MESSAGES) private readonly messages: IdentityMessages,
    private readonly passwords: PasswordGate,
  ) {}

  async execute(ctx: RequestContext, input: { token: string; newPassword: string }): Promise<void> {
    const generic = checkPassword(input.newPassword, undefined, 'new_password');
    if (generic.length) throw IdentityErrors.validation({ new_password: generic });
    const passwordHash = await this.hasher.hash(input.newPassword);
    const now = new Date();
    const { email, revoked } = await this.uow.run(async (repos) => {
      const record = await repos.accountTokens.consume(this.secrets.hashToken(input.token), ['password_reset'], now);
      if (!record) throw IdentityErrors.tokenInvalid();
      const account = await repos.accounts.findByIdForUpdate(record.userId);
      if (!account || account.isDisabled) throw IdentityErrors.tokenInvalid();
      // Thrown inside the transaction: the token is not spent by a refused password.
      const specific = checkPassword(input.newPassword, account.email, 'new_password');
      if (specific.length) throw IdentityErrors.validation({ new_password: specific });
      account.changePasswordHash(passwordHash, now);
      account.verifyEmail(record.email, now);
      await repos.accounts.save(account);
      await repos.accountTokens.invalidateOpen(account.id, 'password_reset', now);
      const revokedIds = await repos.sessions.revokeAllForUser(account.id, 'password_reset', now);
      await repos.securityEvents.record(ctx, { type: 'password_reset_completed', userId: account.id, metadata: { revoked_sessions: revokedIds } });
      return { email: account.email, revoked: revokedIds };
    });
    await this.gate.revoked(revoked);
    await this.passwords.clear(email);
    await this.messages.passwordChangedNotice(ctx, email);
  }
}
