import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Queue } from 'bull';
import type { AppConfig } from '../config/config.schema';
import { sendProblem } from '../http/problem-details.filter';
import { DomainError } from '../kernel/domain-error';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board at /admin/queues. Until the identity context provides platform
 * admins it is guarded by HTTP Basic credentials from configuration.
 */
export async function mountQueueDashboard(fastify: FastifyInstance, queues: Queue[], config: AppConfig): Promise<void> {
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullAdapter(queue)), serverAdapter });
  const expected = Buffer.from(`${config.queues.dashboardUser}:${config.queues.dashboardPassword}`);
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
        if (hasCredentials(request.headers.authorization, expected)) return done();
        void reply.header('www-authenticate', 'Basic realm="queues"');
        sendProblem(new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'Queue dashboard credentials are required.'), request, reply);
      });
      await scope.register(serverAdapter.registerPlugin() as never);
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}

function hasCredentials(header: string | undefined, expected: Buffer): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const given = Buffer.from(Buffer.from(header.slice(6), 'base64').toString('utf8'));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
