import { DataSource, QueryFailedError } from 'typeorm';
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
});
