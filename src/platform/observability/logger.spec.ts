import { Writable } from 'node:stream';
import { createRootLogger, PinoNestLogger } from './logger';
import { requestScope } from './request-scope';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(JSON.parse(String(chunk)));
      callback();
    },
  });
  return { lines, logger: createRootLogger('info', stream) };
}

describe('root logger', () => {
  it("writes Nest's lines through the current request's child logger, else through the root", () => {
    const { lines, logger } = capture();
    const nest = new PinoNestLogger(logger);
    const child = logger.child({ request_id: 'req-7' });
    child.setBindings({ user_id: 'u-1' });
    requestScope.run({ requestId: 'req-7', logger: child }, () => nest.log('hello', 'Probe'));
    nest.warn('outside');
    expect(lines[0]).toEqual(expect.objectContaining({ level: 'info', msg: 'hello', context: 'Probe', request_id: 'req-7', user_id: 'u-1' }));
    expect(lines[1]).toEqual(expect.objectContaining({ level: 'warn', msg: 'outside' }));
    expect(lines[1]).not.toHaveProperty('request_id');
  });

  it('redacts secrets, tokens and passwords', () => {
    const { lines, logger } = capture();
    logger.info(
      { body: { password: 'Sup3r$ecret', refresh_token: 'rt-123', access_token: 'at-456' }, req: { headers: { authorization: 'Bearer xyz' } } },
      'login',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ['Sup3r$ecret', 'rt-123', 'at-456', 'Bearer xyz']) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED]');
  });
});
