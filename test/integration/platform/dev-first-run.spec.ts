import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../src/platform/infra/free-port';
import { NodeProcess, spawnBuilt } from '../../support/processes';

/** Processes whose command line names `text` (the run's own data directory or Redis port): what a run left behind. */
function processesMentioning(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', text], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line && !line.includes('pgrep'));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function hold(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * `npm run dev` (dist/cli/dev.js) as a person runs it the first time: the embedded Postgres port busy, a start that
 * fails half way, and Ctrl+C. Slow (initdb, migrations): one data directory for the whole file.
 */
describe('npm run dev: a first run that never surprises', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'revsync-dev-'));
  let busyPort: number;
  let holder: Server;
  let dev: NodeProcess | undefined;
  const env = (extra: Record<string, string>): Record<string, string> => {
    const base = { ...process.env } as Record<string, string>;
    // The run's own Postgres and Redis, as on a fresh machine.
    delete base.DATABASE_URL;
    delete base.REDIS_URL;
    delete base.NODE_ENV;
    return { ...base, EMBEDDED_PG_DIR: dataDir, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...extra };
  };

  beforeAll(async () => {
    busyPort = await freePort();
    holder = await hold(busyPort);
  });
  afterEach(async () => {
    await dev?.kill('SIGKILL');
    dev = undefined;
  });
  afterAll(() => {
    holder.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops at once, naming the port and the fix, when EMBEDDED_PG_PORT is busy', async () => {
    dev = spawnBuilt('cli/dev.js', env({ EMBEDDED_PG_PORT: String(busyPort), PORT: '0' }));
    const { code } = await dev.exited;
    const output = dev.output.join('\n');
    expect(code).toBe(1);
    expect(output).toContain(`Port ${busyPort} (EMBEDDED_PG_PORT) is already in use`);
    expect(output).toContain('set EMBEDDED_PG_PORT to a free port');
    expect(output).not.toMatch(/undefined/);
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 30_000);

  it('a start that fails half way (API port busy) stops the Postgres and Redis it started', async () => {
    const apiPort = await freePort();
    const api = await hold(apiPort);
    try {
      dev = spawnBuilt('cli/dev.js', env({ EMBEDDED_PG_PORT: String(await freePort()), PORT: String(apiPort) }));
      const { code } = await dev.exited;
      expect(code).toBe(1);
      expect(dev.output.join('\n')).toContain('dev environment failed to start');
      expect(dev.output.join('\n')).toContain('embedded postgres running');
      // With the run's last lines when something is left, to tell why.
      const left = processesMentioning(dataDir);
      expect({ left, output: left.length > 0 ? dev.output.slice(-40) : [] }).toEqual({ left: [], output: [] });
      const redisPort = /redis:\/\/127\.0\.0\.1:(\d+)/.exec(dev.output.join('\n'))?.[1];
      expect(redisPort).toBeDefined();
      expect(processesMentioning(`127.0.0.1:${redisPort}`)).toEqual([]);
    } finally {
      api.close();
    }
  }, 180_000);

  it('picks a free port when the default one is busy, prints the database URL, and stops quietly on Ctrl+C', async () => {
    // The default port (EMBEDDED_PG_PORT unset) taken by someone else: 54329, held here unless something already holds it.
    const defaultPort = await hold(54329).catch(() => undefined);
    try {
      const extra = env({ PORT: '0' });
      delete extra.EMBEDDED_PG_PORT;
      dev = spawnBuilt('cli/dev.js', extra, { detached: true });
      await dev.waitForOutput(/Press Ctrl\+C to stop/, 150_000);
      const output = dev.output.join('\n');
      expect(output).toContain('port 54329 is in use');
      const url = /Database\s+(postgres:\/\/\S+)/.exec(output)?.[1];
      expect(url).toMatch(/^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/revsync_dev$/);
      expect(url).not.toContain(':54329/');
      expect(output).toMatch(/API\s+http:\/\/localhost:\d+\/api\/v1/);
      // Listens on loopback only (HOST unset).
      // (Chunks of the child's output may split a line: match across the joins.)
      expect(await dev.waitForOutput(/api listening/, 10_000)).toMatch(/"url":"http:\/\/127\.0\.0\.1:\d+"/);

      // Ctrl+C in a terminal: SIGINT to the whole foreground process group (dev.js's own; Postgres and Redis have theirs).
      process.kill(-dev.child.pid!, 'SIGINT');
      const { code } = await dev.exited;
      expect(code).toBe(0);
      const after = dev.output.slice(dev.output.findIndex((line) => line.includes('Press Ctrl+C')));
      expect(after.filter((line) => /"level":"(error|fatal)"|ERROR|Error:/.test(line))).toEqual([]);
      expect(after.join('\n')).toContain('shutdown complete');
      expect(processesMentioning(dataDir)).toEqual([]);
    } finally {
      defaultPort?.close();
    }
  }, 240_000);
});
