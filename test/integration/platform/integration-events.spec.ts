import { Inject, Injectable, Module } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import { unitOfWorkProvider } from '../../../src/platform/database/unit-of-work';
import { EventRelay, OnEvent, deliveryJobId } from '../../../src/platform/events';
import type { IntegrationEvent, UnitOfWork } from '../../../src/platform/kernel';
import { JobQueue } from '../../../src/platform/queues/job-queue';
import { PLATFORM_QUEUES } from '../../../src/platform/queues/queue.registry';
import { finishedJob, waitFor } from '../../support/processes';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';

const PROBE_UOW = Symbol('PROBE_UOW');
const ctx = { requestId: 'integration-events-spec', roles: [] };

/** Counts what each handler saw, and fails on demand. */
class Calls {
  static seen: Record<string, string[]> = {};
  static failuresLeft = 0;
  static record(handler: string, event: IntegrationEvent): void {
    (Calls.seen[handler] ??= []).push(event.id);
  }
}

@Injectable()
class ProbeHandlers {
  @OnEvent('probe.thing.happened', { name: 'probe.audit' })
  async audit(event: IntegrationEvent): Promise<void> {
    Calls.record('audit', event);
  }

  @OnEvent('probe.thing.happened', { name: 'probe.flaky', attempts: 3 })
  async flaky(event: IntegrationEvent): Promise<void> {
    if (Calls.failuresLeft > 0) {
      Calls.failuresLeft -= 1;
      throw new Error('flaky handler failed');
    }
    Calls.record('flaky', event);
  }
}

@Injectable()
class ProbeWriter {
  constructor(@Inject(PROBE_UOW) private readonly uow: UnitOfWork<{ db: EntityManager }>) {}

  /** Raises an event in a transaction that commits, or throws after raising it when `fail`. */
  async write(fail = false): Promise<void> {
    await this.uow.run(async ({ db }, events) => {
      await db.query('SELECT 1');
      events.publish(ctx, { type: 'probe.thing.happened', orgId: null, payload: { n: 1 } });
      if (fail) throw new Error('rolled back on purpose');
    });
  }
}

@Module({ providers: [ProbeHandlers, ProbeWriter, unitOfWorkProvider(PROBE_UOW, (db) => ({ db }))] })
class ProbeEventsModule {}

/**
 * The platform's event path: stored with the change, relayed after commit,
 * one job per handler, each handler once per event.
 */
