import './platform/infra/thread-pool.init';
import 'reflect-metadata';
import { AppModule } from './app.module';
import { configOrExit, exitOnSignals, startApi } from './platform/bootstrap';
import { createRootLogger } from './platform/observability/logger';
import { collectProcessMetrics } from './platform/observability/metrics';

async function main(): Promise<void> {
  const config = configOrExit();
  collectProcessMetrics();
  const logger = createRootLogger(config.log.level, undefined, config.log.format);
  const running = await startApi(AppModule, config, logger);
  exitOnSignals(running, logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`API failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
