import type { ExecutionContext } from '@nestjs/common';

const routes = new WeakMap<object, Map<object, Map<string, unknown>>>();

/**
 * The route's value for a metadata key: the handler's if it has one, else its
 * controller's, as Reflector.getAllAndOverride(key, [handler, class]) answers,
 * read once per route and key and remembered.
 *
 * Route metadata is fixed once the controllers are declared, and the platform's
 * guards read five keys on every request; each uncached read walks the
 * controller's prototype chain through reflect-metadata, twice.
 */
export function routeMetadata<T>(key: string, context: ExecutionContext): T | undefined {
  const controller = context.getClass();
  const handler = context.getHandler();
  let handlers = routes.get(controller);
  if (handlers === undefined) {
    handlers = new Map();
    routes.set(controller, handlers);
  }
  let values = handlers.get(handler);
  if (values === undefined) {
    values = new Map();
    handlers.set(handler, values);
  }
  if (values.has(key)) return values.get(key) as T | undefined;
  const own: unknown = Reflect.getMetadata(key, handler);
  const value = (own !== undefined ? own : Reflect.getMetadata(key, controller)) as T | undefined;
  values.set(key, value);
  return value;
}
