import { defaultThreadPoolSize, MIN_THREAD_POOL_SIZE, sizeThreadPool } from './thread-pool';

describe('thread pool sizing', () => {
  it('gives one thread per CPU, never fewer than two', () => {
    expect(defaultThreadPoolSize(1)).toBe(MIN_THREAD_POOL_SIZE);
    expect(defaultThreadPoolSize(2)).toBe(2);
    expect(defaultThreadPoolSize(16)).toBe(16);
  });

  it('sets UV_THREADPOOL_SIZE when the operator did not', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(sizeThreadPool(env, 6)).toBe('6');
    expect(env.UV_THREADPOOL_SIZE).toBe('6');
    const blank: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: ' ' };
    expect(sizeThreadPool(blank, 3)).toBe('3');
  });

  it("leaves the operator's UV_THREADPOOL_SIZE alone", () => {
    const env: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: '12' };
    expect(sizeThreadPool(env, 2)).toBe('12');
    expect(env.UV_THREADPOOL_SIZE).toBe('12');
  });
});
