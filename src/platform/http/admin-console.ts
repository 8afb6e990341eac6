import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

export const ADMIN_CONSOLE_PATH = '/admin/';

/**
 * Where `npm run build` puts the operators' console (admin-console/, built by Vite): dist/admin-console,
 * whether this file runs from dist/ (built) or from src/ (tests through ts-jest/swc).
 */
export function adminConsoleDirectory(): string {
  const root = resolve(__dirname, '..', '..');
  return basename(root) === 'dist' ? join(root, 'admin-console') : join(root, '..', 'dist', 'admin-console');
}

/**
 * Serves the console's static files at /admin/ (index.html and hashed assets). The console is a client of
 * the API like any other: it holds no secret and every action it takes is an /api/v1/admin/... call checked
 * there. The queue dashboard (/admin/queues) is a more specific route and keeps answering. Not mounted when
 * the console was not built (an API-only build).
 */
export async function mountAdminConsole(fastify: FastifyInstance, directory = adminConsoleDirectory()): Promise<boolean> {
  if (!existsSync(join(directory, 'index.html'))) return false;
  await fastify.register(fastifyStatic as never, {
    root: directory,
    prefix: ADMIN_CONSOLE_PATH,
    index: ['index.html'],
    redirect: true,
  });
  fastify.get('/admin', (_request, reply) => reply.redirect(ADMIN_CONSOLE_PATH, 302));
  return true;
}
