import { currentRequestId, requestScope, resolveRequestId } from './request-scope';

describe('request ids', () => {
  it('keeps a well-formed caller id', () => expect(resolveRequestId('abc-123_x.y:z')).toBe('abc-123_x.y:z'));
  it.each([undefined, '', 'x'.repeat(129), 'has space', 'line\nbreak', '<script>'])('replaces %p with a uuid', (value) => {
    expect(resolveRequestId(value)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
  it('exposes the id inside the scope only', () => {
    expect(currentRequestId()).toBeUndefined();
    requestScope.run({ requestId: 'r1' }, () => expect(currentRequestId()).toBe('r1'));
  });
});
