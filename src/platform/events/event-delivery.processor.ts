import { Process, Processor } from '@nestjs/bull';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import type { IntegrationEvent } from '../kernel/events';
import { systemContext } from '../kernel/request-context';
import type { JobPayload } from '../queues/job-payload';
import { JobQueue } from '../queues/job-queue';
import { PLATFORM_JOBS, PLATFORM_QUEUES } from '../queues/queue.registry';
import { EventHandlerRegistry } from './event-registry';
import type { EventDelivery } from './event-relay';

/** Deliveries run at once per worker process. */
const CONCURRENCY = 4;
const SWEEP_JOB_ID = 'events-retention-sweep';
const SWEEP_EVERY_MS = 6 * 3600_000;

interface EventRow {
  id: string;
  type: string;
  version: number;
  org_id: string | null;
  ctx: IntegrationEvent['ctx'];
  payload: Record<string, unknown>;
  occurred_at: Date;
}

/**
 * Runs one handler for one event. A handler that already ran for the event
 * (recorded in integration_event_handlings after it succeeded) is not run
 * again, whatever re-delivers the job. A failing handler throws: Bull retries
 * it with exponential backoff, and after its last attempt the job stays in the
 * queue's failed set, where the dashboard shows it and an operator retries it.
 */
@Processor(PLATFORM_QUEUES.events)
export class EventDeliveryProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('EventDelivery');

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: EventHandlerRegistry,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const payload: JobPayload<Record<string, never>> = { ctx: systemContext('events-retention-sweep'), data: {}, key: randomUUID() };
    await this.jobs.queue(PLATFORM_QUEUES.events).add(PLATFORM_JOBS.eventsSweep, payload, {
      repeat: { every: SWEEP_EVERY_MS },
      jobId: SWEEP_JOB_ID,
      removeOnComplete: true,
    });
  }

  @Process({ name: PLATFORM_JOBS.eventHandle, concurrency: CONCURRENCY })
  async deliver(job: Job<JobPayload<EventDelivery>>): Promise<string> {
    const { eventId, handler: name } = job.data.data;
    const handler = this.registry.get(name);
    if (!handler) throw new Error(`No event handler named ${name} in this process`);
    const done = (await this.dataSource.query(`SELECT 1 FROM integration_event_handlings WHERE event_id = $1 AND handler = $2`, [eventId, name])) as unknown[];
    if (done.length > 0) return 'already handled';
    const [row] = (await this.dataSource.query(`SELECT id, type, version, org_id, ctx, payload, occurred_at FROM integration_events WHERE id = $1`, [
      eventId,
    ])) as EventRow[];
    if (!row) return 'event no longer stored';
    const event: IntegrationEvent = {
      id: row.id,
      type: row.type,
      version: row.version,
      orgId: row.org_id,
      ctx: row.ctx,
      payload: row.payload,
      occurredAt: new Date(row.occurred_at).toISOString(),
    };
    await handler.invoke(event);
    await this.dataSource.query(`INSERT INTO integration_event_handlings (event_id, handler) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [eventId, name]);
    this.logger.debug({ msg: 'event handled', event_id: eventId, type: row.type, handler: name, request_id: row.ctx.requestId });
    return 'handled';
  }

  /** Dispatched events older than EVENTS_RETENTION_DAYS go, with their handling records. */
  @Process(PLATFORM_JOBS.eventsSweep)
  async sweep(): Promise<number> {
    const result = (await this.dataSource.query(
      `DELETE FROM integration_events WHERE dispatched_at IS NOT NULL AND dispatched_at < now() - make_interval(days => $1)`,
      [this.config.events.retentionDays],
    )) as [unknown, number];
    return result[1] ?? 0;
  }
}
