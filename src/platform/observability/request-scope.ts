import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger as PinoLogger } from 'pino';

/** Per-request state visible to everything that runs while the request is handled. */
export interface RequestScope {
  requestId: string;
  /** The request's pino child (Fastify's `request.log`): bound to its request id, then its user and organization once known. */
  logger?: PinoLogger;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes a caller's X-Request-Id when it is a sane token, otherwise generates one. */
export function resolveRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/** The current request's child logger, if a request is being handled. */
export function currentRequestLogger(): PinoLogger | undefined {
  return requestScope.getStore()?.logger;
}

/** Adds who is calling to the request's child logger, so every later line of the request carries them. */
export function bindRequestLog(log: unknown, who: { userId?: string; orgId?: string; apiKeyId?: string }): void {
  const logger = log as Partial<PinoLogger> | undefined;
  if (typeof logger?.setBindings !== 'function') return;
  const bindings: Record<string, string> = {};
  if (who.userId) bindings.user_id = who.userId;
  if (who.orgId) bindings.org_id = who.orgId;
  if (who.apiKeyId) bindings.api_key_id = who.apiKeyId;
  if (Object.keys(bindings).length) logger.setBindings(bindings);
}
