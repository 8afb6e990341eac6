import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { Account, IdentityErrors, LoginThrottlePolicy, recordFailure, throttleRemainingSeconds } from '../../domain';
import {
  IDENTITY_SETTINGS,
  IDENTITY_UNIT_OF_WORK,
  IdentitySettings,
  IdentityUnitOfWork,
  PASSWORD_HASHER,
  PasswordHasher,
  SECRET_TOKENS,
  SecretTokens,
} from '../ports';

/**
 * Every place that checks a password goes through here, so guessing is slowed
 * down the same way at login, password change and e-mail change, and an
 * unknown e-mail costs the same argon2 verification as a known one.
 */
@Injectable()
export class PasswordGate {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(SECRET_TOKENS) private readonly secrets: SecretTokens,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  private get policy(): LoginThrottlePolicy {
    return {
      threshold: this.settings.loginFailureThreshold,
      baseSeconds: this.settings.loginThrottleBaseSeconds,
      maxSeconds: this.settings.loginThrottleMaxSeconds,
      windowSeconds: this.settings.loginFailureWindowSeconds,
    };
  }

  /**
   * Throws IdentityErrors.loginThrottled while the e-mail is cooling down;
   * otherwise verifies and returns whether the password is right, recording a
   * failure or clearing the streak.
   */
  async verify(ctx: RequestContext, email: string, account: Account | undefined, password: string): Promise<boolean> {
    const key = this.secrets.emailKey(email);
    const state = await this.uow.repos.loginThrottles.get(key);
    const wait = throttleRemainingSeconds(state, new Date());
    if (wait > 0) {
      await this.uow.repos.securityEvents.record(ctx, { type: 'login_throttled', userId: account?.id ?? null, metadata: { retry_after_seconds: wait } });
      throw IdentityErrors.loginThrottled(wait);
    }
    const valid = account ? await this.hasher.verify(account.passwordHash, password) : await this.hasher.verifyAgainstDummy(password);
    if (!valid) {
      await this.uow.run(async (repos) => {
        await repos.loginThrottles.lock(key);
        const current = await repos.loginThrottles.get(key);
        await repos.loginThrottles.put(key, recordFailure(current, this.policy, new Date()));
      });
      return false;
    }
    if (state) await this.uow.repos.loginThrottles.clear(key);
    return true;
  }

  clear(email: string): Promise<void> {
    return this.uow.repos.loginThrottles.clear(this.secrets.emailKey(email));
  }
}
