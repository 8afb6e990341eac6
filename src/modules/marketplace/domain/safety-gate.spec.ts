import { DeclaredChanges } from './listing';
import { LEGAL_NOTE, RuleFinding, decide, runContentRules, runTuneRules } from './safety-gate';

const SAFE: DeclaredChanges = {
  revLimitRpm: 11_500,
  ignitionAdvanceDeg: 1.5,
  afrMin: 12.8,
  afrMax: 13.4,
  fuelMapChangePct: 4,
  speedLimiterRemoved: false,
  catalyticConverterDelete: false,
  o2SensorOff: false,
  egrOff: false,
  secondaryAirOff: false,
};
const FILE = { key: 'k', sha256: 'c'.repeat(64), sizeBytes: 2048, contentType: 'application/octet-stream', fileName: 'x.bin' };
const rules = (overrides: Partial<Parameters<typeof runTuneRules>[0]> = {}) =>
  runTuneRules({
    file: FILE,
    maxFileBytes: 4096,
    allowedContentTypes: ['application/octet-stream'],
    duplicateOfOtherOrganization: false,
    declaredChanges: SAFE,
    ...overrides,
  });

describe('safety gate rules', () => {
  it('a sane tune passes every rule', () => {
    expect(rules()).toEqual([]);
  });

  it('file type, size and hash reject', () => {
    expect(rules({ file: { ...FILE, contentType: 'image/png' } }).map((f) => f.rule)).toEqual(['file.type']);
    expect(rules({ file: { ...FILE, sizeBytes: 5000 } }).map((f) => f.rule)).toEqual(['file.size']);
    expect(rules({ file: { ...FILE, sha256: 'nope' } }).map((f) => f.rule)).toEqual(['file.hash']);
    expect(rules({ file: null }).map((f) => f.outcome)).toEqual(['reject']);
  });

  it('a file identical to another studio’s goes to a human', () => {
    expect(rules({ duplicateOfOtherOrganization: true })).toEqual([expect.objectContaining({ rule: 'file.duplicate', outcome: 'human' })]);
  });

  it('declared changes outside sane bounds go to a human', () => {
    expect(rules({ declaredChanges: { ...SAFE, revLimitRpm: 25_000 } }).map((f) => f.rule)).toEqual(['changes.rev_limit']);
    expect(rules({ declaredChanges: { ...SAFE, ignitionAdvanceDeg: 14 } }).map((f) => f.rule)).toEqual(['changes.ignition']);
    expect(rules({ declaredChanges: { ...SAFE, afrMin: 9 } }).map((f) => f.rule)).toEqual(['changes.afr']);
    expect(rules({ declaredChanges: { ...SAFE, fuelMapChangePct: -60 } }).map((f) => f.rule)).toEqual(['changes.fuel_map']);
  });

  it.each(['catalyticConverterDelete', 'o2SensorOff', 'egrOff', 'secondaryAirOff'] as const)('%s means a human with a legal note', (flag) => {
    const findings = rules({ declaredChanges: { ...SAFE, [flag]: true } });
    expect(findings).toEqual([{ rule: 'changes.emissions', outcome: 'human', note: LEGAL_NOTE }]);
    expect(decide(findings, { safetyScore: 100, confidence: 1 })).toEqual({ verdict: 'needs_human', reason: LEGAL_NOTE, legalNote: LEGAL_NOTE });
  });
});

describe('safety gate decision table (MIN_SAFETY_SCORE 60, LLM_APPROVAL_THRESHOLD 0.80)', () => {
  const none: RuleFinding[] = [];
  it.each([
    [60, 0.8, 'approved'],
    [95, 0.99, 'approved'],
    [59, 0.8, 'rejected'],
    [10, 0.95, 'rejected'],
    [60, 0.79, 'needs_human'],
    [90, 0.5, 'needs_human'],
    [20, 0.79, 'needs_human'],
  ] as const)('score %d with confidence %d → %s', (safetyScore, confidence, verdict) => {
    expect(decide(none, { safetyScore, confidence }).verdict).toBe(verdict);
  });

  it('without an AI verdict nothing is approved: needs_human, labelled', () => {
    const decision = decide(none, null, 'AI review not configured');
    expect(decision.verdict).toBe('needs_human');
    expect(decision.reason).toContain('AI review not configured');
  });

  it('a rejecting rule wins over the AI, a human rule over an approving AI', () => {
    expect(decide([{ rule: 'file.type', outcome: 'reject', note: 'bad' }], { safetyScore: 100, confidence: 1 }).verdict).toBe('rejected');
    expect(decide([{ rule: 'file.duplicate', outcome: 'human', note: 'dup' }], { safetyScore: 100, confidence: 1 }).verdict).toBe('needs_human');
  });

  it('content rules for vehicles and parts', () => {
    expect(runContentRules('Clean title, one owner')).toEqual([]);
    expect(runContentRules('stolen bike cheap')[0].outcome).toBe('reject');
    expect(runContentRules('see www.example.com')[0].outcome).toBe('human');
  });
});
