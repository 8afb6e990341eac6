import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DomainError, RequestContext } from '../../../platform/kernel';
import { CommerceErrors } from '../domain';
import { COMMERCE_SETTINGS, COMMERCE_UNIT_OF_WORK, CommerceSettings, CommerceUnitOfWork } from './ports';

/** What one run of an idempotent request produced: replayed as is for the same key and body. */
export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** How long a run holds its key before another request may take over (the first one died). */
const RUN_LEASE_MS = 60_000;
const POLL_MS = 25;
const KEY = /^[\x21-\x7e]{8,200}$/;

interface StoredError {
  error: { code: string; kind: DomainError['kind']; message: string; details?: DomainError['details'] };
}

/**
 * The `Idempotency-Key` mechanism of the writes that move money. The first
 * request with a key claims it (one INSERT, so of concurrent requests exactly
 * one runs); the others wait for its result and replay it. The same key with
 * another body (or operation) is refused. A run that fails for a reason worth
 * retrying (provider down, crash) leaves the key retryable with the same
 * `recoveryId`, from which everything derived is built (checkout id, provider
 * keys), so a retry resumes instead of charging twice. Client errors are
 * stored and replayed like successes. Keys live `idempotencyTtlHours` (>= 24 h).
 */
@Injectable()
export class IdempotentRequests {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(COMMERCE_SETTINGS) private readonly settings: CommerceSettings,
  ) {}

  async run<T>(
    ctx: RequestContext,
    input: { key: string | undefined; operation: string; request: unknown; status: number },
    work: (recoveryId: string) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (input.key === undefined) return { status: input.status, body: await work(randomUUID()), replayed: false };
    if (!KEY.test(input.key)) throw CommerceErrors.idempotencyKeyInvalid();
    const scope = ctx.apiKeyId ? `key:${ctx.apiKeyId}` : `user:${ctx.userId ?? 'anonymous'}`;
    const requestHash = hashRequest(input.operation, input.request);
    const repo = this.uow.repos.idempotency;
    const deadline = Date.now() + this.settings.idempotencyWaitMs;
    for (;;) {
      const now = new Date();
      const recoveryId = randomUUID();
      const claimed = await repo.claim({
        scope,
        key: input.key,
        operation: input.operation,
        requestHash,
        recoveryId,
        state: 'running',
        responseStatus: null,
        responseBody: null,
        lockedUntil: new Date(now.getTime() + RUN_LEASE_MS),
        expiresAt: new Date(now.getTime() + this.settings.idempotencyTtlHours * 3_600_000),
      });
      if (claimed) return this.execute(scope, input, recoveryId, work);
      const existing = await repo.find(scope, input.key);
      if (!existing) continue; // purged between the two statements: claim again
      if (existing.operation !== input.operation || existing.requestHash !== requestHash) throw CommerceErrors.idempotencyKeyReused();
      if (existing.state === 'done') return replay<T>(existing.responseStatus ?? input.status, existing.responseBody);
      const takeable = existing.state === 'retryable' || existing.lockedUntil.getTime() < now.getTime();
      if (takeable && (await repo.retake(scope, input.key, new Date(now.getTime() + RUN_LEASE_MS), now))) {
        return this.execute(scope, input, existing.recoveryId, work);
      }
      if (Date.now() >= deadline) throw CommerceErrors.requestInProgress();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async execute<T>(
    scope: string,
    input: { key?: string; status: number },
    recoveryId: string,
    work: (recoveryId: string) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    const repo = this.uow.repos.idempotency;
    const key = input.key as string;
    let body: T;
    try {
      body = await work(recoveryId);
    } catch (error) {
      if (error instanceof DomainError && error.kind !== 'unavailable' && error.kind !== 'rate_limited') {
        const stored: StoredError = { error: { code: error.code, kind: error.kind, message: error.message, details: error.details } };
        await repo.complete(scope, key, 0, stored);
      } else {
        await repo.release(scope, key);
      }
      throw error;
    }
    // The response is stored as the client will see it (JSON), so a replay is byte-for-byte the same document.
    await repo.complete(scope, key, input.status, JSON.parse(JSON.stringify(body)) as unknown);
    return { status: input.status, body, replayed: false };
  }
}

function replay<T>(status: number, body: unknown): IdempotentResult<T> {
  const stored = body as Partial<StoredError> | null;
  if (status === 0 && stored?.error) {
    const { code, kind, message, details } = stored.error;
    throw new DomainError(code, kind, message, details);
  }
  return { status, body: body as T, replayed: true };
}

/** SHA-256 of the operation and the request with keys sorted: the same JSON in another key order is the same request. */
export function hashRequest(operation: string, request: unknown): string {
  return createHash('sha256').update(operation).update('\0').update(canonicalJson(request)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A key for the payment provider derived from ours (or from our own ids when the client sent none): a retry sends the same one. */
export function providerKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join(':')).digest('hex').slice(0, 48);
}
