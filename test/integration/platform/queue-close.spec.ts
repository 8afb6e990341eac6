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
      withoutDelayedJobsTimer(queue);
      const processing = queue.process(async () => undefined).catch(() => undefined);
      // Closed at a different point of the start-up each round: the blocking client names the worker while it connects.
      await new Promise((resolve) => setTimeout(resolve, round % 10));
      await queue.close();
      // Closed this early, Bull can still open a client while its start-up finishes: the test leaves nothing open.
      await processing;
      for (const client of (queue as unknown as { clients: Array<{ disconnect(): void }> }).clients) client.disconnect();
    }
    // Late rejections have time to surface, and ioredis destroys sockets a close caught mid-connect after 2 s.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(rejections).toEqual([]);
  });
});

/**
 * The delayed-jobs timer has nothing to do with this test, and when Bull's start-up finishes after the close it re-arms
 * itself every 5 s for good, which would keep the test worker alive. A process that exits does not care.
 */
function withoutDelayedJobsTimer(queue: Bull.Queue): void {
  (queue as unknown as { updateDelayTimer(): void }).updateDelayTimer = () => undefined;
}
