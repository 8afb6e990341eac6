import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../kernel/domain-error';
import { PROBLEM_CONTENT_TYPE, STATUS_TITLES, problemType } from './problem';
import { SECURITY_HEADERS } from './security-headers';

/*
 * What the API does with input no well-behaved client sends. One policy per
 * class, applied here for every route, before any DTO or use case sees it:
 *
 * - JSON nested deeper than MAX_JSON_DEPTH: refused (400 HTTP.NESTING_TOO_DEEP),
 *   measured on the raw text before parsing, so nothing downstream recurses deep.
 * - a `__proto__` or `constructor` key anywhere in a JSON body or the query
 *   string: refused (400 HTTP.FORBIDDEN_KEY), naming where it was.
 * - a string (or key) that is not valid Unicode, i.e. holds a lone UTF-16
 *   surrogate: refused (400 HTTP.INVALID_UNICODE), in bodies, query strings and
 *   path parameters alike; format validators and Postgres never see it.
 * - a NUL character, the one character Postgres refuses in text and jsonb:
 *   refused (400 HTTP.INVALID_CHARACTERS), same places.
 * - request line or headers larger than the server reads: 431 problem+json
 *   (HTTP.HEADERS_TOO_LARGE); any other unreadable request: 400 problem+json.
 *
 * Explicit null for fields not documented as nullable is refused by the
 * validation pipe (validation.ts), and a body of a media type the route does
 * not accept is a 415 from MediaTypeGuard (media-type.guard.ts).
 */

/** Deepest nesting of objects and arrays a JSON body may have; DTOs nest a few levels at most. */
export const MAX_JSON_DEPTH = 32;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);

export const INPUT_POLICY_MESSAGES = {
  'HTTP.NESTING_TOO_DEEP': `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
  'HTTP.FORBIDDEN_KEY': 'The keys __proto__ and constructor are not accepted.',
  'HTTP.INVALID_UNICODE': 'A string in the request is not valid Unicode (it holds a lone UTF-16 surrogate).',
  'HTTP.INVALID_CHARACTERS': 'A string in the request holds a NUL character, which is not accepted.',
} as const;

type PolicyCode = keyof typeof INPUT_POLICY_MESSAGES;

function refuse(code: PolicyCode, errors?: Record<string, string[]>): DomainError {
  return new DomainError(code, 'validation', INPUT_POLICY_MESSAGES[code], errors ? { errors } : undefined);
}

/** Depth of the deepest object/array in JSON text, counted without parsing (strings skipped). */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** What is wrong with one string, if anything. */
function stringFault(value: string): 'HTTP.INVALID_UNICODE' | 'HTTP.INVALID_CHARACTERS' | undefined {
  if (LONE_SURROGATE.test(value)) return 'HTTP.INVALID_UNICODE';
  if (value.includes(NUL)) return 'HTTP.INVALID_CHARACTERS';
  return undefined;
}

/** A path safe to quote back: the faulty characters themselves are replaced. */
function printable(key: string): string {
  return key.replace(LONE_SURROGATES, '\uFFFD').replaceAll(NUL, '\uFFFD');
}

/**
 * Walks a parsed value (iteratively: depth is already bounded for bodies, not
 * for query objects) and throws the first class of fault it finds, with every
 * path where that class occurs.
 */
export function assertAcceptableInput(value: unknown, root: string): void {
  const faults = new Map<PolicyCode, Record<string, string[]>>();
  const note = (code: PolicyCode, path: string, message: string) => {
    // Null-prototype: the paths themselves may be __proto__ or constructor.
    const errors = faults.get(code) ?? (Object.create(null) as Record<string, string[]>);
    (errors[path] ??= []).push(message);
    faults.set(code, errors);
  };
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: root }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const fault = stringFault(current);
      if (fault) note(fault, path, fault === 'HTTP.INVALID_UNICODE' ? `${path} is not valid Unicode` : `${path} must not contain NUL characters`);
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    const isArray = Array.isArray(current);
    for (const key of Object.keys(current)) {
      const child = isArray ? `${path}[${key}]` : path ? `${path}.${printable(key)}` : printable(key);
      if (!isArray) {
        if (FORBIDDEN_KEYS.has(key)) note('HTTP.FORBIDDEN_KEY', child, `${printable(key)} is not an accepted key`);
        const fault = stringFault(key);
        if (fault) note(fault, child, fault === 'HTTP.INVALID_UNICODE' ? 'this key is not valid Unicode' : 'this key must not contain NUL characters');
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: child });
    }
  }
  for (const code of ['HTTP.FORBIDDEN_KEY', 'HTTP.INVALID_UNICODE', 'HTTP.INVALID_CHARACTERS'] as const) {
    const errors = faults.get(code);
    if (errors) throw refuse(code, errors);
  }
}

/** application/json, parsed under the policy above. Fastify has already applied the body size limit. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0 || text.trim().length === 0) throw malformedJson('FST_ERR_CTP_EMPTY_JSON_BODY');
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw refuse('HTTP.NESTING_TOO_DEEP');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw malformedJson('FST_ERR_CTP_INVALID_JSON_BODY');
  }
  assertAcceptableInput(value, '');
  return value;
}

/** Shaped like Fastify's own parse error, so the filter maps it the same way (HTTP.MALFORMED_JSON). */
function malformedJson(code: string): Error {
  return Object.assign(new Error('The request body is not valid JSON.'), { code, statusCode: 400 });
}

/** Parses JSON bodies under the policy above and checks query strings and path parameters of every route. */
export function installInputPolicy(app: NestFastifyApplication, fastify: FastifyInstance): void {
  // Registered through Nest, which then leaves out its own JSON parser. The raw bytes stay on the
  // request (as Nest's rawBody option keeps them) for routes that check a signature over them.
  app.useBodyParser('application/json', {}, (request, body, done) => {
    (request as { rawBody?: Buffer }).rawBody = body;
    done(null, parseJsonBody(body.toString('utf8')));
  });
  fastify.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    try {
      assertAcceptableInput(request.params, '');
      assertAcceptableInput(request.query, '');
      done();
    } catch (error) {
      done(error as Error);
    }
  });
}

/**
 * Node refuses some requests before Fastify sees them (request line or headers
 * too large, malformed HTTP, header timeout): the answer is still problem+json.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HTTP.HEADERS_TOO_LARGE', 'The request line or headers are larger than this server accepts.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'HTTP.REQUEST_TIMEOUT', 'The request was not received in time.']
        : [400, 'HTTP.BAD_REQUEST', 'The request could not be read.'];
  const requestId = randomUUID();
  const body = JSON.stringify({
    type: problemType(code),
    title: STATUS_TITLES[status] ?? STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance: '/',
    code,
    request_id: requestId,
  });
  if (socket.writable) {
    const headers = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      `content-type: ${PROBLEM_CONTENT_TYPE}`,
      `content-length: ${Buffer.byteLength(body)}`,
      `x-request-id: ${requestId}`,
      ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`),
      'connection: close',
    ];
    socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
