import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork, SESSION_GATE, SessionGate } from '../ports';

/** Ends every session of the caller, the current one included. */
@Injectable()
export class LogOutAllUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(SESSION_GATE) private readonly gate: SessionGate,
  ) {}

  async execute(ctx: RequestContext): Promise<{ revokedSessions: number }> {
    const userId = ctx.userId;
    if (!userId) throw IdentityErrors.sessionRevoked();
    const revoked = await this.uow.run(async (repos) => {
      const ids = await repos.sessions.revokeAllForUser(userId, 'logout_all', new Date());
      await repos.securityEvents.record(ctx, { type: 'logout_all', userId, metadata: { session_ids: ids } });
      return ids;
    });
    await this.gate.revoked(revoked);
    return { revokedSessions: revoked.length };
  }
}
