import { FixedWindowThrottlerStorage } from './fixed-window.storage';

describe('FixedWindowThrottlerStorage', () => {
  let clock = 1_000_000;
  const storage = new FixedWindowThrottlerStorage(() => clock);
  afterAll(() => storage.onApplicationShutdown());

  it('counts hits in a window and blocks past the limit until the block ends', async () => {
    const hit = () => storage.increment('ip-1', 60_000, 3, 0, 'auth');
    expect((await hit()).isBlocked).toBe(false);
    expect((await hit()).isBlocked).toBe(false);
    expect((await hit()).totalHits).toBe(3);
    const blocked = await hit();
    expect(blocked).toEqual({ totalHits: 4, timeToExpire: 60, isBlocked: true, timeToBlockExpire: 60 });
    clock += 30_000;
    expect((await hit()).timeToBlockExpire).toBe(30);
    clock += 30_001;
    expect(await hit()).toEqual(expect.objectContaining({ totalHits: 1, isBlocked: false }));
  });

  it('keeps keys and throttler names apart', async () => {
    await storage.increment('ip-2', 1000, 1, 0, 'auth');
    expect((await storage.increment('ip-2', 1000, 1, 0, 'auth')).isBlocked).toBe(true);
    expect((await storage.increment('ip-3', 1000, 1, 0, 'auth')).isBlocked).toBe(false);
    expect((await storage.increment('ip-2', 1000, 1, 0, 'default')).isBlocked).toBe(false);
  });
});
