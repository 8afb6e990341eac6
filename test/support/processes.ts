import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Job, JobId, Queue } from 'bull';

export interface NodeProcess {
  child: ChildProcess;
  output: string[];
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a built entry point (dist/...) as its own process, as production does. */
export function spawnBuilt(entry: string, env: Record<string, string>, options: { detached?: boolean } = {}): NodeProcess {
  const script = resolve('dist', entry);
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first (npm test does)`);
  // detached: a process group of its own, which a test signals as a terminal's Ctrl+C does (process.kill(-pid)).
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: options.detached ?? false });
  const output: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      output.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return {
    child,
    output,
    exited,
    waitForOutput(pattern, timeoutMs = 20_000) {
      const seen = output.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolveLine, reject) => {
        const timer = setTimeout(() => reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms:\n${output.join('\n')}`)), timeoutMs);
        waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolveLine(line)) });
        void exited.then(() => setTimeout(() => reject(new Error(`process exited before printing ${pattern}:\n${output.join('\n')}`)), 50));
      });
    },
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The job once it has finished in `state`, read after its state was seen: a job read first and checked second can
 * be a copy from before its last attempt (say attemptsMade 2 when the third attempt fails in between).
 */
export async function finishedJob(queue: Queue, id: JobId, state: 'completed' | 'failed', timeoutMs: number): Promise<Job> {
  return waitFor(
    async () => {
      const job = await queue.getJob(id);
      if (!job || (await job.getState()) !== state) return undefined;
      return queue.getJob(id);
    },
    timeoutMs,
    `job ${String(id)} to be ${state}`,
  );
}
