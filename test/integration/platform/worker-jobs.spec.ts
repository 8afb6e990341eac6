import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { freePort } from '../../../src/platform/infra/free-port';
import { NotificationSender } from '../../../src/platform/notifications/notification-sender';
import { JobQueue } from '../../../src/platform/queues/job-queue';
import { PLATFORM_QUEUES as QUEUES } from '../../../src/platform/queues/queue.registry';
import { startFakeSmtp } from '../../support/fake-smtp';
import { finishedJob, spawnBuilt } from '../../support/processes';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig, testEnv } from '../../support/test-config';

const ctx = { requestId: 'worker-test', roles: [] };

/** A producer (the API's Nest graph without processors) and a real dist/worker.js process. */
describe('jobs processed by the worker process', () => {
  let producer: TestApp;
  let db: DataSource;

  afterEach(() => producer?.close());

  async function startProducer(overrides: Record<string, string> = {}) {
    producer = await createTestApp({ config: testConfig(overrides) });
    db = producer.app.get(DataSource);
    return producer;
  }

  const mailQueue = (): Queue => producer.app.get(JobQueue).queue(QUEUES.mail);

  it('processes a job enqueued through the registry exactly once, even when enqueued twice', async () => {
    await startProducer();
    const metricsPort = await freePort();
    const worker = spawnBuilt('worker.js', testEnv(producer.config, { WORKER_METRICS_PORT: String(metricsPort) }));
    try {
      await worker.waitForOutput(/worker processing jobs/);
      const sender = producer.app.get(NotificationSender);
      const to = `once-${Date.now()}@example.test`;
      const first = await sender.sendMail(ctx, { to, subject: 'Hello', text: 'Body' }, `welcome:${to}`);
      const second = await sender.sendMail(ctx, { to, subject: 'Hello', text: 'Body' }, `welcome:${to}`);
      expect(second).toBe(first);

      const job = await finishedJob(mailQueue(), first, 'completed', 15_000);
      expect(job.attemptsMade).toBe(0);
      await new Promise((r) => setTimeout(r, 500));
      const rows = await db.query('SELECT recipient, subject, body, delivery_key FROM outbox_messages WHERE recipient = $1', [to]);
      expect(rows).toEqual([{ recipient: to, subject: 'Hello', body: 'Body', delivery_key: `mail:${(job.data as { key: string }).key}` }]);
      expect(rows[0].delivery_key).toMatch(/^mail:[0-9a-f-]{36}$/);
      expect(worker.output.join('\n')).toMatch(/mail delivered/);
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(metrics).toMatch(/queue_job_outcomes_total\{queue="mail",job="mail.deliver",outcome="completed"\} 1\n/);
      expect(metrics).toMatch(/process_cpu_user_seconds_total \d/);
    } finally {
      await worker.kill();
    }
  });

  it('retries a failing job with exponential backoff and marks it failed after its attempts', async () => {
    const closedPort = await freePort();
    await startProducer({ QUEUE_ATTEMPTS: '3', QUEUE_BACKOFF_MS: '200' });
    const metricsPort = await freePort();
    const worker = spawnBuilt(
      'worker.js',
      testEnv(producer.config, {
        SMTP_URL: `smtp://127.0.0.1:${closedPort}`,
        QUEUE_ATTEMPTS: '3',
        QUEUE_BACKOFF_MS: '200',
        WORKER_METRICS_PORT: String(metricsPort),
      }),
    );
    try {
      await worker.waitForOutput(/worker processing jobs/);
      const id = await producer.app.get(NotificationSender).sendMail(ctx, { to: 'fail@example.test', subject: 'S', text: 'T' });
      const job = await finishedJob(mailQueue(), id, 'failed', 20_000);
      expect(job.attemptsMade).toBe(3);
      expect(job.stacktrace).toHaveLength(3);
      expect(job.failedReason).toMatch(/ECONNREFUSED|connect/i);
      expect(job.opts.backoff).toEqual({ type: 'exponential', delay: 200 });
      // Exponential backoff puts waits of 200 ms and 400 ms between the three attempts.
      expect(job.finishedOn! - job.timestamp).toBeGreaterThanOrEqual(600);
      const rows = await db.query('SELECT 1 FROM outbox_messages WHERE recipient = $1', ['fail@example.test']);
      expect(rows).toHaveLength(0);
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(metrics).toMatch(/queue_job_outcomes_total\{queue="mail",job="mail.deliver",outcome="retried"\} 2\n/);
      expect(metrics).toMatch(/queue_job_outcomes_total\{queue="mail",job="mail.deliver",outcome="failed"\} 1\n/);
    } finally {
      await worker.kill();
    }
  });

  it('lets an active job finish when the worker receives SIGTERM', async () => {
    const smtp = await startFakeSmtp(1500);
    await startProducer();
    const worker = spawnBuilt('worker.js', testEnv(producer.config, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }));
    try {
      await worker.waitForOutput(/worker processing jobs/);
      const id = await producer.app.get(NotificationSender).sendMail(ctx, { to: 'slow@example.test', subject: 'Slow', text: 'In flight' });
      await smtp.dataReceived;
      const stoppedAt = Date.now();
      const exit = await worker.kill('SIGTERM');
      expect(exit.code).toBe(0);
      expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(1000);
      const job = await mailQueue().getJob(id);
      expect(await job!.isCompleted()).toBe(true);
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]).toContain('In flight');
    } finally {
      await worker.kill('SIGKILL');
      await smtp.close();
    }
  });
});
