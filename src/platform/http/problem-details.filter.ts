import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorKind } from '../kernel/domain-error';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, STATUS_TITLES, problemType } from './problem';
import { isPoolTimeout, POOL_BUSY_RETRY_AFTER_SECONDS } from '../database/pool-errors';

const KIND_STATUS: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** Codes for errors raised by Nest itself or by Fastify before a handler runs. */
const HTTP_STATUS_CODES: Record<number, string> = {
  400: 'HTTP.BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'HTTP.NOT_FOUND',
  405: 'HTTP.METHOD_NOT_ALLOWED',
  406: 'HTTP.NOT_ACCEPTABLE',
  413: 'HTTP.PAYLOAD_TOO_LARGE',
  415: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
  429: 'HTTP.RATE_LIMITED',
};

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'HTTP.MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'HTTP.MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'HTTP.PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'HTTP.BAD_REQUEST',
};

const SAFE_FASTIFY_DETAIL: Record<string, string> = {
  'HTTP.MALFORMED_JSON': 'The request body is not valid JSON.',
  'HTTP.PAYLOAD_TOO_LARGE': 'The request body is larger than this endpoint accepts.',
  'HTTP.UNSUPPORTED_MEDIA_TYPE': 'The request body has a content type this endpoint does not accept.',
  'HTTP.BAD_REQUEST': 'The request could not be read.',
};

export interface Mapped {
  status: number;
  code: string;
  detail: string;
  errors?: Record<string, string[]>;
  retryAfterSeconds?: number;
  extensions?: Record<string, unknown>;
}

/**
 * The single place where errors become HTTP responses. Anything it does not
 * recognise is a 500 whose body says nothing about the cause; the cause is logged.
 */
export function sendProblem(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const mapped = mapException(exception);
  if (mapped.status >= 500) {
    logger.error({
      msg: 'unhandled error',
      err: exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : String(exception),
    });
  }
  const body: ProblemDetails = {
    ...mapped.extensions,
    type: problemType(mapped.code),
    title: STATUS_TITLES[mapped.status] ?? 'Error',
    status: mapped.status,
    detail: mapped.detail,
    instance: (request.url ?? '').split('?')[0],
    code: mapped.code,
    request_id: String(request.id),
  };
  if (mapped.errors) body.errors = mapped.errors;
  if (mapped.retryAfterSeconds !== undefined) void reply.header('retry-after', String(mapped.retryAfterSeconds));
  else if (mapped.status === 429 && !reply.hasHeader('retry-after')) void reply.header('retry-after', String(throttlerRetryAfter(reply)));
  void reply.status(mapped.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}

const logger = new Logger('Errors');

/** The throttler names its header after the profile that tripped (`Retry-After-auth`). */
function throttlerRetryAfter(reply: FastifyReply): number {
  const headers = reply.getHeaders();
  const values = Object.keys(headers)
    .filter((name) => name.toLowerCase().startsWith('retry-after'))
    .map((name) => Number(headers[name]))
    .filter((value) => Number.isFinite(value));
  return values.length ? Math.max(...values) : 1;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}

export function mapException(exception: unknown): Mapped {
  if (exception instanceof DomainError) {
    return {
      status: KIND_STATUS[exception.kind],
      code: exception.code,
      detail: exception.message,
      errors: exception.details?.errors,
      retryAfterSeconds: exception.details?.retryAfterSeconds,
      extensions: exception.details?.extensions,
    };
  }
  if (isPoolTimeout(exception)) {
    return {
      status: 503,
      code: 'DATABASE.BUSY',
      detail: 'The service is busy: no database connection was free in time. Retry after the time in Retry-After.',
      retryAfterSeconds: POOL_BUSY_RETRY_AFTER_SECONDS,
    };
  }
  if (exception instanceof ThrottlerException) {
    return { status: 429, code: 'HTTP.RATE_LIMITED', detail: 'Too many requests: slow down and retry after the time in Retry-After.' };
  }
  if (exception instanceof HttpException && isFastifyClientError(exception.cause)) {
    return mapFastifyError(exception.cause);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status >= 500) return internal();
    return { status, code: HTTP_STATUS_CODES[status] ?? `HTTP.${status}`, detail: publicMessage(exception, status) };
  }
  if (isFastifyClientError(exception)) return mapFastifyError(exception);
  return internal();
}

interface FastifyClientError {
  code?: string;
  statusCode: number;
}

function isFastifyClientError(error: unknown): error is FastifyClientError {
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

/** Fastify's own messages can quote the input, so only our fixed text is shown. */
function mapFastifyError(error: FastifyClientError): Mapped {
  const code = FASTIFY_CODES[error.code ?? ''] ?? HTTP_STATUS_CODES[error.statusCode] ?? 'HTTP.BAD_REQUEST';
  return { status: error.statusCode, code, detail: SAFE_FASTIFY_DETAIL[code] ?? 'The request could not be processed.' };
}

function internal(): Mapped {
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, code: 'HTTP.INTERNAL', detail: 'An unexpected error occurred. Quote the request id when reporting it.' };
}

/** Nest's own 4xx messages are written by us or by Nest (never by a driver), so they are safe to show. */
function publicMessage(exception: HttpException, status: number): string {
  if (status === 404) return 'No resource or route matches this request.';
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  return STATUS_TITLES[status] ?? 'The request could not be processed.';
}
