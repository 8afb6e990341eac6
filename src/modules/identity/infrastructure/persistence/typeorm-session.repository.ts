import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuthMethod, RevokeReason, Session, SessionState } from '../../domain';
import type { RefreshTokenRecord, RefreshTokenRepository, SessionRepository, SessionStatus, SignInEvent } from '../../application/ports';
import { SessionEntity } from './identity.entities';
import type { EventStatements } from '../../../../platform/database/unit-of-work';
import { securityEventInserts } from './typeorm-security-event.recorder';

/** The refresh path runs these on every rotation: plain SQL, TypeORM's find path costs more CPU than the queries. */
const SELECT_SESSION = `SELECT id, user_id, auth_method, user_agent, ip, generation, created_at, last_used_at, idle_expires_at,
  absolute_expires_at, revoked_at, revoke_reason FROM sessions WHERE id = $1`;

interface SessionRow {
  id: string;
  user_id: string;
  auth_method: string;
  user_agent: string | null;
  ip: string | null;
  generation: number;
  created_at: Date;
  last_used_at: Date;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

export class TypeOrmSessionRepository implements SessionRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly events: EventStatements,
  ) {}

  private get rows() {
    return this.manager.getRepository(SessionEntity);
  }

  async insertOpened(session: Session, firstToken: { tokenHash: Buffer; createdAt: Date }, signIn?: SignInEvent): Promise<void> {
    // Data-modifying CTEs: one round trip and one statement, atomic without BEGIN/COMMIT (a transaction of three
    // inserts cost four more round trips and TypeORM's query-runner work on every sign-in).
    const s = session.snapshot();
    const parameters: unknown[] = [
      s.id,
      s.userId,
      s.authMethod,
      s.userAgent,
      s.ip,
      s.generation,
      s.createdAt,
      s.lastUsedAt,
      s.idleExpiresAt,
      s.absoluteExpiresAt,
      s.revokedAt,
      s.revokeReason,
      randomUUID(),
      firstToken.tokenHash,
      firstToken.createdAt,
    ];
    // The security event and its integration event (for the audit log) follow the session's and the token's.
    const event = signIn ? securityEventInserts(this.events, signIn.ctx, signIn.event, parameters.length + 1) : undefined;
    await this.manager.query(
      `WITH opened AS (
         INSERT INTO sessions (id, user_id, auth_method, user_agent, ip, generation, created_at, last_used_at, idle_expires_at, absolute_expires_at,
           revoked_at, revoke_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       )${event ? `, ${event.ctes.join(', ')}` : ''}
       INSERT INTO refresh_tokens (id, family_id, generation, token_hash, created_at) VALUES ($13, $1, $6, $14, $15)`,
      event ? [...parameters, ...event.parameters] : parameters,
    );
    if (event) this.events.written();
  }

  async findById(id: string): Promise<Session | undefined> {
    const rows: SessionRow[] = await this.manager.query(SELECT_SESSION, [id]);
    return rows[0] ? Session.restore(fromRow(rows[0])) : undefined;
  }

  async findByIdForUpdate(id: string): Promise<Session | undefined> {
    const rows: SessionRow[] = await this.manager.query(`${SELECT_SESSION} FOR UPDATE`, [id]);
    return rows[0] ? Session.restore(fromRow(rows[0])) : undefined;
  }

  async save(session: Session): Promise<void> {
    const state = session.snapshot();
    await this.manager.query(
      `UPDATE sessions SET generation = $2, last_used_at = $3, idle_expires_at = $4, revoked_at = $5, revoke_reason = $6 WHERE id = $1`,
      [state.id, state.generation, state.lastUsedAt, state.idleExpiresAt, state.revokedAt, state.revokeReason],
    );
  }

  async status(id: string): Promise<SessionStatus | undefined> {
    const rows: Array<{ user_id: string; revoked: boolean; absolute_expires_at: Date }> = await this.manager.query(
      'SELECT user_id, revoked_at IS NOT NULL AS revoked, absolute_expires_at FROM sessions WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row ? { userId: row.user_id, revoked: row.revoked, absoluteExpiresAt: row.absolute_expires_at } : undefined;
  }

  async listActive(userId: string, now: Date, page: { offset: number; limit: number }): Promise<{ items: SessionState[]; total: number }> {
    const [rows, total] = await this.rows
      .createQueryBuilder('s')
      .where('s.user_id = :userId AND s.revoked_at IS NULL AND s.idle_expires_at > :now AND s.absolute_expires_at > :now', { userId, now })
      .orderBy('s.last_used_at', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .offset(page.offset)
      .limit(page.limit)
      .getManyAndCount();
    return { items: rows.map(toState), total };
  }

  async revokeAllForUser(userId: string, reason: RevokeReason, now: Date, exceptId?: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `UPDATE sessions SET revoked_at = $2, revoke_reason = $3
        WHERE user_id = $1 AND revoked_at IS NULL AND ($4::uuid IS NULL OR id <> $4::uuid)
        RETURNING id`,
      [userId, now, reason, exceptId ?? null],
    );
    // node-postgres returns [rows, count] for UPDATE … RETURNING through TypeORM.
    const list = Array.isArray(rows[0]) ? (rows[0] as Array<{ id: string }>) : rows;
    return list.map((row) => row.id);
  }
}

export class TypeOrmRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly manager: EntityManager) {}

  async findByHash(tokenHash: Buffer): Promise<RefreshTokenRecord | undefined> {
    const rows: Array<{ id: string; family_id: string; generation: number; used_at: Date | null; successor_ciphertext: Buffer | null }> =
      await this.manager.query(`SELECT id, family_id, generation, used_at, successor_ciphertext FROM refresh_tokens WHERE token_hash = $1`, [tokenHash]);
    const row = rows[0];
    return row
      ? { id: row.id, familyId: row.family_id, generation: row.generation, usedAt: row.used_at, successorCiphertext: row.successor_ciphertext }
      : undefined;
  }

  async insert(record: { familyId: string; generation: number; tokenHash: Buffer; createdAt: Date }): Promise<void> {
    await this.manager.query(`INSERT INTO refresh_tokens (id, family_id, generation, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      randomUUID(),
      record.familyId,
      record.generation,
      record.tokenHash,
      record.createdAt,
    ]);
  }

  async markUsed(id: string, usedAt: Date, successorCiphertext: Buffer): Promise<void> {
    await this.manager.query(`UPDATE refresh_tokens SET used_at = $2, successor_ciphertext = $3 WHERE id = $1`, [id, usedAt, successorCiphertext]);
  }
}

function toState(row: SessionEntity): SessionState {
  return {
    id: row.id,
    userId: row.userId,
    authMethod: row.authMethod as AuthMethod,
    userAgent: row.userAgent,
    ip: row.ip,
    generation: row.generation,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    idleExpiresAt: row.idleExpiresAt,
    absoluteExpiresAt: row.absoluteExpiresAt,
    revokedAt: row.revokedAt,
    revokeReason: row.revokeReason as RevokeReason | null,
  };
}

function fromRow(row: SessionRow): SessionState {
  return {
    id: row.id,
    userId: row.user_id,
    authMethod: row.auth_method as AuthMethod,
    userAgent: row.user_agent,
    ip: row.ip,
    generation: row.generation,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    idleExpiresAt: row.idle_expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason as RevokeReason | null,
  };
}
