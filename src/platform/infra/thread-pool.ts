import { availableParallelism } from 'node:os';

/**
 * libuv's thread pool runs file, DNS and crypto work, and every argon2 hash
 * and verification. Its default is 4 threads whatever the machine: on 2 CPUs
 * four memory-hard argon2 jobs (19 MiB each) fight over two cores and their
 * caches.
 *
 * Unless the operator set UV_THREADPOOL_SIZE, the pool gets one thread per CPU
 * this process may run on, between 2 and libuv's own 4. Not more by default:
 * in a container limited by CPU quota the CPU count is the host's, and each
 * thread can hold an argon2 job's memory, so a larger pool is the operator's
 * choice. On the 2-core benchmark machine, 2 threads gave ~5 % more logins per
 * CPU-second than 4 (bench/identity-notes.md, "Third pass").
 *
 * libuv reads the variable once, when the pool first starts, so this must run
 * before any asynchronous file, DNS or crypto call: entry points import
 * `./thread-pool.init` first.
 */
export const MIN_THREAD_POOL_SIZE = 2;
export const MAX_DEFAULT_THREAD_POOL_SIZE = 4;

export function defaultThreadPoolSize(cpus: number = availableParallelism()): number {
  return Math.min(MAX_DEFAULT_THREAD_POOL_SIZE, Math.max(MIN_THREAD_POOL_SIZE, cpus));
}

/** Sets UV_THREADPOOL_SIZE in `env` unless it is already set; returns the value libuv will see. */
export function sizeThreadPool(env: NodeJS.ProcessEnv = process.env, cpus?: number): string {
  const current = env.UV_THREADPOOL_SIZE;
  if (current !== undefined && current.trim() !== '') return current;
  const size = String(defaultThreadPoolSize(cpus));
  env.UV_THREADPOOL_SIZE = size;
  return size;
}
