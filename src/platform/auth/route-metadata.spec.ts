import { SetMetadata } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { routeMetadata } from './route-metadata';

const KEY = 'test:flag';

@SetMetadata(KEY, 'class')
class Marked {
  @SetMetadata(KEY, 'handler')
  own(): void {}

  @SetMetadata(KEY, false)
  switchedOff(): void {}

  inherits(): void {}
}

class Unmarked {
  plain(): void {}
}

/** Shares Marked's handlers, with metadata of its own at class level. */
@SetMetadata(KEY, 'subclass')
class Derived extends Marked {}

const contextFor = (controller: object, handler: (...args: never[]) => unknown) =>
  ({ getClass: () => controller, getHandler: () => handler }) as unknown as ExecutionContext;

describe('routeMetadata', () => {
  const reflector = new Reflector();
  const cases: Array<[string, object, (...args: never[]) => unknown]> = [
    ['handler over class', Marked, Marked.prototype.own],
    ['a falsy handler value still overrides', Marked, Marked.prototype.switchedOff],
    ['class when the handler has none', Marked, Marked.prototype.inherits],
    ['nothing anywhere', Unmarked, Unmarked.prototype.plain],
    ['an inherited handler under another class', Derived, Marked.prototype.inherits],
  ];

  it.each(cases)('answers as Reflector.getAllAndOverride does: %s', (_name, controller, handler) => {
    const expected = reflector.getAllAndOverride(KEY, [handler, controller as never]);
    expect(routeMetadata(KEY, contextFor(controller, handler))).toBe(expected);
    expect(routeMetadata(KEY, contextFor(controller, handler))).toBe(expected);
  });

  it('keeps one answer per controller for a handler two controllers share', () => {
    expect(routeMetadata(KEY, contextFor(Marked, Marked.prototype.inherits))).toBe('class');
    expect(routeMetadata(KEY, contextFor(Derived, Marked.prototype.inherits))).toBe('subclass');
  });

  it('reads reflect-metadata once per route and key', () => {
    class Fresh {
      @SetMetadata(KEY, 1)
      route(): void {}
    }
    const read = jest.spyOn(Reflect, 'getMetadata');
    try {
      for (let i = 0; i < 5; i += 1) expect(routeMetadata(KEY, contextFor(Fresh, Fresh.prototype.route))).toBe(1);
      expect(read).toHaveBeenCalledTimes(1);
      expect(routeMetadata('test:other', contextFor(Fresh, Fresh.prototype.route))).toBeUndefined();
      expect(read).toHaveBeenCalledTimes(3);
    } finally {
      read.mockRestore();
    }
  });
});
