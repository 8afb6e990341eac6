import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../src/platform/database/data-source-options';
import { TransactionRunner } from '../../../src/platform/database/transaction';
import { createTestApp, TestApp } from '../../support/test-app';

describe('TransactionRunner', () => {
  let t: TestApp;
  let db: DataSource;
  let runner: TransactionRunner;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    runner = t.app.get(TransactionRunner);
  });
  afterAll(() => t.close());

  const insert = (key: string) => (manager: { query: DataSource['query'] }) =>
    manager.query(`INSERT INTO outbox_messages (channel, recipient, body, delivery_key) VALUES ('email', 'tx@example.test', 'b', $1)`, [key]);
  const count = async (prefix: string) =>
    Number((await db.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE delivery_key LIKE $1`, [`${prefix}%`]))[0].n);

  it('commits every write of the unit of work together', async () => {
    const result = await runner.run(async (manager) => {
      await insert('tx-commit-1')(manager);
      await insert('tx-commit-2')(manager);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await count('tx-commit-')).toBe(2);
  });

  it('rolls back everything when the work throws', async () => {
    await expect(
      runner.run(async (manager) => {
        await insert('tx-rollback-1')(manager);
        throw new Error('business rule broken');
      }),
    ).rejects.toThrow('business rule broken');
    expect(await count('tx-rollback-')).toBe(0);
  });

  it('rolls back when a later statement fails in the database', async () => {
    await expect(
      runner.run(async (manager) => {
        await insert('tx-dup-1')(manager);
        await insert('tx-dup-1')(manager);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await count('tx-dup-')).toBe(0);
  });

  it('runs READ COMMITTED in one BEGIN, even on a database whose default is another level', async () => {
    const name = `revsync_iso_${randomBytes(4).toString('hex')}`;
    await db.query(`CREATE DATABASE ${name}`);
    await db.query(`ALTER DATABASE ${name} SET default_transaction_isolation = 'serializable'`);
    const url = new URL(t.config.database.url!);
    url.pathname = `/${name}`;
    const other = new DataSource(dataSourceOptions(t.config, url.toString()));
    await other.initialize();
    try {
      const statements: string[] = [];
      const createQueryRunner = other.createQueryRunner.bind(other);
      jest.spyOn(other, 'createQueryRunner').mockImplementation((mode) => {
        const queryRunner = createQueryRunner(mode);
        const query = queryRunner.query.bind(queryRunner);
        queryRunner.query = ((sql: string, ...rest: unknown[]) => {
          statements.push(sql);
          return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
        }) as typeof queryRunner.query;
        return queryRunner;
      });
      const seen = await new TransactionRunner(other).run((manager) => manager.query<Array<{ transaction_isolation: string }>>('SHOW transaction_isolation'));
      expect(seen[0].transaction_isolation).toBe('read committed');
      // No SET TRANSACTION round trip after the BEGIN.
      expect(statements).toEqual(['START TRANSACTION', 'SHOW transaction_isolation', 'COMMIT']);
    } finally {
      await other.destroy();
      await db.query(`DROP DATABASE ${name}`);
    }
  });
});
