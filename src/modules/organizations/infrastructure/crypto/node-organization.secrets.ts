import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX_BYTES, API_KEY_SECRET_BYTES, formatApiKey } from '../../domain';
import type { OrganizationSecrets } from '../../application/ports';

const TOKEN_BYTES = 32;

@Injectable()
export class NodeOrganizationSecrets implements OrganizationSecrets {
  newToken(): string {
    return randomBytes(TOKEN_BYTES).toString('base64url');
  }

  newApiKey(): { prefix: string; key: string } {
    const prefix = randomBytes(API_KEY_PREFIX_BYTES).toString('hex');
    return { prefix, key: formatApiKey(prefix, randomBytes(API_KEY_SECRET_BYTES).toString('base64url')) };
  }

  hash(raw: string): Buffer {
    return createHash('sha256').update(raw, 'utf8').digest();
  }

  equal(a: Buffer, b: Buffer): boolean {
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
