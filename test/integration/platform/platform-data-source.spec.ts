import { DataSource, QueryFailedError } from 'typeorm';
import { dataSourceOptions } from '../../../src/platform/database/data-source-options';
import { PlatformDataSource } from '../../../src/platform/database/platform-data-source';
import { pgError, UNIQUE_VIOLATION } from '../../../src/platform/database/sql';
import { TransactionRunner } from '../../../src/platform/database/transaction';
import { createTestApp, TestApp } from '../../support/test-app';

/**
 * Plain SQL outside a transaction goes straight to the pool; callers must not
 * be able to tell, except by the CPU it saves. Each case compares with
 * TypeORM's own road (an explicit query runner) on the same database.
 */
describe('PlatformDataSource', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  /** The same statement through TypeORM's query runner, as DataSource.query does without the short road. */
  async function viaTypeOrm<T>(sql: string, parameters?: unknown[]): Promise<T> {
    const runner = db.createQueryRunner();
    try {
      return (await runner.query(sql, parameters)) as T;
    } finally {
      await runner.release();
    }
  }

  const insert = (key: string) =>
    `INSERT INTO outbox_messages (channel, recipient, body, delivery_key) VALUES ('email', 'pds@example.test', 'b', '${key}') RETURNING delivery_key`;

  it('is the data source the application runs on', () => {
    expect(db).toBeInstanceOf(PlatformDataSource);
  });

  it('answers a read without a query runner, with the rows TypeORM would return', async () => {
    const runners = jest.spyOn(db, 'createQueryRunner');
    const direct = await db.query(`SELECT n, n * 2 AS twice, now() AS at FROM generate_series(1, 3) AS n WHERE n >= $1`, [2]);
    expect(runners).not.toHaveBeenCalled();
    const typeorm = await viaTypeOrm<Array<Record<string, unknown>>>(
      `SELECT n, n * 2 AS twice, now() AS at FROM generate_series(1, 3) AS n WHERE n >= $1`,
      [2],
    );
    expect(direct.map(({ n, twice }: { n: number; twice: number }) => ({ n, twice }))).toEqual(typeorm.map(({ n, twice }) => ({ n, twice })));
    expect(direct).toHaveLength(2);
    expect(direct[0].at).toBeInstanceOf(Date);
  });

  it('returns the shapes TypeORM returns for INSERT … RETURNING, UPDATE and DELETE', async () => {
    expect(await db.query(insert('pds-shape-1'))).toEqual([{ delivery_key: 'pds-shape-1' }]);
    expect(await viaTypeOrm(insert('pds-shape-2'))).toEqual([{ delivery_key: 'pds-shape-2' }]);
    const update = `UPDATE outbox_messages SET body = 'c' WHERE delivery_key LIKE 'pds-shape-%' RETURNING delivery_key`;
    const direct = await db.query(update);
    expect(direct).toEqual([expect.arrayContaining([{ delivery_key: 'pds-shape-1' }, { delivery_key: 'pds-shape-2' }]), 2]);
    expect(await viaTypeOrm(update)).toEqual([expect.any(Array), 2]);
    expect(await db.query(`DELETE FROM outbox_messages WHERE delivery_key = 'pds-shape-1'`)).toEqual([[], 1]);
    expect(await viaTypeOrm(`DELETE FROM outbox_messages WHERE delivery_key = 'pds-shape-2'`)).toEqual([[], 1]);
  });

  it('fails with QueryFailedError carrying the driver error, and logs it, as TypeORM does', async () => {
    await db.query(insert('pds-unique'));
    const logged = jest.spyOn(db.logger, 'logQueryError');
    const failure = await db.query(insert('pds-unique')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(pgError(failure)).toEqual({ code: UNIQUE_VIOLATION, constraint: expect.stringContaining('delivery_key') });
    expect(logged).toHaveBeenCalledWith(expect.anything(), insert('pds-unique'), undefined);
    await expect(db.query('SELEKT 1')).rejects.toBeInstanceOf(QueryFailedError);
  });

  it('logs a query slower than maxQueryExecutionTime', async () => {
    const slow = jest.spyOn(db.logger, 'logQuerySlow');
    const limit = db.options.maxQueryExecutionTime!;
    await db.query(`SELECT pg_sleep($1::float / 1000)`, [limit + 100]);
    expect(slow).toHaveBeenCalledWith(expect.any(Number), `SELECT pg_sleep($1::float / 1000)`, [limit + 100]);
    expect(slow.mock.calls[0][0]).toBeGreaterThan(limit);
  });

  it('leaves queries inside a transaction on the transaction', async () => {
    const key = 'pds-tx-rolled-back';
    await expect(
      t.app.get(TransactionRunner).run(async (manager) => {
        await manager.query(insert(key));
        expect(await manager.query(`SELECT 1 FROM outbox_messages WHERE delivery_key = $1`, [key])).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.query(`SELECT 1 FROM outbox_messages WHERE delivery_key = $1`, [key])).toHaveLength(0);
  });

  it("hands back the data source's promise from its managers' query(), with no async wrapper around it", async () => {
    const sent = jest.spyOn(db, 'query');
    const fromDefault = db.manager.query(`SELECT $1::int AS n`, [7]);
    expect(sent.mock.results[0].value).toBe(fromDefault);
    expect(await fromDefault).toEqual([{ n: 7 }]);
    await t.app.get(TransactionRunner).run(async (manager) => {
      const inTransaction = manager.query(`SELECT $1::int AS n`, [8]);
      expect(sent.mock.results[1].value).toBe(inTransaction);
      expect(sent.mock.calls[1][2]).toBe(manager.queryRunner);
      expect(await inTransaction).toEqual([{ n: 8 }]);
    });
  });

  describe('prepared statements', () => {
    /** A data source on one connection, so pg_prepared_statements (per connection) shows what it prepared. */
    async function oneConnection(preparedStatements: number): Promise<PlatformDataSource> {
      const options = dataSourceOptions({ ...t.config, database: { ...t.config.database, poolMax: 1, preparedStatements } }, t.config.database.url!);
      const source = new PlatformDataSource(options);
      await source.initialize();
      return source;
    }
    const PREPARED = `SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%/* prepared-spec */%' ORDER BY statement`;
    const prepared = async (source: DataSource) => ((await source.query(PREPARED)) as Array<{ statement: string }>).map((row) => row.statement);

    it('is what the application is configured with', () => {
      expect(t.config.database.preparedStatements).toBeGreaterThan(0);
      expect((db.options as { preparedStatements?: number }).preparedStatements).toBe(t.config.database.preparedStatements);
    });

    it('prepares a parameterized statement once per connection and answers as the unnamed one does', async () => {
      const source = await oneConnection(10);
      const sql = `SELECT n, n * 2 AS twice FROM generate_series(1, 5) AS n WHERE n >= $1 /* prepared-spec */`;
      try {
        expect(await source.query(sql, [4])).toEqual([
          { n: 4, twice: 8 },
          { n: 5, twice: 10 },
        ]);
        expect(await source.query(sql, [5])).toEqual([{ n: 5, twice: 10 }]);
        expect(await prepared(source)).toEqual([sql]);
        expect(await db.query(sql, [4])).toEqual(await source.query(sql, [4]));
      } finally {
        await source.destroy();
      }
    });

    it('stops naming at the limit and never names a statement without parameters', async () => {
      const source = await oneConnection(2);
      const statements = [1, 2, 3].map((k) => `SELECT $1::int + ${k} AS v /* prepared-spec */`);
      try {
        // Two commands in one string, while names are still free: only the simple protocol accepts that.
        await source.query(`SELECT 1 AS a /* prepared-spec */; SELECT 2 AS b /* prepared-spec */`);
        for (const [index, sql] of statements.entries()) expect(await source.query(sql, [10])).toEqual([{ v: 11 + index }]);
        expect(await prepared(source)).toEqual(statements.slice(0, 2).sort());
        // The third runs unnamed, every time.
        expect(await source.query(statements[2], [20])).toEqual([{ v: 23 }]);
        expect(await prepared(source)).toHaveLength(2);
      } finally {
        await source.destroy();
      }
    });

    it('prepares nothing when turned off', async () => {
      const source = await oneConnection(0);
      try {
        expect(await source.query(`SELECT $1::text AS v /* prepared-spec */`, ['x'])).toEqual([{ v: 'x' }]);
        expect(await prepared(source)).toEqual([]);
      } finally {
        await source.destroy();
      }
    });

    it('fails a bad named statement as a QueryFailedError and keeps the connection usable', async () => {
      const source = await oneConnection(10);
      try {
        await expect(source.query(`SELEKT $1::int /* prepared-spec */`, [1])).rejects.toBeInstanceOf(QueryFailedError);
        await expect(source.query(`SELEKT $1::int /* prepared-spec */`, [1])).rejects.toBeInstanceOf(QueryFailedError);
        expect(await source.query(`SELECT $1::int AS v /* prepared-spec */`, [7])).toEqual([{ v: 7 }]);
        expect(await prepared(source)).toEqual([`SELECT $1::int AS v /* prepared-spec */`]);
      } finally {
        await source.destroy();
      }
    });
  });
});
