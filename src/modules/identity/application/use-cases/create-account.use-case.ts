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

export interface CreateAccountInput {
  email: string;
  fullName: string;
  password: string;
  dateOfBirth: string;
  /** For operator-made and demo accounts (seed 003) whose address is known good. */
  emailVerified?: boolean;
  roles?: string[];
}

/**
 * Creates an account on someone else's behalf (user management by role in
 * seed 003, demo seed accounts): same rules as sign-up, no session opened.
 * An unverified address gets the usual verification link.
 */
@Injectable()
export class CreateAccountUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(SECRET_TOKENS) private readonly secrets: SecretTokens,
    @Inject(IDENTITY_MESSAGES) private readonly messages: IdentityMessages,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async execute(ctx: RequestContext, input: CreateAccountInput): Promise<Account> {
    const passwordProblems = checkPassword(input.password, input.email);
    if (passwordProblems.length) throw IdentityErrors.validation({ password: passwordProblems });
    const email = normalizeEmail(input.email);
    if (await this.uow.repos.accounts.findByEmail(email)) throw IdentityErrors.emailTaken();
    const now = new Date();
    const account = Account.register(
      { id: randomUUID(), email, fullName: input.fullName, passwordHash: await this.hasher.hash(input.password), dateOfBirth: input.dateOfBirth },
      now,
    );
    if (input.roles?.length) account.setPlatformRoles(input.roles, now);
    if (input.emailVerified) account.verifyEmail(email, now);
    const verificationToken = input.emailVerified ? undefined : this.secrets.newOpaqueToken();
    await this.uow.run(async (repos) => {
      await repos.accounts.insert(account);
      if (verificationToken) {
        await repos.accountTokens.insert({
          userId: account.id,
          purpose: 'email_verification',
          tokenHash: this.secrets.hashToken(verificationToken),
          email,
          expiresAt: new Date(now.getTime() + this.settings.emailVerificationTtlSeconds * 1000),
          createdAt: now,
        });
      }
      await repos.securityEvents.record(ctx, { type: 'account_created', userId: account.id, metadata: { by: ctx.userId ?? 'system', roles: account.roles } });
    });
    if (verificationToken) await this.messages.emailVerification(ctx, email, verificationToken);
    return account;
  }
}
