import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

describe('the bundle’s lazy modules', () => {
  const lazyModule = createRequire(import.meta.url)('../../scripts/bundle/lazy-module.cjs') as (
    load: () => unknown,
  ) => Record<string, unknown> & ((...args: unknown[]) => unknown);

  it('loads on first use only, and behaves as the module after', () => {
    let loads = 0;
    const real = Object.assign((x: number) => x * 2, { Router: () => 'router', version: '1' });
    const proxy = lazyModule(() => {
      loads++;
      return real;
    });
    expect(proxy.__esModule).toBe(true);
    expect(loads).toBe(0);
    expect(proxy(21)).toBe(42);
    expect((proxy.default as typeof real)(2)).toBe(4);
    expect((proxy.Router as () => string)()).toBe('router');
    expect({ ...proxy }).toMatchObject({ Router: real.Router, version: '1' });
    expect(Object.keys(proxy)).toEqual(expect.arrayContaining(['Router', 'version']));
    proxy.extra = 'set';
    expect((real as unknown as Record<string, unknown>).extra).toBe('set');
    expect(loads).toBe(1);
  });
});
