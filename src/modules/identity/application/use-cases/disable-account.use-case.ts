import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork, SESSION_GATE, SessionGate } from '../ports';

/** Disables an account (called by the admin context through IdentityApi) and ends all its sessions at once. */
@Injectable()
export class DisableAccountUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(SESSION_GATE) private readonly gate: SessionGate,
  ) {}

  async execute(ctx: RequestContext, input: { userId: string }): Promise<void> {
    const now = new Date();
    const revoked = await this.uow.run(async (repos) => {
      const account = await repos.accounts.findByIdForUpdate(input.userId);
      if (!account) throw IdentityErrors.accountNotFound();
      account.disable(now);
      await repos.accounts.save(account);
      const ids = await repos.sessions.revokeAllForUser(account.id, 'account_disabled', now);
      await repos.securityEvents.record(ctx, { type: 'account_disabled', userId: account.id, metadata: { by: ctx.userId ?? 'system', revoked_sessions: ids } });
      return ids;
    });
    await this.gate.revoked(revoked);
  }
}
