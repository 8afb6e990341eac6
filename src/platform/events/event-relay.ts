import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import type { RequestContext } from '../kernel/request-context';
import { JobQueue } from '../queues/job-queue';
import { PLATFORM_JOBS, PLATFORM_QUEUES } from '../queues/queue.registry';
import { EventHandlerRegistry } from './event-registry';
import { EventOutbox } from './event-outbox';

/** Completed delivery jobs stay this long in Redis, so a re-relayed event finds its job id taken. */
const KEEP_COMPLETED_SECONDS = 24 * 3600;

export interface EventDelivery {
  eventId: string;
  handler: string;
}

/** The job id of one event's delivery to one handler: the same on every relay of the event. */
export function deliveryJobId(eventId: string, handler: string): string {
  return `event:${eventId}:${handler}`;
}

interface PendingRow {
  id: string;
  type: string;
  ctx: RequestContext;
}

/**
 * Moves committed events from the outbox to Bull: one job per subscribing
 * handler, whose id is the event id and the handler name, then marks the
 * event dispatched, all in one transaction that locks the rows it takes
 * (SKIP LOCKED: every process relays, none twice at once). If the process dies
 * after enqueuing and before its commit, the rows stay pending and the next
 * relay enqueues the same job ids again, which Bull ignores while the first
 * jobs exist and the delivery processor skips once a handler has run.
 *
 * A unit of work nudges the relay right after committing events; a timer
 * (EVENTS_RELAY_INTERVAL_MS) picks up whatever a nudge missed, such as events
 * of a process that died between its commit and its nudge.
 */
@Injectable()
export class EventRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EventRelay');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: EventHandlerRegistry,
    private readonly outbox: EventOutbox,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.nudge(), this.config.events.relayIntervalMs);
    this.timer.unref();
    this.nudge();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Relays pending events soon; calls while a relay runs make it go round once more. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.relayAll().finally(() => (this.running = undefined));
  }

  /** Relays until nothing is pending; resolves when done (tests and shutdown wait on it). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    await this.relayAll();
  }

  private async relayAll(): Promise<void> {
    try {
      do {
        this.again = false;
        while (!this.stopped && (await this.relayBatch()) === this.config.events.relayBatch);
      } while (this.again && !this.stopped);
    } catch (error) {
      // Postgres or Redis away: the timer tries again.
      this.logger.warn({ msg: 'event relay failed; retrying on the next tick', error: (error as Error).message });
    }
  }

  /** Relays one batch of pending events; returns how many it took. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT id, type, ctx FROM integration_events
          WHERE dispatched_at IS NULL AND relay_scope = $1
          ORDER BY occurred_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [this.outbox.scope, this.config.events.relayBatch],
      )) as PendingRow[];
      if (rows.length === 0) return 0;
      for (const row of rows) {
        for (const handler of this.registry.handlersFor(row.type)) {
          const delivery: EventDelivery = { eventId: row.id, handler: handler.name };
          await this.jobs.enqueue(PLATFORM_QUEUES.events, PLATFORM_JOBS.eventHandle, row.ctx, delivery, {
            jobId: deliveryJobId(row.id, handler.name),
            attempts: handler.attempts,
            removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
          });
        }
      }
      await manager.query(`UPDATE integration_events SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }
}
