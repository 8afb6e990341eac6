import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { isWeakerThan } from '../../domain';
import type { PasswordHasher } from '../../application/ports';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity-config';

/**
 * argon2id with the configured cost (never below OWASP's m=19456 KiB, t=2, p=1:
 * the configuration refuses less). Hashing runs on libuv's thread pool, so the
 * event loop keeps serving while a hash is computed.
 */
@Injectable()
export class Argon2PasswordHasher implements PasswordHasher, OnModuleInit {
  private dummyHash = '';

  constructor(@Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig) {}

  private get options() {
    return {
      type: argon2.argon2id,
      memoryCost: this.config.argon2MemoryKiB,
      timeCost: this.config.argon2TimeCost,
      parallelism: this.config.argon2Parallelism,
    } as const;
  }

  /** A hash of a random secret with today's parameters: what unknown e-mails are "verified" against. */
  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hash(randomBytes(32).toString('base64url'));
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      // A malformed stored hash must not turn a login attempt into a 500.
      return false;
    }
  }

  async verifyAgainstDummy(password: string): Promise<false> {
    await this.verify(this.dummyHash, password);
    return false;
  }

  needsUpgrade(hash: string): boolean {
    return isWeakerThan(hash, { memoryKiB: this.config.argon2MemoryKiB, timeCost: this.config.argon2TimeCost, parallelism: this.config.argon2Parallelism });
  }
}
