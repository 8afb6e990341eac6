import { DeclaredChanges, EMISSION_FLAGS, StoredFile } from './listing';

/** Seed 000's gate settings. */
export const MIN_SAFETY_SCORE = 60;
export const LLM_APPROVAL_THRESHOLD = 0.8;

export type Verdict = 'approved' | 'rejected' | 'needs_human';

/** What a deterministic rule found: `reject` stops the tune, `human` sends it to a moderator. */
export interface RuleFinding {
  rule: string;
  outcome: 'reject' | 'human';
  note: string;
}

/** The bounds a declared change must stay within to pass without a human. */
export const DECLARED_BOUNDS = {
  revLimitRpm: { min: 1_000, max: 20_000 },
  ignitionAdvanceDeg: { min: -10, max: 10 },
  afr: { min: 10, max: 16 },
  fuelMapChangePct: { min: -40, max: 40 },
} as const;

export const LEGAL_NOTE =
  'Emissions-related changes (catalytic converter delete, O2 sensor off, EGR off, secondary air off) are illegal on public roads in most jurisdictions: a moderator decides, and the listing must say it is for closed-course or off-road use only.';

export interface TuneRulesInput {
  file: StoredFile | null;
  maxFileBytes: number;
  allowedContentTypes: readonly string[];
  /** Another organization already sells a tune with this exact file. */
  duplicateOfOtherOrganization: boolean;
  declaredChanges: DeclaredChanges;
}

/** The deterministic rules of the safety gate: file type, size and hash, and the declared changes. */
export function runTuneRules(input: TuneRulesInput): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const { file, declaredChanges: c } = input;
  if (!file) findings.push({ rule: 'file.missing', outcome: 'reject', note: 'No tune file was uploaded.' });
  else {
    if (!input.allowedContentTypes.includes(file.contentType))
      findings.push({ rule: 'file.type', outcome: 'reject', note: `Files of type ${file.contentType} are not tune files.` });
    if (file.sizeBytes <= 0 || file.sizeBytes > input.maxFileBytes)
      findings.push({ rule: 'file.size', outcome: 'reject', note: `The file is ${file.sizeBytes} bytes; the limit is ${input.maxFileBytes}.` });
    if (!/^[0-9a-f]{64}$/.test(file.sha256)) findings.push({ rule: 'file.hash', outcome: 'reject', note: 'The file has no valid SHA-256.' });
  }
  if (input.duplicateOfOtherOrganization)
    findings.push({ rule: 'file.duplicate', outcome: 'human', note: 'Another studio sells a tune with an identical file: possible piracy.' });
  const outside = (value: number | null, bounds: { min: number; max: number }) => value !== null && (value < bounds.min || value > bounds.max);
  if (outside(c.revLimitRpm, DECLARED_BOUNDS.revLimitRpm))
    findings.push({ rule: 'changes.rev_limit', outcome: 'human', note: `A rev limit of ${c.revLimitRpm} rpm is outside sane bounds.` });
  if (outside(c.ignitionAdvanceDeg, DECLARED_BOUNDS.ignitionAdvanceDeg))
    findings.push({ rule: 'changes.ignition', outcome: 'human', note: `An ignition advance delta of ${c.ignitionAdvanceDeg}° is outside sane bounds.` });
  if (outside(c.afrMin, DECLARED_BOUNDS.afr) || outside(c.afrMax, DECLARED_BOUNDS.afr))
    findings.push({ rule: 'changes.afr', outcome: 'human', note: 'The target AFR range is outside sane bounds (10 to 16).' });
  if (outside(c.fuelMapChangePct, DECLARED_BOUNDS.fuelMapChangePct))
    findings.push({ rule: 'changes.fuel_map', outcome: 'human', note: `A fuel map change of ${c.fuelMapChangePct}% is outside sane bounds.` });
  if (EMISSION_FLAGS.some((flag) => c[flag])) findings.push({ rule: 'changes.emissions', outcome: 'human', note: LEGAL_NOTE });
  return findings;
}

export interface AiAssessment {
  safetyScore: number;
  confidence: number;
}

export interface GateDecision {
  verdict: Verdict;
  reason: string;
  legalNote: string | null;
}

/**
 * The decision table: rejected when a rule rejects; needs_human when a rule
 * asks for one or there is no AI verdict; approved when the score is at least
 * MIN_SAFETY_SCORE with at least LLM_APPROVAL_THRESHOLD confidence; rejected
 * when it is below with that confidence; needs_human otherwise.
 */
export function decide(findings: RuleFinding[], ai: AiAssessment | null, unavailableLabel = 'AI review unavailable'): GateDecision {
  const legalNote = findings.some((f) => f.rule === 'changes.emissions') ? LEGAL_NOTE : null;
  const rejecting = findings.filter((f) => f.outcome === 'reject');
  if (rejecting.length > 0) return { verdict: 'rejected', reason: rejecting.map((f) => f.note).join(' '), legalNote };
  const human = findings.filter((f) => f.outcome === 'human');
  if (human.length > 0) return { verdict: 'needs_human', reason: human.map((f) => f.note).join(' '), legalNote };
  if (!ai) return { verdict: 'needs_human', reason: `${unavailableLabel}: the rules passed; a moderator decides.`, legalNote };
  const confident = ai.confidence >= LLM_APPROVAL_THRESHOLD;
  if (confident && ai.safetyScore >= MIN_SAFETY_SCORE)
    return { verdict: 'approved', reason: `Safety score ${ai.safetyScore} with confidence ${ai.confidence}.`, legalNote };
  if (confident)
    return { verdict: 'rejected', reason: `Safety score ${ai.safetyScore} is below ${MIN_SAFETY_SCORE} (confidence ${ai.confidence}).`, legalNote };
  return { verdict: 'needs_human', reason: `The AI is not confident enough (${ai.confidence} < ${LLM_APPROVAL_THRESHOLD}); a moderator decides.`, legalNote };
}

/** Vehicles and parts: a lighter content check. */
export function runContentRules(text: string): RuleFinding[] {
  const findings: RuleFinding[] = [];
  if (/(https?:\/\/|www\.)/i.test(text)) findings.push({ rule: 'content.links', outcome: 'human', note: 'Listings may not carry outside links.' });
  if (/\b(stolen|no title|salvage title hidden|odometer rollback)\b/i.test(text))
    findings.push({ rule: 'content.fraud', outcome: 'reject', note: 'The text suggests a fraudulent or stolen item.' });
  if (/\b(cat(alytic)? delete|defeat device|dpf delete|egr delete)\b/i.test(text))
    findings.push({ rule: 'content.emissions', outcome: 'human', note: LEGAL_NOTE });
  return findings;
}
