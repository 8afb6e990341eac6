import { DataSource } from 'typeorm';
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
});
