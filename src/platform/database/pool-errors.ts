/** What a client is told to wait before retrying when no database connection was free in time. */
export const POOL_BUSY_RETRY_AFTER_SECONDS = 2;

// pg-pool's own messages when DATABASE_ACQUIRE_TIMEOUT_MS (connectionTimeoutMillis) passes: no idle client came back
// in time, or a new connection did not open in time.
const POOL_TIMEOUT_MESSAGES = ['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];

/** True when `error` (or its cause) is the pool giving up on finding a connection within the acquire timeout. */
export function isPoolTimeout(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (POOL_TIMEOUT_MESSAGES.includes(current.message)) return true;
    const driverError = (current as { driverError?: unknown }).driverError;
    if (driverError instanceof Error && POOL_TIMEOUT_MESSAGES.includes(driverError.message)) return true;
  }
  return false;
}