describe('integration events', () => {
  let t: TestApp;
  let db: DataSource;
  const eventsQueue = (): Queue => t.app.get(JobQueue).queue(PLATFORM_QUEUES.events);

  beforeAll(async () => {
    t = await createTestApp({ config: testConfig({ EVENTS_RELAY_INTERVAL_MS: '100' }), processJobs: true, extraImports: [ProbeEventsModule] });
    db = t.app.get(DataSource);
  });
  afterAll(() => t?.close());
  beforeEach(() => {
    Calls.seen = {};
    Calls.failuresLeft = 0;
  });

  async function lastEventId(): Promise<string> {
    const [row] = (await db.query(`SELECT id FROM integration_events WHERE relay_scope = $1 ORDER BY occurred_at DESC LIMIT 1`, [
      t.config.redis.keyPrefix,
    ])) as Array<{ id: string }>;
    return row.id;
  }

  it('a rolled-back unit of work stores and delivers nothing', async () => {
    const before = await db.query(`SELECT count(*)::int AS n FROM integration_events WHERE relay_scope = $1`, [t.config.redis.keyPrefix]);
    await expect(t.app.get(ProbeWriter).write(true)).rejects.toThrow('rolled back on purpose');
    await t.app.get(EventRelay).flush();
    const after = await db.query(`SELECT count(*)::int AS n FROM integration_events WHERE relay_scope = $1`, [t.config.redis.keyPrefix]);
    expect(after[0].n).toBe(before[0].n);
    expect(Calls.seen).toEqual({});
  });

  it('a committed event reaches each handler once, as its own job', async () => {
    await t.app.get(ProbeWriter).write();
    const id = await lastEventId();
    await finishedJob(eventsQueue(), deliveryJobId(id, 'probe.audit'), 'completed', 10_000);
    await finishedJob(eventsQueue(), deliveryJobId(id, 'probe.flaky'), 'completed', 10_000);
    expect(Calls.seen).toEqual({ audit: [id], flaky: [id] });
  });

  it('an event relayed again (relay died before marking it) runs no handler twice', async () => {
    await t.app.get(ProbeWriter).write();
    const id = await lastEventId();
    await finishedJob(eventsQueue(), deliveryJobId(id, 'probe.audit'), 'completed', 10_000);
    await finishedJob(eventsQueue(), deliveryJobId(id, 'probe.flaky'), 'completed', 10_000);
    // As if the relay had enqueued and died before its commit; and as if Redis had lost the finished jobs.
    await (await eventsQueue().getJob(deliveryJobId(id, 'probe.audit')))!.remove();
    await db.query(`UPDATE integration_events SET dispatched_at = NULL WHERE id = $1`, [id]);
    await t.app.get(EventRelay).flush();
    const again = await finishedJob(eventsQueue(), deliveryJobId(id, 'probe.audit'), 'completed', 10_000);
    expect(again.returnvalue).toBe('already handled');
    expect(Calls.seen).toEqual({ audit: [id], flaky: [id] });
  });

  it('a failing handler is retried with backoff, ends dead without holding up the other, and an operator retry delivers it once', async () => {
    Calls.failuresLeft = 3;
    await t.app.get(ProbeWriter).write();
    const id = await lastEventId();
    const dead = (await finishedJob(eventsQueue(), deliveryJobId(id, 'probe.flaky'), 'failed', 15_000)) as Job;
    expect(dead.attemptsMade).toBe(3);
    expect(dead.opts.backoff).toEqual(expect.objectContaining({ type: 'exponential' }));
    expect(dead.failedReason).toBe('flaky handler failed');
    await finishedJob(eventsQueue(), deliveryJobId(id, 'probe.audit'), 'completed', 10_000);
    expect(Calls.seen).toEqual({ audit: [id] });

    await dead.retry(); // what the queue dashboard's "retry" does
    await waitFor(async () => Calls.seen.flaky?.length === 1, 10_000, 'the retried delivery');
    expect(Calls.seen).toEqual({ audit: [id], flaky: [id] });
  });
});

describe('integration events: the raising process dies between commit and relay', () => {
  beforeEach(() => {
    Calls.seen = {};
    Calls.failuresLeft = 0;
  });

  it('a process of the same deployment relays the event after restart, and each handler runs once', async () => {
    const config = testConfig({ EVENTS_RELAY_INTERVAL_MS: '100' });
    const first = await createTestApp({ config, extraImports: [ProbeEventsModule] });
    // The relay of the first process never runs again: it "died" right after the commit.
    await first.app.get(EventRelay).onModuleDestroy();
    await first.app.get(ProbeWriter).write();
    const [row] = (await first.app
      .get(DataSource)
      .query(`SELECT id, dispatched_at FROM integration_events WHERE relay_scope = $1`, [config.redis.keyPrefix])) as Array<{
      id: string;
      dispatched_at: Date | null;
    }>;
    expect(row.dispatched_at).toBeNull();
    await first.close();

    // Another deployment sharing the database (another queue prefix) leaves it alone.
    const other = await createTestApp({ config: testConfig({ EVENTS_RELAY_INTERVAL_MS: '100' }), processJobs: true, extraImports: [ProbeEventsModule] });
    await other.app.get(EventRelay).flush();
    expect(Calls.seen).toEqual({});
    await other.close();

    const restarted = await createTestApp({ config, processJobs: true, extraImports: [ProbeEventsModule] });
    try {
      const queue = restarted.app.get(JobQueue).queue(PLATFORM_QUEUES.events);
      await finishedJob(queue, deliveryJobId(row.id, 'probe.audit'), 'completed', 10_000);
      await finishedJob(queue, deliveryJobId(row.id, 'probe.flaky'), 'completed', 10_000);
      expect(Calls.seen).toEqual({ audit: [row.id], flaky: [row.id] });
    } finally {
      await restarted.close();
    }
  });
});
