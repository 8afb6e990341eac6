import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork, SESSION_GATE, SessionGate } from '../ports';

/** Ends one of the caller's sessions. Someone else's session is indistinguishable from a missing one. */
@Injectable()
export class RevokeSessionUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(SESSION_GATE) private readonly gate: SessionGate,
  ) {}

  async execute(ctx: RequestContext, input: { sessionId: string }): Promise<void> {
    const now = new Date();
    await this.uow.run(async (repos) => {
      const session = await repos.sessions.findByIdForUpdate(input.sessionId);
      if (!session || session.userId !== ctx.userId || !session.isActive(now)) throw IdentityErrors.sessionNotFound();
      session.revoke('revoked_by_user', now);
      await repos.sessions.save(session);
      await repos.securityEvents.record(ctx, {
        type: 'session_revoked',
        userId: session.userId,
        metadata: { session_id: session.id, current: session.id === ctx.sessionId },
      });
    });
    await this.gate.revoked([input.sessionId]);
  }
}
