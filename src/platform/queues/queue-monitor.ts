import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { jobOutcomes, queueDepth } from '../observability/metrics';
import { QueueRegistry } from './queue.registry';

const DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Watches every registered queue: stalled jobs are logged, outcomes counted, depths exported. */
@Injectable()
export class QueueMonitor implements OnModuleInit {
  private readonly logger = new Logger('Queues');
  private queues: Queue[] = [];

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly registry: QueueRegistry,
  ) {}

  onModuleInit(): void {
    for (const queue of this.all()) {
      queue.on('stalled', (job: Job) => this.logger.warn({ msg: 'job stalled and will be re-delivered', queue: queue.name, job_id: job.id, job: job.name }));
      queue.on('completed', (job: Job) => jobOutcomes.inc({ queue: queue.name, job: job.name, outcome: 'completed' }));
      queue.on('failed', (job: Job, error: Error) => {
        const final = job.attemptsMade >= (job.opts.attempts ?? 1);
        jobOutcomes.inc({ queue: queue.name, job: job.name, outcome: final ? 'failed' : 'retried' });
        this.logger.warn({ msg: 'job failed', queue: queue.name, job_id: job.id, job: job.name, attempt: job.attemptsMade, final, error: error.message });
      });
      queue.on('error', (error: Error) => this.logger.error({ msg: 'queue connection error', queue: queue.name, error: error.message }));
    }
  }

  /** Resolved on first use: providers exist once the application is created, before init. */
  all(): Queue[] {
    if (this.queues.length === 0) this.queues = this.registry.names().map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    return this.queues;
  }

  /** Round trip to Redis through the queues' own client. */
  async ping(): Promise<void> {
    const [first] = this.all();
    if (first) await first.client.ping();
  }

  /** Updates the depth gauge; called at scrape time. */
  async refreshDepths(): Promise<void> {
    await Promise.all(
      this.all().map(async (queue) => {
        const counts = await queue.getJobCounts();
        for (const state of DEPTH_STATES) queueDepth.set({ queue: queue.name, state }, counts[state] ?? 0);
      }),
    );
  }

  /** Stops taking jobs and waits for the active ones to finish, then closes the connections. */
  async drain(): Promise<void> {
    await Promise.all(this.all().map((queue) => queue.close()));
  }
}
