import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { DomainError } from '../../../../platform/kernel';
import { IdentityErrors, Session } from '../../domain';
import {
  IDENTITY_UNIT_OF_WORK,
  IdentityRepositories,
  IdentityUnitOfWork,
  RefreshTokenRecord,
  SECRET_TOKENS,
  SESSION_GATE,
  SecretTokens,
  SessionGate,
} from '../ports';
import { SessionIssuer } from '../services/session-issuer';
import type { TokenPair } from '../views';

/** How many already-used links of a chain a replay may walk to reach the current token. */
const MAX_REPLAY_CHAIN = 8;

type Outcome = { ok: true; session: Session; refreshToken: string } | { ok: false; error: DomainError; revokedSessionId?: string };

/**
 * Rotates a refresh token. The family row is locked for the whole decision, so
 * two refreshes of one token run one after the other: the first rotates, the
 * second (inside the grace window) receives the successor the first issued,
 * which is kept encrypted under a key derived from the token it replaces. A
 * used token presented after the grace window revokes the family.
 */
@Injectable()
export class RefreshSessionUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(SECRET_TOKENS) private readonly secrets: SecretTokens,
    @Inject(SESSION_GATE) private readonly gate: SessionGate,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute(ctx: RequestContext, input: { refreshToken: string }): Promise<TokenPair> {
    const tokenHash = this.secrets.hashToken(input.refreshToken);
    const outcome = await this.uow.run((repos) => this.decide(repos, ctx, input.refreshToken, tokenHash));
    if (!outcome.ok) {
      // The revocation is committed before the error is thrown.
      if (outcome.revokedSessionId) await this.gate.revoked([outcome.revokedSessionId]);
      throw outcome.error;
    }
    const account = await this.uow.repos.accounts.findById(outcome.session.userId);
    if (!account || account.isDisabled) throw IdentityErrors.refreshTokenInvalid();
    const access = await this.sessions.access(account, outcome.session.id);
    return { accessToken: access.token, refreshToken: outcome.refreshToken, expiresIn: access.expiresIn };
  }

  private async decide(repos: IdentityRepositories, ctx: RequestContext, raw: string, tokenHash: Buffer): Promise<Outcome> {
    const unlocked = await repos.refreshTokens.findByHash(tokenHash);
    if (!unlocked) return { ok: false, error: IdentityErrors.refreshTokenInvalid() };
    const session = await repos.sessions.findByIdForUpdate(unlocked.familyId);
    // Re-read under the family lock: a concurrent rotation may have just used it.
    const token = await repos.refreshTokens.findByHash(tokenHash);
    if (!session || !token) return { ok: false, error: IdentityErrors.refreshTokenInvalid() };
    const now = new Date();
    const lifetimes = this.sessions.lifetimes;
    const decision = session.decide({ generation: token.generation, usedAt: token.usedAt, hasSuccessor: token.successorCiphertext !== null }, lifetimes, now);

    switch (decision.kind) {
      case 'rotate': {
        const successor = await this.rotate(repos, session, token, raw, now);
        await repos.sessions.save(session);
        return { ok: true, session, refreshToken: successor };
      }
      case 'replay_successor': {
        const current = await this.followChain(repos, session, token, raw, now);
        if (!current) return this.reuse(repos, ctx, session, token, now);
        session.touch(lifetimes, now);
        await repos.sessions.save(session);
        return { ok: true, session, refreshToken: current };
      }
      case 'reuse_detected':
        return this.reuse(repos, ctx, session, token, now);
      case 'expired':
        if (session.revoke('expired', now)) await repos.sessions.save(session);
        return { ok: false, error: IdentityErrors.sessionExpired() };
      case 'revoked':
        return { ok: false, error: IdentityErrors.refreshTokenInvalid() };
    }
  }

  private async rotate(repos: IdentityRepositories, session: Session, token: RefreshTokenRecord, raw: string, now: Date): Promise<string> {
    const successor = this.secrets.newOpaqueToken();
    const generation = session.rotate(this.sessions.lifetimes, now);
    await repos.refreshTokens.insert({ familyId: session.id, generation, tokenHash: this.secrets.hashToken(successor), createdAt: now });
    await repos.refreshTokens.markUsed(token.id, now, this.secrets.sealSuccessor(raw, successor, session.id));
    return successor;
  }

  /**
   * Decrypts the successor of a just-used token. If that successor was itself
   * rotated meanwhile (a third tab), follows the chain to the family's current token.
   */
  private async followChain(repos: IdentityRepositories, session: Session, token: RefreshTokenRecord, raw: string, now: Date): Promise<string | undefined> {
    let record = token;
    let secret = raw;
    for (let step = 0; step < MAX_REPLAY_CHAIN; step += 1) {
      if (!record.successorCiphertext) return undefined;
      const next = this.secrets.openSuccessor(secret, record.successorCiphertext, session.id);
      if (!next) return undefined;
      const nextRecord = await repos.refreshTokens.findByHash(this.secrets.hashToken(next));
      if (!nextRecord || nextRecord.familyId !== session.id) return undefined;
      if (nextRecord.usedAt === null) return next;
      if (now.getTime() - nextRecord.usedAt.getTime() > this.sessions.lifetimes.graceSeconds * 1000) return undefined;
      record = nextRecord;
      secret = next;
    }
    return undefined;
  }

  private async reuse(repos: IdentityRepositories, ctx: RequestContext, session: Session, token: RefreshTokenRecord, now: Date): Promise<Outcome> {
    session.revoke('refresh_reuse', now);
    await repos.sessions.save(session);
    await repos.securityEvents.record(ctx, {
      type: 'refresh_reuse_detected',
      userId: session.userId,
      metadata: { session_id: session.id, token_generation: token.generation, current_generation: session.generation },
    });
    return { ok: false, error: IdentityErrors.refreshTokenReused(), revokedSessionId: session.id };
  }
}
