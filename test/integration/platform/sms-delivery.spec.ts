import { createServer, IncomingMessage, Server } from 'node:http';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { NotificationSender } from '../../../src/platform/notifications/notification-sender';
import { JobQueue } from '../../../src/platform/queues/job-queue';
import { PLATFORM_QUEUES as QUEUES } from '../../../src/platform/queues/queue.registry';
import { finishedJob, waitFor } from '../../support/processes';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';

interface Received {
  url: string;
  authorization?: string;
  idempotencyKey?: string;
  form: Record<string, string>;
}

/** A stand-in for the SMS provider's server: the real transport talks to it over HTTP. */
async function startFakeProvider(status: () => number): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({
        url: request.url ?? '',
        authorization: request.headers.authorization,
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        form: Object.fromEntries(new URLSearchParams(body)),
      });
      const code = status();
      response
        .writeHead(code, { 'content-type': 'application/json' })
        .end(JSON.stringify(code < 300 ? { sid: 'SM1', status: 'queued' } : { message: 'provider down' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const ctx = { requestId: 'sms-test', roles: [] };

describe('SMS through a Twilio-style provider', () => {
  let provider: Awaited<ReturnType<typeof startFakeProvider>>;
  let t: TestApp;
  let answer = 201;

  beforeAll(async () => {
    provider = await startFakeProvider(() => answer);
    t = await createTestApp({
      processJobs: true,
      config: testConfig({
        SMS_API_URL: `http://127.0.0.1:${provider.port}`,
        SMS_ACCOUNT_SID: 'AC0123',
        SMS_AUTH_TOKEN: 'secret-token',
        SMS_FROM: '+15550001111',
        QUEUE_ATTEMPTS: '2',
        QUEUE_BACKOFF_MS: '50',
      }),
    });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  const smsQueue = (): Queue => t.app.get(JobQueue).queue(QUEUES.sms);

  it('posts the message with the account credentials and an idempotency key, and records nothing in the outbox', async () => {
    answer = 201;
    const id = await t.app.get(NotificationSender).sendSms(ctx, { to: '+15557654321', text: 'Your code is 123456' });
    await waitFor(async () => (await smsQueue().getJob(id))?.isCompleted(), 10_000, 'the SMS job to complete');
    expect(provider.received).toHaveLength(1);
    const [request] = provider.received;
    expect(request.url).toBe('/2010-04-01/Accounts/AC0123/Messages.json');
    expect(request.authorization).toBe(`Basic ${Buffer.from('AC0123:secret-token').toString('base64')}`);
    expect(request.form).toEqual({ To: '+15557654321', From: '+15550001111', Body: 'Your code is 123456' });
    expect(request.idempotencyKey).toMatch(/^sms:[0-9a-f-]{36}$/);
    const rows = await t.app.get(DataSource).query(`SELECT 1 FROM outbox_messages WHERE recipient = '+15557654321'`);
    expect(rows).toHaveLength(0);
  });

  it('retries when the provider fails and marks the job failed after its attempts', async () => {
    answer = 503;
    const before = provider.received.length;
    const id = await t.app.get(NotificationSender).sendSms(ctx, { to: '+15550009999', text: 'x' });
    const job = await finishedJob(smsQueue(), id, 'failed', 10_000);
    expect(job.attemptsMade).toBe(2);
    expect(job.failedReason).toBe('SMS provider answered 503');
    expect(provider.received.length - before).toBe(2);
    expect(new Set(provider.received.slice(before).map((r) => r.idempotencyKey)).size).toBe(1);
  });
});
