import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IdentityRetention, PurgedCounts, RetentionCutoffs } from '../../application/ports';

/**
 * Each DELETE takes at most `batchSize` rows (picked by key in a subquery) and
 * commits on its own, so the sweep never holds many row locks or one long
 * transaction; it loops until a batch comes back short.
 */
@Injectable()
export class TypeOrmIdentityRetention implements IdentityRetention {
  constructor(private readonly dataSource: DataSource) {}

  async purge(cutoffs: RetentionCutoffs, batchSize: number): Promise<PurgedCounts> {
    const { endedBefore, staleThrottlesBefore, now } = cutoffs;
    return {
      // Refresh tokens go with their session (ON DELETE CASCADE).
      sessions: await this.inBatches(
        `DELETE FROM sessions WHERE id IN (
           SELECT id FROM sessions
           WHERE revoked_at < $2 OR idle_expires_at < $2 OR absolute_expires_at < $2
           LIMIT $1)`,
        batchSize,
        [endedBefore],
      ),
      accountTokens: await this.inBatches(
        `DELETE FROM account_tokens WHERE id IN (
           SELECT id FROM account_tokens WHERE used_at < $2 OR expires_at < $2 LIMIT $1)`,
        batchSize,
        [endedBefore],
      ),
      phoneOtps: await this.inBatches(
        `DELETE FROM phone_otps WHERE id IN (
           SELECT id FROM phone_otps WHERE created_at < $2 AND expires_at < $2 LIMIT $1)`,
        batchSize,
        [endedBefore],
      ),
      loginThrottles: await this.inBatches(
        `DELETE FROM login_throttles WHERE key_hash IN (
           SELECT key_hash FROM login_throttles
           WHERE last_failure_at < $2 AND (blocked_until IS NULL OR blocked_until <= $3)
           LIMIT $1)`,
        batchSize,
        [staleThrottlesBefore, now],
      ),
    };
  }

  /** Runs `deleteSql` ($1 is the batch size, then `params`) until a batch deletes fewer rows than that; returns the total. */
  private async inBatches(deleteSql: string, batchSize: number, params: unknown[]): Promise<number> {
    const values = [batchSize, ...params];
    let total = 0;
    for (;;) {
      const [{ deleted }] = await this.dataSource.query<Array<{ deleted: number }>>(
        `WITH gone AS (${deleteSql} RETURNING 1) SELECT count(*)::int AS deleted FROM gone`,
        values,
      );
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }
}
