import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationsErrors, mayHandleApiKey } from '../../domain';
import { requireRoleIn } from '../access';
import { ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';

/** Revokes a key; its next request is refused (401 ORGANIZATIONS.API_KEY_REVOKED). Revoking a revoked key changes nothing. */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(@Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orgId: string; keyId: string }): Promise<void> {
    const actor = requireRoleIn(ctx, input.orgId, 'manager');
    await this.uow.run(async (repos) => {
      const key = await repos.apiKeys.findForUpdate(input.orgId, input.keyId);
      if (!key) throw OrganizationsErrors.apiKeyNotFound();
      if (!mayHandleApiKey(actor, key.role)) throw OrganizationsErrors.forbidden('A manager cannot revoke a principal key.');
      if (key.revokedAt) return;
      await repos.apiKeys.revoke(key.id, ctx.userId ?? null, new Date());
      await repos.audit.record(ctx, {
        orgId: input.orgId,
        action: 'api_key.revoked',
        targetType: 'api_key',
        targetId: key.id,
        metadata: { name: key.name, prefix: key.prefix },
      });
    });
  }
}
