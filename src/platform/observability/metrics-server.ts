import { createServer, Server } from 'node:http';
import { metricsRegistry } from './metrics';

/**
 * The worker has no HTTP API, so it serves its own /metrics (job outcomes,
 * process metrics) on a separate port for Prometheus to scrape.
 */
export async function startMetricsServer(host: string, port: number, beforeScrape: () => Promise<void>): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    beforeScrape()
      .catch(() => undefined)
      .then(() => metricsRegistry.metrics())
      .then((body) => response.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body))
      .catch(() => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}
