import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import type { JobOptions, Queue } from 'bull';
import type { RequestContext } from '../kernel/request-context';
import type { JobPayload } from './job-payload';

export interface EnqueueOptions {
  /** De-duplication key: a second job with the same id is ignored while the first is kept. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
  /** Drop the job from Redis as soon as it completes (for payloads holding personal data). */
  removeOnComplete?: boolean | { age?: number; count?: number };
  removeOnFail?: number;
}

/** The one way producers put work on a queue. */
@Injectable()
export class JobQueue {
  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async enqueue<T>(queue: string, job: string, ctx: RequestContext, data: T, options: EnqueueOptions = {}): Promise<string> {
    const jobOptions: JobOptions = {};
    if (options.jobId) jobOptions.jobId = options.jobId;
    if (options.delayMs) jobOptions.delay = options.delayMs;
    if (options.attempts) jobOptions.attempts = options.attempts;
    if (options.removeOnComplete !== undefined) jobOptions.removeOnComplete = options.removeOnComplete;
    if (options.removeOnFail !== undefined) jobOptions.removeOnFail = options.removeOnFail;
    const payload: JobPayload<T> = { ctx, data, key: randomUUID() };
    const created = await this.queue(queue).add(job, payload, jobOptions);
    return String(created.id);
  }
}
