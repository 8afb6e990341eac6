import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { OtpPurpose } from '../../domain';
import type { SecretTokens } from '../../application/ports';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity-config';

const OPAQUE_TOKEN_BYTES = 32;
const OTP_DIGITS = 6;
const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;
const SUCCESSOR_SALT = Buffer.from('revsync/identity/refresh-successor/v1');

/**
 * Random tokens and what is stored instead of them.
 *
 * Refresh tokens and e-mail tokens carry 256 bits and are stored as SHA-256
 * (no key needed: the input is not guessable). OTP codes have only 20 bits, so
 * they are stored as an HMAC under a server key, bound to phone and purpose.
 *
 * The successor of a rotated refresh token is kept for the grace window
 * encrypted with AES-256-GCM under a key derived (HKDF) from the token it
 * replaced: only someone presenting that old token can recover it, and a copy
 * of the database alone reveals no usable token.
 */
@Injectable()
export class NodeSecretTokens implements SecretTokens {
  private readonly otpKey: Buffer;
  private readonly throttleKey: Buffer;

  constructor(@Inject(IDENTITY_CONFIG) config: IdentityConfig) {
    const material = Buffer.from(config.tokenSecret, 'utf8');
    this.otpKey = Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), 'revsync/identity/otp/v1', 32));
    this.throttleKey = Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), 'revsync/identity/login-throttle/v1', 32));
  }

  newOpaqueToken(): string {
    return randomBytes(OPAQUE_TOKEN_BYTES).toString('base64url');
  }

  hashToken(raw: string): Buffer {
    return createHash('sha256').update(raw, 'utf8').digest();
  }

  sealSuccessor(previousRaw: string, successorRaw: string, familyId: string): Buffer {
    const iv = randomBytes(GCM_IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', successorKey(previousRaw, familyId), iv);
    cipher.setAAD(Buffer.from(familyId));
    const body = Buffer.concat([cipher.update(successorRaw, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  openSuccessor(previousRaw: string, sealed: Buffer, familyId: string): string | undefined {
    try {
      const decipher = createDecipheriv('aes-256-gcm', successorKey(previousRaw, familyId), sealed.subarray(0, GCM_IV_BYTES));
      decipher.setAAD(Buffer.from(familyId));
      decipher.setAuthTag(sealed.subarray(GCM_IV_BYTES, GCM_IV_BYTES + GCM_TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(GCM_IV_BYTES + GCM_TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  newOtpCode(): string {
    return String(randomInt(0, 10 ** OTP_DIGITS)).padStart(OTP_DIGITS, '0');
  }

  hashOtpCode(phoneNumber: string, purpose: OtpPurpose, code: string): Buffer {
    return createHmac('sha256', this.otpKey).update(`${purpose}\n${phoneNumber}\n${code}`).digest();
  }

  emailKey(email: string): Buffer {
    return createHmac('sha256', this.throttleKey).update(email).digest();
  }

  equal(a: Buffer, b: Buffer): boolean {
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

function successorKey(previousRaw: string, familyId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(previousRaw, 'utf8'), SUCCESSOR_SALT, familyId, 32));
}
