'use strict';

/**
 * The baseline the API is measured against: bare Fastify 5 and a node-postgres
 * Pool of the same size as the API's (DATABASE_POOL_MAX, 10 by default), with
 * no framework, validation, logging or metrics. Started by bench/run.js.
 *
 * Env: PORT, HOST (127.0.0.1), DATABASE_URL, POOL_MAX (10), BENCH_ROW_ID
 * (an outbox_messages id; without it /row falls back to SELECT now()).
 */
const Fastify = require('fastify');
const { Pool } = require('pg');

const port = Number(process.env.PORT || 3100);
const host = process.env.HOST || '127.0.0.1';
const rowId = process.env.BENCH_ROW_ID;

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX || 10), idleTimeoutMillis: 30_000 });
const app = Fastify({ logger: false });

app.get('/health/live', async () => ({ status: 'ok' }));

app.get('/row', async (_request, reply) => {
  if (!rowId) {
    const { rows } = await pool.query('SELECT now() AS now');
    return rows[0];
  }
  const { rows } = await pool.query('SELECT id, channel, recipient, created_at FROM outbox_messages WHERE id = $1', [rowId]);
  if (rows.length === 0) return reply.code(404).send({ status: 404, title: 'Not Found' });
  return rows[0];
});

async function stop() {
  try {
    await app.close();
    await pool.end();
  } finally {
    process.exit(0);
  }
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

app.listen({ port, host }).catch((error) => {
  process.stderr.write(`baseline server failed to start: ${error.message}\n`);
  process.exit(1);
});
