import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import type { AppModuleOptions, ApplicationRoot } from '../application-root';
import type { AppConfig } from '../config/config.schema';
import { PinoNestLogger } from '../observability/logger';
import { httpMetrics } from '../observability/metrics';
import { requestScope, resolveRequestId } from '../observability/request-scope';
import { QueueMonitor } from '../queues/queue-monitor';
import { mountQueueDashboard } from '../queues/queue-dashboard';
import { mountAdminConsole } from './admin-console';
import { ACCESS_TOKEN_VERIFIER, AccessTokenVerifier } from '../auth/principal';
import { buildOpenApiDocument, serveOpenApi } from './openapi';
import { installCors } from './cors';
import { SECURITY_HEADERS } from './security-headers';
import { sendProblem } from './problem-details.filter';
import { clientErrorHandler, installInputPolicy } from './input-policy';
import { metricsRegistry } from '../observability/metrics';
import { installRealtime } from '../realtime/redis-io.adapter';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application of `root` (the application module) with every convention of the platform applied. */
export async function createHttpApp(root: ApplicationRoot, config: AppConfig, logger: PinoLogger, options: AppModuleOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // Requests are logged once, on completion, by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxy,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => resolveRequestId(request.headers['x-request-id']),
    return503OnClosing: true,
    // On close, idle keep-alive sockets are dropped at once; busy ones finish their request first.
    forceCloseConnections: 'idle',
    // JSON keys such as __proto__ and constructor.prototype are refused at parse time.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Errors Fastify raises before any hook runs (a malformed URL) are problem documents with the security headers too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      sendProblem(error, request, reply.headers(SECURITY_HEADERS));
    },
    // Requests Node refuses before Fastify (headers too large, malformed HTTP): problem+json too.
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(root.register(config, options), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    // request.rawBody (a Buffer) next to the parsed body: webhook signatures (Stripe, Razorpay) are computed over the exact bytes.
    rawBody: true,
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  installRequestHooks(fastify, logger);
  installInputPolicy(app, fastify);
  await installCors(app, {
    origins: config.http.corsOrigins,
    exposedHeaders: ['x-request-id', 'retry-after', 'etag'],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    maxAgeSeconds: 600,
  });
  // Uploads (multipart/form-data) are parsed lazily by the routes that take files (src/platform/storage/uploads.ts), each with its own limits.
  await app.register(multipart as never, { limits: { fileSize: config.http.bodyLimitBytes, files: 1, fields: 5, parts: 6 }, throwFileSizeLimit: false });
  app.setGlobalPrefix(API_PREFIX);
  mountMetrics(fastify, app.get(QueueMonitor));
  await mountQueueDashboard(fastify, app.get(QueueMonitor).all(), optionalVerifier(app), config.nodeEnv === 'production');
  await mountAdminConsole(fastify);
  serveOpenApi(app, buildOpenApiDocument(app));
  // Gateways (Socket.IO) get the Redis adapter before anything listens; its connections close with the app.
  await installRealtime(app, config.redis.url, config.redis.keyPrefix);
  return app;
}

function installRequestHooks(fastify: FastifyInstance, logger: PinoLogger): void {
  // Once closing starts, responses still in flight ask the client to drop the
  // connection, so keep-alive sockets do not hold the shutdown open.
  let closing = false;
  fastify.addHook('preClose', (done: () => void) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  // First of our hooks, so that a preflight answered by the CORS hook carries the security headers too.
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.headers(SECURITY_HEADERS).header('x-request-id', request.id);
    // request.log is Fastify's pino child of this request (bound to request_id); the auth guards add user_id and org_id.
    requestScope.run({ requestId: String(request.id), logger: request.log as PinoLogger }, done);
  });
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpMetrics.record(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    if (logger.isLevelEnabled('info')) {
      request.log.info(
        {
          method: request.method,
          route,
          url: request.url.split('?')[0],
          status: reply.statusCode,
          duration_ms: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}

function mountMetrics(fastify: FastifyInstance, monitor: QueueMonitor): void {
  fastify.get('/metrics', async (_request, reply) => {
    await monitor.refreshDepths().catch(() => undefined);
    void reply.header('content-type', metricsRegistry.contentType);
    return metricsRegistry.metrics();
  });
}

/** Identity provides the verifier; without it every private route (and the dashboard) answers 401. */
function optionalVerifier(app: NestFastifyApplication): AccessTokenVerifier | undefined {
  try {
    return app.get<AccessTokenVerifier>(ACCESS_TOKEN_VERIFIER, { strict: false });
  } catch {
    return undefined;
  }
}
