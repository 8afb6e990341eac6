/**
 * Key layout of the shared cache. Pure functions, unit-tested.
 *
 *   <prefix>:cache:{<namespace>}:version            the namespace's version counter
 *   <prefix>:cache:{<namespace>}:<version>:<key>    one entry, written under the version read before it was loaded
 *
 * Invalidating a namespace increments its counter (one INCR, O(1)): every API
 * process reads the counter with each lookup, so the old entries become
 * unreachable at once and expire on their own TTL. The braces are a Redis
 * Cluster hash tag, keeping a namespace's keys in one slot for the read script.
 */
const NAMESPACE_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

export function assertNamespace(namespace: string): void {
  if (!NAMESPACE_PATTERN.test(namespace)) throw new Error(`Invalid cache namespace "${namespace}": use lower-case letters, digits and hyphens`);
}

export function namespaceBase(keyPrefix: string, namespace: string): string {
  return `${keyPrefix}:cache:{${namespace}}:`;
}

export function versionKey(keyPrefix: string, namespace: string): string {
  return `${namespaceBase(keyPrefix, namespace)}version`;
}

export function entryKey(keyPrefix: string, namespace: string, version: string, key: string): string {
  return `${namespaceBase(keyPrefix, namespace)}${version}:${key}`;
}
