import { assertNamespace, entryKey, namespaceBase, versionKey } from './cache-keys';

describe('cache key layout', () => {
  it('puts the namespace in a hash tag under the key prefix', () => {
    expect(namespaceBase('revsync', 'catalog')).toBe('revsync:cache:{catalog}:');
    expect(versionKey('revsync', 'catalog')).toBe('revsync:cache:{catalog}:version');
    expect(entryKey('revsync', 'catalog', '17639', 'models?page=1')).toBe('revsync:cache:{catalog}:17639:models?page=1');
  });

  it.each(['catalog', 'bookings-prices', 'a1'])('accepts the namespace %p', (namespace) => expect(() => assertNamespace(namespace)).not.toThrow());

  it.each(['', 'Catalog', 'a:b', 'a{b}', '1abc', 'x'.repeat(41)])('refuses the namespace %p', (namespace) =>
    expect(() => assertNamespace(namespace)).toThrow(),
  );
});
