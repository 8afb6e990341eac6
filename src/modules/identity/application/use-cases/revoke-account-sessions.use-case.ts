import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork, SESSION_GATE, SessionGate } from '../ports';

/** Ends every session of an account on an operator's request (the admin context, through IdentityApi); the account stays usable. */
@Injectable()
export class RevokeAccountSessionsUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(SESSION_GATE) private readonly gate: SessionGate,
  ) {}

  async execute(ctx: RequestContext, input: { userId: string }): Promise<{ revokedSessions: number }> {
    const now = new Date();
    const revoked = await this.uow.run(async (repos) => {
      const account = await repos.accounts.findById(input.userId);
      if (!account) throw IdentityErrors.accountNotFound();
      const ids = await repos.sessions.revokeAllForUser(account.id, 'revoked_by_admin', now);
      await repos.securityEvents.record(ctx, {
        type: 'sessions_revoked_by_admin',
        userId: account.id,
        metadata: { by: ctx.userId ?? 'system', session_ids: ids },
      });
      return ids;
    });
    await this.gate.revoked(revoked);
    return { revokedSessions: revoked.length };
  }
}
