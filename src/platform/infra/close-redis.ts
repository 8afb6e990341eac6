import type Redis from 'ioredis';
import { withTimeout } from '../kernel/with-timeout';

const QUIT_TIMEOUT_MS = 1000;
/** ioredis's own bound on a closing connection (its disconnectTimeout): past it, it destroys the socket itself. */
const CLOSED_TIMEOUT_MS = 2000;

/**
 * Closes an ioredis client and resolves once its connection is gone, so that a
 * process (or a test worker) that closed everything has nothing left running:
 * `disconnect()` alone returns at once and leaves ioredis's two-second timer
 * waiting for the socket to close. A connected client says QUIT (pending
 * replies arrive first); one between reconnection attempts stops retrying.
 */
export async function closeRedis(redis: Redis | null | undefined): Promise<void> {
  if (!redis || redis.status === 'end') return;
  // Between two attempts (Redis down) there is no socket to wait for: stopping the retries is all there is to do.
  const live = redis.status === 'ready' || redis.status === 'connect' || redis.status === 'connecting';
  const ended = new Promise<void>((resolve) => redis.once('end', () => resolve()));
  if (redis.status === 'ready') await withTimeout(redis.quit(), QUIT_TIMEOUT_MS, 'redis quit').catch(() => redis.disconnect());
  else redis.disconnect();
  if (live) await withTimeout(ended, CLOSED_TIMEOUT_MS, 'redis close').catch(() => undefined);
}
