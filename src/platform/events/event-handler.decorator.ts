import 'reflect-metadata';

export const EVENT_HANDLER_METADATA = 'revsync:event-handler';

export interface EventHandlerOptions {
  /**
   * The handler's stable name: part of each delivery job's id, so renaming a
   * handler re-delivers nothing and two handlers never share a name. Defaults
   * to `<Class>.<method>`.
   */
  name?: string;
  /** Attempts before the delivery is dead (kept on the queue dashboard for an operator to retry). Default: QUEUE_ATTEMPTS. */
  attempts?: number;
}

export interface EventHandlerMetadata extends EventHandlerOptions {
  types: string[];
}

/**
 * Subscribes a provider's method to integration events of the given types.
 * The method receives the IntegrationEvent and should be thin: call a use
 * case with `event.ctx`. It runs in a worker, once per event (a retry after a
 * failure runs it again, so its effect should be idempotent by `event.id`).
 * The provider must be registered whether or not the process runs jobs: the
 * relay of every process needs to know who subscribes.
 */
export function OnEvent(types: string | string[], options: EventHandlerOptions = {}): MethodDecorator {
  return (target, property) => {
    const metadata: EventHandlerMetadata = { ...options, types: Array.isArray(types) ? types : [types] };
    Reflect.defineMetadata(EVENT_HANDLER_METADATA, metadata, target, property);
  };
}
