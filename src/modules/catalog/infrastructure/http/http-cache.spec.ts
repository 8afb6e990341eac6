import { cacheKey, decodeCachedResponse, encodeCachedResponse, ifNoneMatchHits, strongEtag } from './http-cache';

describe('strongEtag', () => {
  it('is a quoted, stable hash of the body', () => {
    const etag = strongEtag('{"data":[]}');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(strongEtag('{"data":[]}')).toBe(etag);
    expect(strongEtag('{"data":[1]}')).not.toBe(etag);
  });
});

describe('ifNoneMatchHits', () => {
  const etag = '"abc"';
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"x",W/"abc"', true],
    ['*', true],
    ['"abd"', false],
    ['abc', false],
    ['', false],
  ])('%p -> %p', (header, hit) => expect(ifNoneMatchHits(header, etag)).toBe(hit));

  it('is false without the header and reads repeated headers', () => {
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
    expect(ifNoneMatchHits(['"x"', '"abc"'], etag)).toBe(true);
  });
});

describe('cached responses', () => {
  it('round-trip, whatever the body holds', () => {
    const body = JSON.stringify({ name: 'line\nbreak', etag: '"q"' });
    expect(decodeCachedResponse(encodeCachedResponse('"tag"', body))).toEqual({ etag: '"tag"', body });
  });
});

describe('cacheKey', () => {
  it('keeps the given order, drops absent values and escapes the rest', () => {
    expect(cacheKey('models', { brand: 'b1', year: undefined, q: 'a&b=c:d', page: 1 })).toBe('models?brand=b1&q=a%26b%3Dc%3Ad&page=1');
    expect(cacheKey('types')).toBe('types');
  });
});
