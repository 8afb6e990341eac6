import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { Account, IdentityErrors, checkPassword, normalizeEmail } from '../../domain';
import {
  IDENTITY_MESSAGES,
  IDENTITY_SETTINGS,
  IDENTITY_UNIT_OF_WORK,
  IdentityMessages,
  IdentitySettings,
  IdentityUnitOfWork,
  PASSWORD_HASHER,
  PasswordHasher,
  SECRET_TOKENS,
  SecretTokens,
} from '../ports';
import { SessionIssuer } from '../services/session-issuer';
import type { AuthResult } from '../views';

export interface SignUpInput {
  fullName: string;
  email: string;
  password: string;
  dateOfBirth: string;
  phoneNumber?: string;
}

/** Creates the account, signs it in, and sends the e-mail verification link. */
@Injectable()
export class SignUpUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(SECRET_TOKENS) private readonly secrets: SecretTokens,
    @Inject(IDENTITY_MESSAGES) private readonly messages: IdentityMessages,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute(ctx: RequestContext, input: SignUpInput): Promise<AuthResult> {
    const passwordProblems = checkPassword(input.password, input.email);
    if (passwordProblems.length) throw IdentityErrors.validation({ password: passwordProblems });
    const email = normalizeEmail(input.email);
    // Seed 001 answers 409 for a taken address, so checking first leaks nothing new and saves an argon2 hash.
    if (await this.uow.repos.accounts.findByEmail(email)) throw IdentityErrors.emailTaken();

    const passwordHash = await this.hasher.hash(input.password);
    const now = new Date();
    const account = Account.register(
      { id: randomUUID(), email, fullName: input.fullName, passwordHash, dateOfBirth: input.dateOfBirth, phoneNumber: input.phoneNumber },
      now,
    );
    const verificationToken = this.secrets.newOpaqueToken();
    const opened = await this.uow.run(async (repos) => {
      await repos.accounts.insert(account);
      await repos.accountTokens.insert({
        userId: account.id,
        purpose: 'email_verification',
        tokenHash: this.secrets.hashToken(verificationToken),
        email,
        expiresAt: new Date(now.getTime() + this.settings.emailVerificationTtlSeconds * 1000),
        createdAt: now,
      });
      const session = await this.sessions.open(repos, ctx, account, 'password', now);
      await repos.securityEvents.record(
        { ...ctx, userId: account.id },
        { type: 'account_created', userId: account.id, metadata: { session_id: session.session.id } },
      );
      return session;
    });
    await this.messages.emailVerification(ctx, email, verificationToken);
    return this.sessions.authResult(account, opened);
  }
}
