import { DynamicModule, Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { guardWorkerNaming } from './bull-worker-name';
import { PLATFORM_QUEUES, QueueRegistry } from './queue.registry';
import { JobQueue } from './job-queue';
import { QueueMonitor } from './queue-monitor';

/** How many finished jobs Redis keeps for the dashboard before dropping the oldest. */
const KEEP_COMPLETED = 1000;
const KEEP_FAILED = 5000;

guardWorkerNaming();

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        url: requireRedisUrl(config),
        prefix: config.redis.keyPrefix,
        defaultJobOptions: {
          attempts: config.queues.attempts,
          backoff: { type: 'exponential', delay: config.queues.backoffMs },
          removeOnComplete: KEEP_COMPLETED,
          removeOnFail: KEEP_FAILED,
        },
        settings: { stalledInterval: config.queues.stalledIntervalMs, maxStalledCount: 2, lockDuration: config.queues.lockMs },
      }),
    }),
    BullModule.registerQueue(...Object.values(PLATFORM_QUEUES).map((name) => ({ name }))),
  ],
  providers: [JobQueue, QueueMonitor, QueueRegistry],
  exports: [BullModule, JobQueue, QueueMonitor, QueueRegistry],
})
export class QueuesModule {}

/**
 * A context's queues, declared in its own module (`imports: [registerQueues('marketplace')]`):
 * Bull queues its processors and producers use, watched by the monitor and shown on the dashboard.
 */
export function registerQueues(...names: string[]): DynamicModule {
  const bull = BullModule.registerQueue(...names.map((name) => ({ name })));
  return {
    module: class RegisteredQueues {},
    imports: [bull],
    providers: [{ provide: `queues:${names.join(',')}`, inject: [QueueRegistry], useFactory: (registry: QueueRegistry) => registry.add(names) }],
    exports: [bull],
  };
}

function requireRedisUrl(config: AppConfig): string {
  if (!config.redis.url) {
    throw new Error('REDIS_URL is not set: start through `npm run dev` (local redis-server) or set REDIS_URL');
  }
  return config.redis.url;
}
