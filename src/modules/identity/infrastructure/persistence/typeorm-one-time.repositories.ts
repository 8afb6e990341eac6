import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { LoginThrottleState, OtpChallenge, OtpPurpose, OtpStatus } from '../../domain';
import type { AccountTokenPurpose, AccountTokenRecord, AccountTokenRepository, LoginThrottleRepository, OtpRepository } from '../../application/ports';
import { AccountTokenEntity, LoginThrottleEntity, PhoneOtpEntity } from './identity.entities';

/** UPDATE … RETURNING comes back from TypeORM's postgres driver as [rows, count]. */
function returnedRows<T>(result: unknown): T[] {
  const list = result as unknown[];
  return (Array.isArray(list[0]) ? list[0] : list) as T[];
}

export class TypeOrmAccountTokenRepository implements AccountTokenRepository {
  constructor(private readonly manager: EntityManager) {}

  async insert(record: { userId: string; purpose: AccountTokenPurpose; tokenHash: Buffer; email: string; expiresAt: Date; createdAt: Date }): Promise<void> {
    await this.manager.getRepository(AccountTokenEntity).insert({ id: randomUUID(), ...record, usedAt: null });
  }

  async consume(tokenHash: Buffer, purposes: AccountTokenPurpose[], now: Date): Promise<AccountTokenRecord | undefined> {
    const result = await this.manager.query(
      `UPDATE account_tokens SET used_at = $2
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 AND purpose = ANY($3::text[])
        RETURNING id, user_id, purpose, email, expires_at`,
      [tokenHash, now, purposes],
    );
    const row = returnedRows<{ id: string; user_id: string; purpose: AccountTokenPurpose; email: string; expires_at: Date }>(result)[0];
    return row ? { id: row.id, userId: row.user_id, purpose: row.purpose, email: row.email, expiresAt: row.expires_at } : undefined;
  }

  async invalidateOpen(userId: string, purpose: AccountTokenPurpose, now: Date): Promise<void> {
    await this.manager.query(`UPDATE account_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [userId, purpose, now]);
  }

  async lastIssuedAt(userId: string, purpose: AccountTokenPurpose): Promise<Date | undefined> {
    const rows: Array<{ created_at: Date }> = await this.manager.query(
      `SELECT created_at FROM account_tokens WHERE user_id = $1 AND purpose = $2 ORDER BY created_at DESC LIMIT 1`,
      [userId, purpose],
    );
    return rows[0]?.created_at;
  }
}

export class TypeOrmOtpRepository implements OtpRepository {
  constructor(private readonly manager: EntityManager) {}

  async lockPhone(phoneNumber: string): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`identity:otp:${phoneNumber}`]);
  }

  async lastSentAt(phoneNumber: string, purpose: OtpPurpose): Promise<Date | undefined> {
    const rows: Array<{ created_at: Date }> = await this.manager.query(
      `SELECT created_at FROM phone_otps WHERE phone_number = $1 AND purpose = $2 ORDER BY created_at DESC LIMIT 1`,
      [phoneNumber, purpose],
    );
    return rows[0]?.created_at;
  }

  async countForPhoneSince(phoneNumber: string, since: Date): Promise<number> {
    return this.count(`phone_number = $1`, phoneNumber, since);
  }

  async countForIpSince(ip: string, since: Date): Promise<number> {
    return this.count(`request_ip = $1`, ip, since);
  }

  async oldestForPhoneSince(phoneNumber: string, since: Date): Promise<Date | undefined> {
    return this.oldest(`phone_number = $1`, phoneNumber, since);
  }

  async oldestForIpSince(ip: string, since: Date): Promise<Date | undefined> {
    return this.oldest(`request_ip = $1`, ip, since);
  }

  async supersedePending(phoneNumber: string, purpose: OtpPurpose): Promise<void> {
    await this.manager.query(`UPDATE phone_otps SET status = 'superseded' WHERE phone_number = $1 AND purpose = $2 AND status = 'pending'`, [
      phoneNumber,
      purpose,
    ]);
  }

  async insert(record: {
    phoneNumber: string;
    purpose: OtpPurpose;
    codeHash: Buffer;
    expiresAt: Date;
    requestIp: string | null;
    createdAt: Date;
  }): Promise<string> {
    const id = randomUUID();
    await this.manager.getRepository(PhoneOtpEntity).insert({ id, ...record, attempts: 0, status: 'pending' });
    return id;
  }

  async findLatestPending(phoneNumber: string, purpose: OtpPurpose): Promise<{ challenge: OtpChallenge; codeHash: Buffer } | undefined> {
    const row = await this.manager
      .getRepository(PhoneOtpEntity)
      .createQueryBuilder('o')
      .where(`o.phone_number = :phoneNumber AND o.purpose = :purpose AND o.status = 'pending'`, { phoneNumber, purpose })
      .orderBy('o.created_at', 'DESC')
      .limit(1)
      .getOne();
    if (!row) return undefined;
    const challenge = OtpChallenge.restore({
      id: row.id,
      phoneNumber: row.phoneNumber,
      purpose: row.purpose as OtpPurpose,
      attempts: row.attempts,
      status: row.status as OtpStatus,
      expiresAt: row.expiresAt,
      createdAt: row.createdAt,
    });
    return { challenge, codeHash: row.codeHash };
  }

  async save(challenge: OtpChallenge): Promise<void> {
    const state = challenge.snapshot();
    await this.manager.getRepository(PhoneOtpEntity).update({ id: state.id }, { attempts: state.attempts, status: state.status });
  }

  private async count(condition: string, value: string, since: Date): Promise<number> {
    const rows: Array<{ count: string }> = await this.manager.query(`SELECT count(*) AS count FROM phone_otps WHERE ${condition} AND created_at > $2`, [
      value,
      since,
    ]);
    return Number(rows[0]?.count ?? 0);
  }

  private async oldest(condition: string, value: string, since: Date): Promise<Date | undefined> {
    const rows: Array<{ oldest: Date | null }> = await this.manager.query(
      `SELECT min(created_at) AS oldest FROM phone_otps WHERE ${condition} AND created_at > $2`,
      [value, since],
    );
    return rows[0]?.oldest ?? undefined;
  }
}

export class TypeOrmLoginThrottleRepository implements LoginThrottleRepository {
  constructor(private readonly manager: EntityManager) {}

  async lock(key: Buffer): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`identity:login:${key.toString('hex')}`]);
  }

  /** Every password check reads this first: plain SQL. */
  async get(key: Buffer): Promise<LoginThrottleState | undefined> {
    const rows: Array<{ failures: number; last_failure_at: Date; blocked_until: Date | null }> = await this.manager.query(
      `SELECT failures, last_failure_at, blocked_until FROM login_throttles WHERE key_hash = $1`,
      [key],
    );
    const row = rows[0];
    return row ? { failures: row.failures, lastFailureAt: row.last_failure_at, blockedUntil: row.blocked_until } : undefined;
  }

  async put(key: Buffer, state: LoginThrottleState): Promise<void> {
    await this.manager.getRepository(LoginThrottleEntity).upsert({ keyHash: key, ...state }, ['keyHash']);
  }

  async clear(key: Buffer): Promise<void> {
    await this.manager.getRepository(LoginThrottleEntity).delete({ keyHash: key });
  }
}
