import pino, { Logger as PinoLogger } from 'pino';
import type { LoggerService } from '@nestjs/common';
import { currentRequestLogger } from './request-scope';
import { prettyDestination } from './pretty-log';

export type LogFormat = 'json' | 'pretty';

/** Paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.current_password',
  '*.new_password',
  '*.token',
  '*.access_token',
  '*.refresh_token',
  '*.secret',
  '*.code',
  'password',
  'token',
  'secret',
];

/** The process's logger: JSON lines (production default), or one readable line per entry with `format: 'pretty'`. */
export function createRootLogger(level: string, destination?: pino.DestinationStream, format: LogFormat = 'json'): PinoLogger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? (format === 'pretty' ? prettyDestination() : undefined),
  );
}

/** Nest's start-up chatter (one line per module and route): debug, so info shows what matters. */
const BOOTSTRAP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication', 'NestApplicationContext']);

/**
 * Nest's LoggerService on top of pino, so framework logs are JSON too. A line
 * written while a request is handled goes through that request's child logger
 * (request id, user, organization); any other line through the root logger.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: PinoLogger) {}

  private get logger(): PinoLogger {
    return currentRequestLogger() ?? this.root;
  }

  log(message: unknown, context?: string): void {
    this.write(context && BOOTSTRAP_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    if (typeof message === 'object' && message !== null) this.logger.error({ context, trace, ...message });
    else this.logger.error({ context, trace }, stringify(message));
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: pino.Level, message: unknown, context?: string): void {
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, stringify(message));
  }
}

function stringify(message: unknown): string {
  return typeof message === 'string' ? message : String(message);
}
