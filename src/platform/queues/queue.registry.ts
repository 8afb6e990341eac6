import { Injectable } from '@nestjs/common';

/**
 * The platform's own queues. A context declares its queues in its own module
 * with `registerQueues(...)` (queues.module.ts); the platform learns their
 * names from there and never lists them.
 */
export const PLATFORM_QUEUES = {
  mail: 'mail',
  sms: 'sms',
  /** Integration events delivered to their handlers, one job per event and handler. */
  events: 'events',
} as const;

export const PLATFORM_JOBS = {
  mailDeliver: 'mail.deliver',
  smsDeliver: 'sms.deliver',
  eventHandle: 'event.handle',
  eventsSweep: 'events.sweep',
} as const;

/** Every queue registered in this application, the platform's and the contexts'. */
@Injectable()
export class QueueRegistry {
  private readonly known = new Set<string>(Object.values(PLATFORM_QUEUES));

  add(names: readonly string[]): void {
    for (const name of names) this.known.add(name);
  }

  names(): string[] {
    return [...this.known].sort();
  }
}
