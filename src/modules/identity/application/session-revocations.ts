/**
 * The Redis pub/sub channel on which identity publishes revoked session ids as `{ "ids": string[] }` (when the
 * session cache is on, IDENTITY_SESSION_CACHE_TTL_MS > 0). Long-lived connections authenticated by an access
 * token (the messaging gateway's sockets) listen to it to drop a revoked session at once.
 */
export function sessionRevocationChannel(keyPrefix: string): string {
  return `${keyPrefix}:identity:sessions-revoked`;
}
