import { defaultThreadPoolSize, MAX_DEFAULT_THREAD_POOL_SIZE, MIN_THREAD_POOL_SIZE, sizeThreadPool } from './thread-pool';

describe('thread pool sizing', () => {
  it("gives one thread per CPU, between two and libuv's own four", () => {
    expect(defaultThreadPoolSize(1)).toBe(MIN_THREAD_POOL_SIZE);
    expect(defaultThreadPoolSize(2)).toBe(2);
    expect(defaultThreadPoolSize(3)).toBe(3);
    // A container's CPU count is often the host's: more threads (each able to hold 19 MiB of argon2) is the operator's call.
    expect(defaultThreadPoolSize(64)).toBe(MAX_DEFAULT_THREAD_POOL_SIZE);
  });

  it('sets UV_THREADPOOL_SIZE when the operator did not', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(sizeThreadPool(env, 3)).toBe('3');
    expect(env.UV_THREADPOOL_SIZE).toBe('3');
    const blank: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: ' ' };
    expect(sizeThreadPool(blank, 2)).toBe('2');
  });

  it("leaves the operator's UV_THREADPOOL_SIZE alone", () => {
    const env: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: '12' };
    expect(sizeThreadPool(env, 2)).toBe('12');
    expect(env.UV_THREADPOOL_SIZE).toBe('12');
  });
});
