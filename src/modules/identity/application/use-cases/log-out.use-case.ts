import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork, SECRET_TOKENS, SESSION_GATE, SecretTokens, SessionGate } from '../ports';

/**
 * Ends the caller's session (the `sid` of the access token). A refresh token
 * may be given too (seed 001 sends one): its family is ended as well when it
 * belongs to the same user.
 */
@Injectable()
export class LogOutUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(SECRET_TOKENS) private readonly secrets: SecretTokens,
    @Inject(SESSION_GATE) private readonly gate: SessionGate,
  ) {}

  async execute(ctx: RequestContext, input: { refreshToken?: string }): Promise<void> {
    if (!ctx.userId || !ctx.sessionId) return;
    const userId = ctx.userId;
    const now = new Date();
    const revoked = await this.uow.run(async (repos) => {
      const ids = [ctx.sessionId as string];
      if (input.refreshToken) {
        const token = await repos.refreshTokens.findByHash(this.secrets.hashToken(input.refreshToken));
        if (token && token.familyId !== ctx.sessionId) ids.push(token.familyId);
      }
      const ended: string[] = [];
      for (const id of ids) {
        const session = await repos.sessions.findByIdForUpdate(id);
        if (!session || session.userId !== userId || !session.revoke('logout', now)) continue;
        await repos.sessions.save(session);
        ended.push(id);
      }
      await repos.securityEvents.record(ctx, { type: 'logout', userId, metadata: { session_ids: ended } });
      return ended;
    });
    await this.gate.revoked(revoked);
  }
}
