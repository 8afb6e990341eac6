import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Queue } from 'bull';
import type { AccessTokenVerifier } from '../auth/principal';
import { PLATFORM_ADMIN } from '../auth/roles.decorator';
import { sendProblem } from '../http/problem-details.filter';
import { DomainError } from '../kernel/domain-error';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const SESSION_COOKIE = 'revsync_queues';

/**
 * bull-board at /admin/queues, for platform admins only. API clients send their
 * access token as a Bearer header; a browser opens `/admin/queues?access_token=…`
 * once, which moves the token into an HttpOnly cookie scoped to the dashboard
 * (the query string never reaches a log line). The token's own expiry and
 * revocation apply: every request is verified again.
 */
export async function mountQueueDashboard(
  fastify: FastifyInstance,
  queues: Queue[],
  verifier: AccessTokenVerifier | undefined,
  secureCookie: boolean,
): Promise<void> {
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullAdapter(queue)), serverAdapter });
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const fromQuery = (request.query as { access_token?: unknown } | undefined)?.access_token;
        const token = typeof fromQuery === 'string' ? fromQuery : (bearer(request.headers.authorization) ?? cookie(request.headers.cookie, SESSION_COOKIE));
        const denied = await deny(verifier, token);
        if (denied) {
          if (denied.kind === 'unauthenticated') void reply.header('www-authenticate', 'Bearer realm="queues"');
          return sendProblem(denied, request, reply);
        }
        if (typeof fromQuery === 'string') {
          const attributes = `Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict${secureCookie ? '; Secure' : ''}`;
          return reply.header('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(fromQuery)}; ${attributes}`).redirect(QUEUE_DASHBOARD_PATH, 303);
        }
      });
      await scope.register(serverAdapter.registerPlugin() as never);
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}

async function deny(verifier: AccessTokenVerifier | undefined, token: string | undefined): Promise<DomainError | undefined> {
  const unauthenticated = new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'The queue dashboard needs a platform admin access token.');
  if (!token || !verifier) return unauthenticated;
  try {
    const principal = await verifier.verify(token);
    return principal.roles.includes(PLATFORM_ADMIN) ? undefined : new DomainError('AUTH.FORBIDDEN', 'forbidden', 'The queue dashboard is for platform admins.');
  } catch (error) {
    return error instanceof DomainError ? error : unauthenticated;
  }
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
