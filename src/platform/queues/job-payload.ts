import type { RequestContext } from '../kernel/request-context';

/** Jobs carry ids and the serialized request context; processors reload state from the database. */
export interface JobPayload<T> {
  ctx: RequestContext;
  data: T;
}
