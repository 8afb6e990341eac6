import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './free-port';

export interface LocalRedis {
  url: string;
  /** Stops the server this process started; a no-op for an external REDIS_URL. */
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {}

const HOW_TO_PROVIDE =
  'Redis is required (Bull queues). Set REDIS_URL=redis://host:port, or install redis-server (Debian/Ubuntu: `sudo apt-get install redis-server`, macOS: `brew install redis`) and run the command again.';

function which(binary: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Installs redis-server with apt-get when this process may (root on a Debian-like system). */
function tryInstallRedis(log: (line: string) => void): string | undefined {
  if (process.getuid?.() !== 0 || !which('apt-get')) return undefined;
  log('redis-server not found: installing it with apt-get');
  try {
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return which('redis-server');
}

/** REDIS_URL if set, else redis-server from PATH on a free loopback port, else an install, else a clear error. */
export async function provideRedis(
  redisUrl: string | undefined,
  log: (line: string) => void = () => undefined,
  options: { ownProcessGroup?: boolean } = {},
): Promise<LocalRedis> {
  if (redisUrl) return { url: redisUrl, stop: async () => undefined };
  const binary = which('redis-server') ?? tryInstallRedis(log);
  if (!binary) throw new RedisUnavailableError(HOW_TO_PROVIDE);
  return startRedisServer(binary, await freePort(), options);
}

/**
 * `ownProcessGroup`: the server gets a process group of its own, so the terminal's Ctrl+C reaches only the parent,
 * which stops the application before Redis (`npm run dev`).
 */
export async function startRedisServer(binary: string, port: number, options: { ownProcessGroup?: boolean } = {}): Promise<LocalRedis> {
  const child: ChildProcess = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
    stdio: 'ignore',
    detached: options.ownProcessGroup ?? false,
  });
  try {
    await waitForPort(port, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
