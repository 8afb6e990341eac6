/**
 * The architecture rules (.dependency-cruiser.cjs, ARCHITECTURE.md sections 2-3) are checked twice:
 * - against test/fixtures/architecture/src, a fake tree that breaks each rule once on purpose,
 *   to prove every rule fires, on exactly the file it should, and that the files written to obey
 *   the rules are not flagged;
 * - against the real src/, which must have no error.
 *
 * The CLI is run in a child process (dependency-cruiser is ESM-only), exactly as `npm run arch` runs it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '..', '..');
const CONFIG = '.dependency-cruiser.cjs';
const CLI = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const FIXTURE = 'test/fixtures/architecture/src';

interface Violation {
  type: string;
  from: string;
  to: string;
  unresolvedTo?: string;
  rule: { name: string; severity: 'error' | 'warn' | 'info' | 'ignore' };
  cycle?: Array<{ name: string }>;
}

interface CruiseResult {
  summary: {
    violations: Violation[];
    error: number;
    warn: number;
    totalCruised: number;
    ruleSetUsed: { forbidden?: Array<{ name: string }> };
  };
}

interface Expectation {
  severity: 'error' | 'warn';
  /** File (relative to the fixture src/) the violation must be reported on; for a cycle, any of its members. */
  from: string | string[];
  /** The dependency: a file relative to the fixture src/, or a package name as written in the import. */
  to: string;
}

/** One deliberately wrong fixture per rule. Every rule of the config must be listed here. */
const EXPECTED: Record<string, Expectation> = {
  'platform-not-to-modules': { severity: 'error', from: 'platform/bad.ts', to: 'modules/alpha/index.ts' },
  'platform-not-to-composition-root': { severity: 'error', from: ['platform/bad-root.ts', 'platform/bootstrap.ts'], to: 'app.module.ts' },
  'platform-not-to-entrypoints': { severity: 'error', from: 'platform/bad-entry.ts', to: 'main.ts' },
  'kernel-no-packages': { severity: 'error', from: 'platform/kernel/bad-package.ts', to: 'rxjs' },
  'kernel-self-contained': { severity: 'error', from: 'platform/kernel/bad-outside.ts', to: 'platform/config/x.ts' },
  'domain-not-to-outer-layers': { severity: 'error', from: 'modules/alpha/domain/bad-layer.ts', to: 'modules/alpha/infrastructure/x.ts' },
  'domain-only-kernel': { severity: 'error', from: 'modules/alpha/domain/bad-platform.ts', to: 'platform/config/x.ts' },
  'domain-no-framework': { severity: 'error', from: 'modules/alpha/domain/bad-framework.ts', to: '@nestjs/common' },
  'application-not-to-infrastructure': { severity: 'error', from: 'modules/alpha/application/bad.ts', to: 'modules/alpha/infrastructure/y.ts' },
  'application-no-infrastructure-packages': { severity: 'error', from: 'modules/alpha/application/bad-package.ts', to: 'typeorm' },
  'module-only-through-index': { severity: 'error', from: 'modules/alpha/infrastructure/reach.ts', to: 'modules/beta/domain/z.ts' },
  'outside-only-through-index': { severity: 'error', from: 'main.ts', to: 'modules/beta/domain/z.ts' },
  'no-circular': {
    severity: 'error',
    from: ['modules/gamma/domain/cycle-a.ts', 'modules/gamma/domain/cycle-b.ts'],
    to: 'modules/gamma/domain/cycle-(a|b).ts',
  },
  'no-circular-type-only': {
    severity: 'warn',
    from: ['modules/gamma/domain/types-a.ts', 'modules/gamma/domain/types-b.ts'],
    to: 'modules/gamma/domain/types-(a|b).ts',
  },
  'not-to-unresolvable': { severity: 'error', from: 'modules/gamma/domain/bad-unresolvable.ts', to: './missing' },
  'not-to-dev-dep': { severity: 'error', from: 'platform/bad-dev-dep.ts', to: 'supertest' },
};

const inFixture = (path: string) => `${FIXTURE}/${path}`;

function matches(violation: Violation, expected: Expectation): boolean {
  const froms = (Array.isArray(expected.from) ? expected.from : [expected.from]).map(inFixture);
  const toPattern = new RegExp(`^${inFixture(expected.to).replace(/\./g, '\\.')}$`);
  return froms.includes(violation.from) && (toPattern.test(violation.to) || violation.unresolvedTo === expected.to);
}

const describeViolation = (v: Violation) =>
  `${v.rule.severity} ${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' -> ')})` : ''}`;

async function cruise(target: string): Promise<CruiseResult> {
  const dir = await mkdtemp(join(tmpdir(), 'depcruise-'));
  const output = join(dir, 'result.json');
  try {
    await promisify(execFile)(process.execPath, [CLI, target, '--config', CONFIG, '--output-type', 'json', '--output-to', output], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stderr?: string; message: string }) => {
      // The json reporter exits 0; a non-zero exit means the cruise itself failed.
      throw new Error(`depcruise ${target} failed: ${error.stderr || error.message}`);
    });
    return JSON.parse(await readFile(output, 'utf8')) as CruiseResult;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('architecture rules (.dependency-cruiser.cjs)', () => {
  let fixture: CruiseResult;
  let real: CruiseResult;

  beforeAll(async () => {
    [fixture, real] = await Promise.all([cruise(FIXTURE), cruise('src')]);
  }, 120_000);

  describe('on the deliberately wrong fixture tree', () => {
    it('has a fixture for every rule of the config', () => {
      const configured = (fixture.summary.ruleSetUsed.forbidden ?? []).map((rule) => rule.name).sort();
      expect(configured).toEqual(Object.keys(EXPECTED).sort());
    });

    it.each(Object.entries(EXPECTED))('%s fires on its fixture and nowhere else', (name, expected) => {
      const fired = fixture.summary.violations.filter((v) => v.rule.name === name);
      expect(fired.length).toBeGreaterThanOrEqual(1);
      expect(fired.filter((v) => !matches(v, expected)).map(describeViolation)).toEqual([]);
      expect(fired.map((v) => v.rule.severity)).toEqual(fired.map(() => expected.severity));
    });

    it('reports nothing else, in particular not on the fixture files that obey the rules', () => {
      const unexpected = fixture.summary.violations.filter((v) => !EXPECTED[v.rule.name] || !matches(v, EXPECTED[v.rule.name]));
      expect(unexpected.map(describeViolation)).toEqual([]);
    });
  });

  describe('on src/', () => {
    it('cruises the application', () => {
      expect(real.summary.totalCruised).toBeGreaterThan(10);
    });

    it('has no architecture error, and no warning either', () => {
      expect(real.summary.violations.map(describeViolation)).toEqual([]);
      expect(real.summary.error).toBe(0);
      expect(real.summary.warn).toBe(0);
    });
  });
});
