import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The benchmark scenarios are plain JavaScript that no build step checks. Several people append to one list, so a
 * merge can leave it unparseable or with two scenarios of one name; this catches both before `npm run bench` would.
 */
describe('bench scenarios', () => {
  const scenarios = createRequire(__filename)('../../bench/scenarios.js') as Array<{ name: string; description?: string; run?: unknown; api?: unknown }>;

  it('load, and every scenario has a unique kebab-case name, a description and something to run', () => {
    const names = scenarios.map((scenario) => scenario.name);
    expect(new Set(names).size).toBe(names.length);
    for (const scenario of scenarios) {
      expect(scenario.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(typeof scenario.description).toBe('string');
      expect(scenario.run !== undefined || scenario.api !== undefined).toBe(true);
    }
  });

  it('every other script in bench/ loads without a syntax error', () => {
    const dir = join(__dirname, '..', '..', 'bench');
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.js'))) {
      expect(() => new Function('require', 'module', 'exports', '__dirname', readFileSync(join(dir, file), 'utf8').replace(/^#!.*\n/, ''))).not.toThrow();
    }
  });
});
