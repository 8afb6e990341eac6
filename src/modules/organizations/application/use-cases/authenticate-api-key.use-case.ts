import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ApiKeyVerifier, Principal } from '../../../../platform/auth/principal';
import { organizationRoleClaims } from '../role-claims';
import { API_KEY_USAGE_WRITE_INTERVAL_MS, OrganizationsErrors, apiKeyPrefix, apiKeyStatus } from '../../domain';
import { ORGANIZATION_SECRETS, ORGANIZATIONS_UNIT_OF_WORK, OrganizationSecrets, OrganizationsUnitOfWork } from '../ports';

/** Remembered per process so a busy key reaches the database for last_used_at at most once per interval. */
const MAX_REMEMBERED_KEYS = 10_000;

/**
 * What the platform's AuthGuard calls for an `X-API-Key`: one indexed lookup by
 * prefix (with the organization's status), a constant-time hash comparison,
 * then revoked / expired / suspended checks, so revoking a key or suspending
 * its organization takes effect on the next request. An unknown key and a
 * wrong secret give the same answer.
 */
@Injectable()
export class AuthenticateApiKeyUseCase implements ApiKeyVerifier {
  private readonly logger = new Logger('ApiKeys');
  private readonly lastTouched = new Map<string, number>();

  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    @Inject(ORGANIZATION_SECRETS) private readonly secrets: OrganizationSecrets,
  ) {}

  async verify(presented: string): Promise<Principal> {
    const prefix = apiKeyPrefix(presented);
    if (!prefix) throw OrganizationsErrors.apiKeyInvalid();
    const found = await this.uow.repos.apiKeys.findForAuthentication(prefix);
    if (!found || !this.secrets.equal(this.secrets.hash(presented), found.secretHash)) throw OrganizationsErrors.apiKeyInvalid();
    const now = new Date();
    const status = apiKeyStatus(found.key, now);
    if (status === 'revoked') throw OrganizationsErrors.apiKeyRevoked();
    if (status === 'expired') throw OrganizationsErrors.apiKeyExpired();
    if (found.orgStatus === 'suspended') throw OrganizationsErrors.suspended();
    await this.touch(found.key.id, now);
    return { orgId: found.key.orgId, apiKeyId: found.key.id, roles: organizationRoleClaims(found.key.role) };
  }

  private async touch(id: string, now: Date): Promise<void> {
    const last = this.lastTouched.get(id);
    if (last !== undefined && now.getTime() - last < API_KEY_USAGE_WRITE_INTERVAL_MS) return;
    this.lastTouched.delete(id);
    this.lastTouched.set(id, now.getTime());
    if (this.lastTouched.size > MAX_REMEMBERED_KEYS) {
      const oldest = this.lastTouched.keys().next().value;
      if (oldest !== undefined) this.lastTouched.delete(oldest);
    }
    try {
      await this.uow.repos.apiKeys.touch(id, now, API_KEY_USAGE_WRITE_INTERVAL_MS);
    } catch (error) {
      // Usage tracking never fails a request.
      this.logger.warn({ msg: 'could not record API key use', api_key_id: id, error: (error as Error).message });
    }
  }
}
