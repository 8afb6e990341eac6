import Bull from 'bull';
// Loading the application's queues module is what guards Bull (src/platform/queues/bull-worker-name.ts).
import '../../../src/platform/queues/queues.module';
import { testConfig } from '../../support/test-config';

/**
 * A queue that starts processing and is closed at once (a worker told to stop
 * while it boots, a test app closed right after it starts) must close without
 * an unhandled rejection: Node stops the process on one.
 */
describe('a processing queue closed while it starts', () => {
  const config = testConfig();
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeAll(() => process.on('unhandledRejection', onRejection));
  afterAll(() => process.off('unhandledRejection', onRejection));

  it('leaves no unhandled rejection behind, however early the close comes', async () => {
    for (let round = 0; round < 20; round += 1) {
      const queue = new Bull(`close-early-${round}`, config.redis.url!, { prefix: config.redis.keyPrefix });
      void queue.process(async () => undefined).catch(() => undefined);
      // Closed at a different point of the start-up each round: the blocking client names the worker while it connects.
      await new Promise((resolve) => setTimeout(resolve, round % 10));
      await queue.close();
      // Closing this early, Bull may reconnect its blocking client after closing it; the test leaves nothing open.
      for (const client of (queue as unknown as { clients: Array<{ disconnect(): void }> }).clients) client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rejections).toEqual([]);
  });
});
