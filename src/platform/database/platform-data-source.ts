import { createHash } from 'node:crypto';
import { DataSource, DataSourceOptions, EntityManager, ObjectLiteral, QueryFailedError, QueryRunner } from 'typeorm';
import type { Pool, QueryResult } from 'pg';

/** TypeORM's options, plus how many distinct statements the direct road may keep prepared (0 or absent: none). */
export type PlatformDataSourceOptions = DataSourceOptions & { preparedStatements?: number };

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
 * A statement with parameters also goes as a named (prepared) statement, so
 * each connection parses and analyses it once instead of on every call: on
 * GET /auth/me and the login's three statements this took about a quarter of
 * Postgres's CPU per statement (bench/identity-notes.md). Statements get
 * names in the order first seen, up to `preparedStatements` distinct texts
 * per process (each connection holds at most that many); later ones run
 * unnamed, as before. A statement without parameters is never named: it keeps
 * the simple protocol, which allows several commands in one string.
 *
 * Inside a transaction (a query runner is given) nothing changes, and with
 * entity subscribers registered (they may listen to beforeQuery/afterQuery)
 * every query takes TypeORM's road.
 */
export class PlatformDataSource extends DataSource {
  private readonly statementNames = new Map<string, string>();
  private readonly preparedLimit: number;

  constructor(options: PlatformDataSourceOptions) {
    super(options);
    this.preparedLimit = options.preparedStatements ?? 0;
  }

  override query<T = unknown>(query: string, parameters?: unknown[], queryRunner?: QueryRunner): Promise<T> {
    const pool = this.directPool(queryRunner);
    if (!pool) return super.query<T>(query, parameters, queryRunner);
    this.logger.logQuery(query, parameters);
    const started = Date.now();
    const name = parameters?.length ? this.statementName(query) : undefined;
    return pool.query({ text: query, values: parameters, name }).then(
      (raw: QueryResult) => {
        const elapsed = Date.now() - started;
        const slowAfter = this.options.maxQueryExecutionTime;
        if (slowAfter && elapsed > slowAfter) this.logger.logQuerySlow(elapsed, query, parameters);
        return (raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows) as T;
      },
      (error: Error) => {
        this.logger.logQueryError(error, query, parameters);
        throw new QueryFailedError(query, parameters, error);
      },
    );
  }

  /** Entity managers whose query() returns the data source's promise as it is (see PlatformEntityManager). */
  override createEntityManager(queryRunner?: QueryRunner): EntityManager {
    return this.options.type === 'postgres' ? new PlatformEntityManager(this, queryRunner) : super.createEntityManager(queryRunner);
  }

  /** The statement's name (a digest of its text), or undefined once the process has named as many as allowed. */
  private statementName(query: string): string | undefined {
    let name = this.statementNames.get(query);
    if (name === undefined && this.statementNames.size < this.preparedLimit) {
      name = `rs_${createHash('sha256').update(query).digest('hex').slice(0, 32)}`;
      this.statementNames.set(query, name);
    }
    return name;
  }

  private directPool(queryRunner: QueryRunner | undefined): Pool | undefined {
    if (queryRunner || this.options.type !== 'postgres' || this.subscribers.length > 0) return undefined;
    return (this.driver as unknown as { master?: Pool }).master;
  }
}

/**
 * TypeORM's EntityManager, but query() hands back the data source's promise
 * instead of wrapping it in an async function: the wrapper costs one more
 * promise and two more microtask turns on every statement the repositories send.
 */
class PlatformEntityManager extends EntityManager {
  override query<T = unknown>(query: string, parameters?: unknown[] | ObjectLiteral): Promise<T> {
    return this.dataSource.query<T>(query, parameters, this.queryRunner);
  }
}
