import type { Queryable } from '../../../../platform/database/sql';
import type { IdempotencyRecord, IdempotencyRepository, WebhookEventRepository } from '../../application/ports';

interface KeyRow {
  scope: string;
  key: string;
  operation: string;
  request_hash: string;
  recovery_id: string;
  state: IdempotencyRecord['state'];
  response_status: number | null;
  response_body: unknown;
  locked_until: Date;
  expires_at: Date;
}

export class SqlIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly db: Queryable) {}

  async claim(r: IdempotencyRecord): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO commerce_idempotency_keys (scope, key, operation, request_hash, recovery_id, state, locked_until, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'running', $6, now(), $7) ON CONFLICT (scope, key) DO NOTHING RETURNING 1`,
      [r.scope, r.key, r.operation, r.requestHash, r.recoveryId, r.lockedUntil, r.expiresAt],
    );
    return rows.length === 1;
  }

  async find(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const rows: KeyRow[] = await this.db.query(`SELECT * FROM commerce_idempotency_keys WHERE scope = $1 AND key = $2`, [scope, key]);
    const row = rows[0];
    return (
      row && {
        scope: row.scope,
        key: row.key,
        operation: row.operation,
        requestHash: row.request_hash,
        recoveryId: row.recovery_id,
        state: row.state,
        responseStatus: row.response_status,
        responseBody: row.response_body,
        lockedUntil: row.locked_until,
        expiresAt: row.expires_at,
      }
    );
  }

  async retake(scope: string, key: string, lockedUntil: Date, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `UPDATE commerce_idempotency_keys SET state = 'running', locked_until = $3
       WHERE scope = $1 AND key = $2 AND (state = 'retryable' OR (state = 'running' AND locked_until < $4)) RETURNING 1`,
      [scope, key, lockedUntil, now],
    );
    return rowCount(rows) === 1;
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.db.query(`UPDATE commerce_idempotency_keys SET state = 'done', response_status = $3, response_body = $4::json WHERE scope = $1 AND key = $2`, [
      scope,
      key,
      status,
      JSON.stringify(body),
    ]);
  }

  async release(scope: string, key: string): Promise<void> {
    await this.db.query(`UPDATE commerce_idempotency_keys SET state = 'retryable' WHERE scope = $1 AND key = $2 AND state = 'running'`, [scope, key]);
  }

  async purgeExpired(now: Date): Promise<number> {
    const rows: unknown[] = await this.db.query(`DELETE FROM commerce_idempotency_keys WHERE expires_at < $1 RETURNING 1`, [now]);
    return rowCount(rows);
  }
}

/** TypeORM's query() answers an UPDATE/DELETE … RETURNING with [rows, count]. */
function rowCount(result: unknown): number {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
  return Array.isArray(result) ? result.length : 0;
}

export class SqlWebhookEventRepository implements WebhookEventRepository {
  constructor(private readonly db: Queryable) {}

  async record(e: { provider: string; eventId: string; type: string; objectId: string | null; payload: unknown }): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO commerce_webhook_events (provider, event_id, type, object_id, payload) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (provider, event_id) DO NOTHING RETURNING 1`,
      [e.provider, e.eventId, e.type, e.objectId, JSON.stringify(e.payload)],
    );
    return rows.length === 1;
  }

  async find(provider: string, eventId: string): Promise<{ type: string; objectId: string | null; processedAt: Date | null } | undefined> {
    const rows: Array<{ type: string; object_id: string | null; processed_at: Date | null }> = await this.db.query(
      `SELECT type, object_id, processed_at FROM commerce_webhook_events WHERE provider = $1 AND event_id = $2`,
      [provider, eventId],
    );
    return rows[0] && { type: rows[0].type, objectId: rows[0].object_id, processedAt: rows[0].processed_at };
  }

  async markProcessed(provider: string, eventId: string, now: Date): Promise<void> {
    await this.db.query(`UPDATE commerce_webhook_events SET processed_at = $3 WHERE provider = $1 AND event_id = $2 AND processed_at IS NULL`, [
      provider,
      eventId,
      now,
    ]);
  }

  async unprocessed(provider: string, olderThan: Date, limit: number): Promise<string[]> {
    const rows: Array<{ event_id: string }> = await this.db.query(
      `SELECT event_id FROM commerce_webhook_events WHERE provider = $1 AND processed_at IS NULL AND received_at < $2 ORDER BY received_at LIMIT $3`,
      [provider, olderThan, limit],
    );
    return rows.map((row) => row.event_id);
  }
}
