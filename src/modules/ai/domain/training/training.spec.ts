import { scoreByRules } from './rules-scorer';
import { STARTER_SCENARIOS, scenarioProblems, type Scenario } from './scenario';
import { scriptedOpening, scriptedReply } from './scripted-customer';
import { TrainingSession, type TranscriptLine } from './session';

const scenario: Scenario = {
  ...STARTER_SCENARIOS[0],
  maxTurns: 3,
  id: 's1',
  orgId: 'o1',
  createdBy: null,
  archivedAt: null,
  createdAt: new Date(),
  updatedAt: new Date(),
};
const line = (seq: number, speaker: 'trainee' | 'customer', text: string): TranscriptLine => ({ seq, speaker, text, at: new Date() });

describe('F&I training session', () => {
  it('limits turns and refuses messages after the end', () => {
    const session = TrainingSession.start({ id: 'x', scenario, traineeUserId: 'u', mode: 'scripted', openingLine: 'Hi', now: new Date() });
    session.addTurn('Hello', 'Hi', new Date());
    session.addTurn('Question?', 'Answer', new Date());
    expect(session.turnsLeft()).toBe(1);
    session.addTurn('Last', 'Bye', new Date());
    expect(() => session.assertCanSpeak()).toThrow(expect.objectContaining({ code: 'AI.TURN_LIMIT_REACHED' }));
    session.finish(scoreByRules(session.snapshot.transcript), new Date());
    expect(() => session.finish(scoreByRules([]), new Date())).toThrow(expect.objectContaining({ code: 'AI.SESSION_FINISHED' }));
    expect(session.snapshot.transcript.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('validates scenarios', () => {
    expect(scenarioProblems(STARTER_SCENARIOS[1])).toEqual({});
    expect(Object.keys(scenarioProblems({ ...STARTER_SCENARIOS[1], products: [], objections: [], maxTurns: 1 })).sort()).toEqual([
      'max_turns',
      'objections',
      'products',
    ]);
  });
});

describe('scripted customer', () => {
  it('opens with the deal, raises objections in order, pushes back on pressure, closes on the last turn', () => {
    expect(scriptedOpening(scenario)).toContain(scenario.deal.vehicle);
    expect(scriptedReply(scenario, [], 'Hello, congratulations!')).toContain(scenario.objections[0]);
    expect(scriptedReply(scenario, [line(2, 'trainee', 'x')], 'It costs $12 per month')).toBe(`Okay, that helps to know the cost. ${scenario.objections[1]}`);
    expect(scriptedReply(scenario, [], 'This offer is today only')).toMatch(/rushed/);
    expect(scriptedReply(scenario, [line(2, 'trainee', 'a'), line(4, 'trainee', 'b')], 'Anything else?')).toMatch(/decide/);
  });
});

describe('rule-based scoring', () => {
  it('rewards disclosure, questions and acknowledgement, and penalizes pressure', () => {
    const good = scoreByRules([
      line(2, 'trainee', 'Congratulations! How long do you plan to keep the car? How many miles do you drive?'),
      line(
        4,
        'trainee',
        'That’s a fair question. GAP is optional and not required; it costs $18 per month, covers the loan gap, and you can cancel for a refund. Terms and exclusions are in writing.',
      ),
    ]);
    const pushy = scoreByRules([line(2, 'trainee', 'Everyone buys this, sign it now, it is today only.')]);
    expect(good.total).toBeGreaterThan(70);
    expect(pushy.total).toBeLessThan(30);
    expect(pushy.criteria.find((c) => c.criterion === 'no_pressure_tactics')?.score).toBeLessThanOrEqual(2);
    expect(good.criteria.map((c) => c.criterion)).toEqual(['disclosure_and_compliance', 'needs_discovery', 'objection_handling', 'no_pressure_tactics']);
    expect(good.scoredBy).toBe('rules');
  });
});
