import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors, SecurityEvent, normalizeEmail } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork, PASSWORD_HASHER, PasswordHasher } from '../ports';
import { PasswordGate } from '../services/password-gate';
import { SessionIssuer } from '../services/session-issuer';
import type { AuthResult } from '../views';

/**
 * E-mail and password sign-in. An unknown address and a wrong password give
 * the same error after the same work (one argon2 verification, one throttle
 * update, one audit row), so neither the body nor the timing tells them apart.
 */
@Injectable()
export class LogInUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    private readonly passwords: PasswordGate,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute(ctx: RequestContext, input: { email: string; password: string }): Promise<AuthResult> {
    const email = normalizeEmail(input.email);
    const account = await this.uow.repos.accounts.findByEmail(email);
    const valid = await this.passwords.verify(ctx, email, account, input.password);
    if (!valid || !account) {
      await this.uow.repos.securityEvents.record(ctx, {
        type: 'login_failed',
        userId: account?.id ?? null,
        metadata: { reason: account ? 'wrong_password' : 'unknown_email', method: 'password' },
      });
      throw IdentityErrors.invalidCredentials();
    }
    if (account.isDisabled) throw IdentityErrors.accountDisabled();

    const now = new Date();
    // A hash made with weaker parameters than today's policy is replaced while the password is at hand.
    const upgradedHash = this.hasher.needsUpgrade(account.passwordHash) ? await this.hasher.hash(input.password) : undefined;
    const signedIn = (sessionId: string): SecurityEvent => ({
      type: 'login_succeeded',
      userId: account.id,
      metadata: { method: 'password', session_id: sessionId, hash_upgraded: Boolean(upgradedHash) },
    });
    // Without a hash to replace, the session, its first token and the event are one statement: no transaction.
    const opened = upgradedHash
      ? await this.uow.run(async (repos) => {
          const fresh = await repos.accounts.findByIdForUpdate(account.id);
          fresh?.changePasswordHash(upgradedHash, now);
          if (fresh) await repos.accounts.save(fresh);
          return this.sessions.open(repos, ctx, account, 'password', now, signedIn);
        })
      : await this.sessions.open(this.uow.repos, ctx, account, 'password', now, signedIn);
    return this.sessions.authResult(account, opened);
  }
}
