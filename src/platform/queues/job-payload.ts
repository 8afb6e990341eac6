import type { RequestContext } from '../kernel/request-context';

/** Jobs carry ids and the serialized request context; processors reload state from the database. */
export interface JobPayload<T> {
  ctx: RequestContext;
  data: T;
  /**
   * Unique per enqueued job and stable across its retries and re-deliveries:
   * the key for making a job's effect idempotent. Bull's own job ids restart
   * when Redis is emptied and repeat across key prefixes, so they cannot be.
   */
  key: string;
}
