import { Writable } from 'node:stream';
import { createRootLogger, LazyChildLogger } from './logger';
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

describe('LazyChildLogger (request.log)', () => {
  it('makes no pino child until something writes, then writes with the bindings', () => {
    const { lines, logger } = capture();
    const children = jest.spyOn(logger, 'child');
    const requestLog = new LazyChildLogger(logger, { request_id: 'req-9' }, {});
    expect(children).not.toHaveBeenCalled();
    requestLog.warn({ route: '/y' }, 'client went away');
    requestLog.info('again');
    expect(children).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'client went away', request_id: 'req-9', route: '/y' }),
      expect.objectContaining({ level: 'info', msg: 'again', request_id: 'req-9' }),
    ]);
  });

  it('drops lines below the level without making the child', () => {
    const { lines, logger } = capture();
    const children = jest.spyOn(logger, 'child');
    const requestLog = new LazyChildLogger(logger, { request_id: 'req-10' }, {});
    requestLog.debug('noise');
    requestLog.trace('more noise');
    expect(children).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    expect(requestLog.level).toBe('info');
  });

  it('hands out grandchildren carrying both bindings', () => {
    const { lines, logger } = capture();
    new LazyChildLogger(logger, { request_id: 'req-11' }, {}).child({ plugin: 'queues' }).error('failed');
    expect(lines[0]).toEqual(expect.objectContaining({ level: 'error', msg: 'failed', request_id: 'req-11', plugin: 'queues' }));
  });
});
