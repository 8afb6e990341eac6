import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { ApiKey, OrganizationRole, OrganizationsErrors, checkApiKeyExpiry, mayHandleApiKey } from '../../domain';
import { requireRoleIn } from '../access';
import { ORGANIZATION_SECRETS, ORGANIZATIONS_UNIT_OF_WORK, OrganizationSecrets, OrganizationsUnitOfWork } from '../ports';
import type { CreatedApiKey } from '../views';

/**
 * A principal or manager creates a key acting in the organization with a role
 * no higher than their own, until `expiresAt`. The secret is returned once;
 * only its SHA-256 and a lookup prefix are stored.
 */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    @Inject(ORGANIZATION_SECRETS) private readonly secrets: OrganizationSecrets,
  ) {}

  async execute(ctx: RequestContext, input: { orgId: string; name: string; role: OrganizationRole; expiresAt: Date }): Promise<CreatedApiKey> {
    const actor = requireRoleIn(ctx, input.orgId, 'manager');
    if (!mayHandleApiKey(actor, input.role)) throw OrganizationsErrors.forbidden('A key cannot act with a higher role than yours.');
    const now = new Date();
    const expiryProblems = checkApiKeyExpiry(input.expiresAt, now);
    if (expiryProblems.length) throw OrganizationsErrors.validation({ expires_at: expiryProblems });
    const { prefix, key: secret } = this.secrets.newApiKey();
    const key: ApiKey = {
      id: randomUUID(),
      orgId: input.orgId,
      name: input.name,
      role: input.role,
      prefix,
      createdBy: ctx.userId ?? null,
      createdAt: now,
      expiresAt: input.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.uow.run(async (repos) => {
      await repos.apiKeys.insert(key, this.secrets.hash(secret));
      await repos.audit.record(ctx, {
        orgId: input.orgId,
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: key.id,
        metadata: { name: key.name, role: key.role, prefix, expires_at: key.expiresAt.toISOString() },
      });
    });
    return { key, secret };
  }
}
