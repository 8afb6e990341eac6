import type { RequestContext } from './request-context';

/**
 * A fact one context tells the others, after the change that raised it has
 * committed. Named `<context>.<thing>.<past-tense verb>` and versioned: a
 * subscriber reads the payload of the version it knows. The payload carries
 * ids and small facts; a handler reloads whatever else it needs.
 */
export interface IntegrationEvent<P = Record<string, unknown>> {
  id: string;
  type: string;
  version: number;
  /** The tenant the event belongs to (null for platform-wide facts). */
  orgId: string | null;
  /** ISO 8601, UTC. */
  occurredAt: string;
  /** The request context of the act that raised it, serialized. */
  ctx: RequestContext;
  payload: P;
}

export interface EventDraft<P> {
  type: string;
  /** 1 unless the payload's shape changed. */
  version?: number;
  /** Defaults to the request context's organization. */
  orgId?: string | null;
  payload: P;
}

/** Records events in the current unit of work: stored with its writes, delivered after it commits, dropped if it rolls back. */
export interface EventPublisher {
  publish<P extends object>(ctx: RequestContext, event: EventDraft<P>): void;
}

/**
 * Runs work in one transaction. `repos` outside of one (each call its own
 * statement); inside `run`, repositories bound to the transaction and an
 * event publisher whose events are stored in the same transaction.
 */
export interface UnitOfWork<R> {
  readonly repos: R;
  run<T>(work: (repos: R, events: EventPublisher) => Promise<T>): Promise<T>;
}
