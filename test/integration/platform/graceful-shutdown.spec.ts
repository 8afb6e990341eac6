import { AppModule } from '../../../src/app.module';
import { startApi } from '../../../src/platform/bootstrap';
import { createRootLogger } from '../../../src/platform/observability/logger';
import { ProbeModule, slowRequests } from '../../support/probe.module';
import { waitFor } from '../../support/processes';
import { testConfig } from '../../support/test-config';

describe('API shutdown', () => {
  it('finishes in-flight requests before closing, and refuses new ones meanwhile', async () => {
    const config = testConfig({ PORT: '0', HOST: '127.0.0.1' });
    const running = await startApi(AppModule, config, createRootLogger('silent'), [ProbeModule]);
    const base = running.url!.replace('localhost', '127.0.0.1');

    const inFlight = Promise.all(Array.from({ length: 5 }, () => fetch(`${base}/api/v1/probe/slow?ms=2500`)));
    // Stop only once the server is answering all five (on a loaded machine they arrive late).
    await waitFor(async () => slowRequests.inFlight === 5, 10_000, 'five slow requests in flight');
    const stopping = running.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    const late = await fetch(`${base}/api/v1/health/live`).then(
      (res) => res.status,
      () => 'refused',
    );

    const responses = await inFlight;
    expect(responses.map((res) => res.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await Promise.all(responses.map((res) => res.json()))).toEqual(Array(5).fill({ ok: true }));
    expect([503, 'refused']).toContain(late);
    await stopping;
  });
});
