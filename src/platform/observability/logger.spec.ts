import { Writable } from 'node:stream';
import { createRootLogger } from './logger';
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
  it('writes JSON with the request id of the current scope', () => {
    const { lines, logger } = capture();
    requestScope.run({ requestId: 'req-7' }, () => logger.info({ route: '/x' }, 'hello'));
    expect(lines[0]).toEqual(expect.objectContaining({ level: 'info', msg: 'hello', request_id: 'req-7', route: '/x' }));
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
