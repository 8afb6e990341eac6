import { Controller, Get, HttpCode } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse } from '../http/openapi';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/public.decorator';
import { DomainError } from '../kernel/domain-error';
import { withTimeout } from '../kernel/with-timeout';
import { QueueMonitor } from '../queues/queue-monitor';
import { HealthStatusDto } from './health.dto';

const PROBE_TIMEOUT_MS = 1500;

@ApiTags('health')
@Controller('health')
@Public()
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly queues: QueueMonitor,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ operationId: 'health_live', summary: 'Liveness: the process is up and serving' })
  @ApiOkResponse({ type: HealthStatusDto })
  live(): HealthStatusDto {
    return { status: 'ok', checks: {} };
  }

  @Get('ready')
  @ApiOperation({ operationId: 'health_ready', summary: 'Readiness: database, Redis and queues answer' })
  @ApiOkResponse({ type: HealthStatusDto })
  @ApiProblemResponse(503, 'A dependency is down; the problem names it and lists every check')
  async ready(): Promise<HealthStatusDto> {
    try {
      const result = await this.health.check([
        () => this.db.pingCheck('database', { timeout: PROBE_TIMEOUT_MS }),
        () => this.probe('redis', () => this.queues.ping()),
        () => this.probe('queue', () => this.queues.refreshDepths()),
      ]);
      return { status: 'ok', checks: mapChecks(result.details) };
    } catch (error) {
      const details = (error as { response?: { details?: Record<string, { status: string }> } }).response?.details ?? {};
      const down = Object.entries(details)
        .filter(([, check]) => check.status !== 'up')
        .map(([name]) => name);
      throw new DomainError('HEALTH.NOT_READY', 'unavailable', `Not ready: ${down.join(', ') || 'unknown'} down`, {
        extensions: { checks: mapChecks(details) },
      });
    }
  }

  private async probe(key: string, check: () => Promise<unknown>) {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(check(), PROBE_TIMEOUT_MS, key);
      return indicator.up();
    } catch {
      return indicator.down();
    }
  }
}

function mapChecks(details: Record<string, { status: string }>): Record<string, 'up' | 'down'> {
  return Object.fromEntries(Object.entries(details).map(([name, check]) => [name, check.status === 'up' ? 'up' : 'down']));
}
