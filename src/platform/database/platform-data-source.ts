import { DataSource, QueryFailedError, QueryRunner } from 'typeorm';
import type { Pool, QueryResult } from 'pg';

/**
 * TypeORM's DataSource, with a shorter road for plain SQL run outside a
 * transaction (`manager.query(...)` on the default manager, as the plain-SQL
 * repositories do for their hot reads).
 *
 * TypeORM sends such a query through a fresh query runner: it creates the
 * runner, checks a client out, broadcasts before and after the query, builds
 * a result object and releases, about ten awaits in all. Sent straight to the
 * driver's pool it is one, which saved ~28 µs of CPU on each GET /auth/me
 * (bench/identity-notes.md). What callers see stays TypeORM's: the same
 * return value (rows; `[rows, rowCount]` for UPDATE and DELETE), failures
 * as QueryFailedError, and the logger's failed and slow-query lines.
 *
 * Inside a transaction (a query runner is given) nothing changes, and with
 * entity subscribers registered (they may listen to beforeQuery/afterQuery)
 * every query takes TypeORM's road.
 */
export class PlatformDataSource extends DataSource {
  override async query<T = unknown>(query: string, parameters?: unknown[], queryRunner?: QueryRunner): Promise<T> {
    const pool = this.directPool(queryRunner);
    if (!pool) return super.query<T>(query, parameters, queryRunner);
    this.logger.logQuery(query, parameters);
    const started = Date.now();
    let raw: QueryResult;
    try {
      raw = await pool.query(query, parameters);
    } catch (error) {
      this.logger.logQueryError(error as Error, query, parameters);
      throw new QueryFailedError(query, parameters, error as Error);
    }
    const elapsed = Date.now() - started;
    const slowAfter = this.options.maxQueryExecutionTime;
    if (slowAfter && elapsed > slowAfter) this.logger.logQuerySlow(elapsed, query, parameters);
    return (raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows) as T;
  }

  private directPool(queryRunner: QueryRunner | undefined): Pool | undefined {
    if (queryRunner || this.options.type !== 'postgres' || this.subscribers.length > 0) return undefined;
    return (this.driver as unknown as { master?: Pool }).master;
  }
}
