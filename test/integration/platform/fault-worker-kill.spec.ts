import type { Job, Queue } from 'bull';
import { DataSource, QueryRunner } from 'typeorm';
import { NotificationSender } from '../../../src/platform/notifications/notification-sender';
import type { OutgoingMail } from '../../../src/platform/notifications/notification.types';
import type { JobPayload } from '../../../src/platform/queues/job-payload';
import { JobQueue } from '../../../src/platform/queues/job-queue';
import { PLATFORM_QUEUES as QUEUES } from '../../../src/platform/queues/queue.registry';
import { startFakeSmtp } from '../../support/fake-smtp';
import { finishedJob, NodeProcess, spawnBuilt, waitFor } from '../../support/processes';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig, testEnv } from '../../support/test-config';

const ctx = { requestId: 'fault-worker-kill', roles: [] };

/**
 * Short lock and stalled-check timings, so a job whose worker died is re-delivered within about
 * QUEUE_LOCK_MS + QUEUE_STALLED_INTERVAL_MS instead of the production 30 s + 15 s. The lock stays
 * long enough (renewed every 1 s) for a live worker on a loaded CI machine never to lose it.
 */
const FAST_STALL = { QUEUE_LOCK_MS: '2000', QUEUE_STALLED_INTERVAL_MS: '500' };

/**
 * SIGKILL gives a worker no chance to finish, fail or release its job: Bull's stalled-job check
 * (run by any other worker once the dead worker's lock has expired) moves the job back to waiting,
 * and a second worker runs it again. These tests show what "its effect happens once" means then.
 */
describe('worker killed with SIGKILL in the middle of a job', () => {
  let producer: TestApp;
  let db: DataSource;
  const workers: NodeProcess[] = [];

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.kill('SIGKILL')));
    await producer?.close();
  });

  function startWorker(overrides: Record<string, string> = {}): NodeProcess {
    const worker = spawnBuilt('worker.js', testEnv(producer.config, { ...FAST_STALL, ...overrides }));
    workers.push(worker);
    return worker;
  }

  const mailQueue = (): Queue => producer.app.get(JobQueue).queue(QUEUES.mail);

  async function completedJob(id: string): Promise<Job<JobPayload<OutgoingMail>>> {
    return (await finishedJob(mailQueue(), id, 'completed', 20_000)) as Job<JobPayload<OutgoingMail>>;
  }

  /** Backends of the database blocked by the given backend's locks. */
  async function blockedBy(pid: number): Promise<number> {
    const [row] = await db.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid]);
    return (row as { n: number }).n;
  }

  it('outbox: the job is re-delivered to a second worker and exactly one message is recorded, even when the dead worker’s write lands', async () => {
    producer = await createTestApp({ config: testConfig(FAST_STALL) });
    db = producer.app.get(DataSource);
    const to = `killed-outbox-${Date.now()}@example.test`;
    const id = await producer.app.get(NotificationSender).sendMail(ctx, { to, subject: 'Kill', text: 'Once only' });
    const { key } = (await mailQueue().getJob(id))!.data as JobPayload<OutgoingMail>;
    const deliveryKey = `mail:${key}`;

    // An open transaction holding an uncommitted row with the job's delivery key: the worker's
    // INSERT … ON CONFLICT (delivery_key) must wait for it, so the job stays in the middle of its effect.
    const blocker: QueryRunner = db.createQueryRunner();
    await blocker.connect();
    try {
      await blocker.startTransaction();
      const [{ pid }] = (await blocker.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
      await blocker.query(
        `INSERT INTO outbox_messages (channel, recipient, subject, body, delivery_key) VALUES ('email', $1, 'placeholder', 'placeholder', $2)`,
        [to, deliveryKey],
      );

      const first = startWorker();
      await first.waitForOutput(/worker processing jobs/);
      await waitFor(async () => (await blockedBy(pid)) === 1, 15_000, 'the first worker’s INSERT to wait on the open transaction');
      const job = await mailQueue().getJob(id);
      expect(await job!.isActive()).toBe(true);

      const killed = await first.kill('SIGKILL');
      expect(killed.signal).toBe('SIGKILL');

      // The dead worker's statement is still queued in Postgres (a backend waiting for a lock does not
      // notice its client is gone): once the transaction ends it will run, the worst case for "once".
      const second = startWorker();
      await second.waitForOutput(/worker processing jobs/);
      await second.waitForOutput(/job stalled and will be re-delivered/, 15_000);
      await waitFor(async () => (await blockedBy(pid)) === 2, 15_000, 'the second worker’s INSERT to wait as well');
      await blocker.rollbackTransaction();

      const done = await completedJob(id);
      expect(done.data.key).toBe(key);
      // A stall is not a failed attempt: the re-delivery is the same attempt, counted by Bull as a stall.
      expect(done.attemptsMade).toBe(0);
      await waitFor(async () => (await blockedBy(pid)) === 0, 5000, 'both INSERTs to finish');
      const rows = await db.query('SELECT recipient, subject, body, delivery_key FROM outbox_messages WHERE recipient = $1', [to]);
      expect(rows).toEqual([{ recipient: to, subject: 'Kill', body: 'Once only', delivery_key: deliveryKey }]);
      expect(second.output.filter((line) => /mail delivered/.test(line))).toHaveLength(1);
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
    }
  });

  it('SMTP: a delivery cut off before the server acknowledged it is sent again by a second worker with the same Message-ID', async () => {
    // The first server receives the message and never acknowledges it.
    const holding = await startFakeSmtp('never');
    const answering = await startFakeSmtp(0);
    try {
      producer = await createTestApp({ config: testConfig(FAST_STALL) });
      const to = `killed-smtp-${Date.now()}@example.test`;
      const first = startWorker({ SMTP_URL: `smtp://127.0.0.1:${holding.port}` });
      await first.waitForOutput(/worker processing jobs/);
      const id = await producer.app.get(NotificationSender).sendMail(ctx, { to, subject: 'Kill', text: 'Sent twice, same id' });
      await holding.dataReceived;
      expect(await (await mailQueue().getJob(id))!.isActive()).toBe(true);
      expect((await first.kill('SIGKILL')).signal).toBe('SIGKILL');

      const second = startWorker({ SMTP_URL: `smtp://127.0.0.1:${answering.port}` });
      const done = await completedJob(id);
      expect(done.attemptsMade).toBe(0);
      expect(second.output.join('\n')).toMatch(/job stalled and will be re-delivered/);
      expect(second.output.filter((line) => /mail delivered/.test(line))).toHaveLength(1);

      // SMTP has no idempotency: a message whose DATA reply never arrived may or may not have been
      // accepted, so it is sent again (at least once). What makes it "once" for the recipient is the
      // Message-ID, derived from the job's delivery key and identical in both sends, by which
      // receiving servers and mail clients can drop the duplicate.
      expect(holding.messages).toHaveLength(1);
      expect(answering.messages).toHaveLength(1);
      const messageId = (raw: string) => /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim();
      const expected = `<mail-${done.data.key}@revsync>`;
      expect(messageId(holding.messages[0])).toBe(expected);
      expect(messageId(answering.messages[0])).toBe(expected);
      expect(answering.messages[0]).toContain('Sent twice, same id');
    } finally {
      await Promise.all([holding.close(), answering.close()]);
    }
  });
});
