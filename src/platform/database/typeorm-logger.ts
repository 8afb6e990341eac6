import { Logger } from '@nestjs/common';
import type { Logger as OrmLogger } from 'typeorm';

/**
 * TypeORM's messages through the platform logger (JSON, with the request id).
 * Query parameters are never logged: they can hold secrets and personal data.
 */
export class TypeOrmLogger implements OrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ msg: 'query failed', error: error instanceof Error ? error.message : error, query: query.slice(0, 500) });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ msg: 'slow query', duration_ms: time, query: query.slice(0, 500) });
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log({ msg: message });
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ msg: String(message) });
  }
}
