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
  SESSION_GATE,
  SessionGate,
} from '../ports';
import { PasswordGate } from '../services/password-gate';
import { SessionIssuer } from '../services/session-issuer';
import type { AuthResult } from '../views';

/**
 * Changes the password after checking the current one. Every session ends,
 * the caller's included, and the caller gets a brand-new session in the same
 * response: no refresh token issued before the change (a stolen one included)
 * survives it.
 */
@Injectable()
export class ChangePasswordUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(SESSION_GATE) private readonly gate: SessionGate,
    @Inject(IDENTITY_MESSAGES) private readonly messages: IdentityMessages,
    private readonly passwords: PasswordGate,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute(ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<AuthResult> {
    const account = ctx.userId ? await this.uow.repos.accounts.findById(ctx.userId) : undefined;
    if (!account) throw IdentityErrors.accountNotFound();
    const problems = checkPassword(input.newPassword, account.email, 'new_password');
    if (input.newPassword === input.currentPassword) problems.push('new_password must differ from the current password');
    if (problems.length) throw IdentityErrors.validation({ new_password: problems });
    if (!(await this.passwords.verify(ctx, account.email, account, input.currentPassword))) {
      await this.uow.repos.securityEvents.record(ctx, {
        type: 'login_failed',
        userId: account.id,
        metadata: { reason: 'wrong_password', method: 'password_change' },
      });
      throw IdentityErrors.wrongPassword();
    }

    const passwordHash = await this.hasher.hash(input.newPassword);
    const now = new Date();
    const { opened, revoked, fresh } = await this.uow.run(async (repos) => {
      const locked = await repos.accounts.findByIdForUpdate(account.id);
      if (!locked) throw IdentityErrors.accountNotFound();
      locked.changePasswordHash(passwordHash, now);
      await repos.accounts.save(locked);
      const revokedIds = await repos.sessions.revokeAllForUser(locked.id, 'password_change', now);
      const session = await this.sessions.open(repos, ctx, locked, 'password_change', now);
      await repos.securityEvents.record(ctx, {
        type: 'password_changed',
        userId: locked.id,
        metadata: { revoked_sessions: revokedIds, new_session_id: session.session.id },
      });
      return { opened: session, revoked: revokedIds, fresh: locked };
    });
    await this.gate.revoked(revoked);
    await this.messages.passwordChangedNotice(ctx, fresh.email);
    return this.sessions.authResult(fresh, opened);
  }
}
