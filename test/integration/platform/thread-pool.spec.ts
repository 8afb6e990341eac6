import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The entry points size libuv's thread pool to the CPUs before anything
 * starts it. Checked from the outside: a child process loads the compiled
 * init module first, then fills the pool with reads on FIFOs (each holds a
 * thread until a byte arrives) and watches whether one more file operation
 * can still run. That counts the threads libuv really started, not the
 * variable we wrote.
 */
const ROOT = join(__dirname, '..', '..', '..');
const INIT = join(ROOT, 'dist', 'platform', 'infra', 'thread-pool.init.js');
const run = promisify(execFile);

const PROBE = `
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thread-pool-'));
const fds = [];
const holdThread = () => {
  const fifo = path.join(dir, 'fifo-' + fds.length);
  execFileSync('mkfifo', [fifo]);
  const fd = fs.openSync(fifo, 'r+');
  fds.push(fd);
  fs.read(fd, Buffer.alloc(1), 0, 1, null, () => {});
};
const statSettles = (ms) => new Promise((resolve) => {
  let done = false;
  fs.stat(dir, () => { done = true; resolve(true); });
  setTimeout(() => resolve(done), ms);
});
(async () => {
  const threads = Number(process.env.UV_THREADPOOL_SIZE);
  for (let i = 0; i < threads - 1; i += 1) holdThread();
  const servedWithOneFree = await statSettles(5000);
  holdThread();
  const pending = statSettles(5000);
  const servedWithNoneFree = await statSettles(400);
  fs.writeSync(fds[0], 'x');
  const servedAfterRelease = await pending;
  for (const fd of fds.slice(1)) fs.writeSync(fd, 'x');
  process.stdout.write(JSON.stringify({ threads, servedWithOneFree, servedWithNoneFree, servedAfterRelease }));
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
})();
`;

async function probe(
  env: NodeJS.ProcessEnv,
): Promise<{ threads: number; servedWithOneFree: boolean; servedWithNoneFree: boolean; servedAfterRelease: boolean }> {
  const { stdout } = await run(process.execPath, ['--require', INIT, '-e', PROBE], { env, timeout: 30_000 });
  return JSON.parse(stdout);
}

describe('libuv thread pool', () => {
  beforeAll(() => {
    if (!existsSync(INIT)) throw new Error(`${INIT} is missing: npm test builds it first`);
  });

  it('has one thread per CPU (two to four) when UV_THREADPOOL_SIZE is not set', async () => {
    const env = { ...process.env };
    delete env.UV_THREADPOOL_SIZE;
    const result = await probe(env);
    expect(result).toEqual({
      threads: Math.min(4, Math.max(2, availableParallelism())),
      servedWithOneFree: true,
      servedWithNoneFree: false,
      servedAfterRelease: true,
    });
  });

  it('keeps the size the operator set', async () => {
    const result = await probe({ ...process.env, UV_THREADPOOL_SIZE: '6' });
    expect(result).toEqual({ threads: 6, servedWithOneFree: true, servedWithNoneFree: false, servedAfterRelease: true });
  });

  it.each(['src/main.ts', 'src/worker.ts', 'src/cli/dev.ts'])('%s sizes the pool before any other import', (entry) => {
    const firstImport = readFileSync(join(ROOT, entry), 'utf8').match(/^import .*$/m)?.[0];
    expect(firstImport).toMatch(/^import '(\.\.?\/)+(platform\/)?infra\/thread-pool\.init';$/);
  });
});
