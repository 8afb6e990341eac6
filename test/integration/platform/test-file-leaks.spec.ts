import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * A Jest worker runs many test files; whatever one file leaves reachable from
 * process-wide state (a PerformanceObserver, a listener on a core module, a
 * timer) keeps that file's whole module registry alive. Workers then grow past
 * a gigabyte and take longer than Jest allows to exit ("a worker process has
 * failed to exit gracefully"). Jest's own --detectLeaks checks that a file that
 * boots and closes the application is collected afterwards.
 */
describe('a test file that boots the application', () => {
  it('leaves nothing that keeps its modules alive (jest --detectLeaks)', async () => {
    const root = resolve(__dirname, '../../..');
    const jest = resolve(root, 'node_modules/jest/bin/jest.js');
    const child = spawn(process.execPath, [jest, '--config', 'test/fixtures/leaks/jest.config.js', '--detectLeaks', '--ci', '--colors=false'], {
      cwd: root,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(output).not.toMatch(/leaking memory/);
    expect(output).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(code).toBe(0);
  }, 90_000);
});
