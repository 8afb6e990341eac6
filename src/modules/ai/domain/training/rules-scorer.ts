import { type CriterionScore, type SessionScore, totalOf, type TranscriptLine } from './session';

/**
 * Scores a transcript without a language model, from what the trainee said:
 * plain, explainable rules (each comment says what counted). Used when no
 * model is configured, or when the model's scoring failed.
 */
const DISCLOSURE = [
  /\boptional\b/i,
  /\bnot required\b/i,
  /\b(cost|price|per month|monthly)\b/i,
  /\bcancel/i,
  /\b(cover|coverage|covers)\b/i,
  /\b(exclu|deductible|terms?)\b/i,
];
const DISCOVERY = [/\?/, /\b(how long|how many|how often|do you|what do you|plan to|keep the)\b/i];
const ACKNOWLEDGE = /\b(understand|fair|good question|makes sense|i hear you|great point|let me explain|totally)\b/i;
const PRESSURE = /\b(today only|right now|last chance|must decide|have to decide|sign (it )?now|everyone (buys|gets)|you('d| would) be crazy|limited time)\b/i;

export function scoreByRules(transcript: TranscriptLine[]): SessionScore {
  const said = transcript.filter((line) => line.speaker === 'trainee').map((line) => line.text);
  const all = said.join('\n');
  const disclosed = DISCLOSURE.filter((pattern) => pattern.test(all)).length;
  const questions = said.filter((text) => DISCOVERY.some((pattern) => pattern.test(text))).length;
  const acknowledged = said.filter((text) => ACKNOWLEDGE.test(text)).length;
  const pressured = said.filter((text) => PRESSURE.test(text)).length;

  const criteria: CriterionScore[] = [
    {
      criterion: 'disclosure_and_compliance',
      score: Math.min(5, disclosed),
      comment:
        disclosed >= 4
          ? 'Covered that products are optional, their cost, coverage and cancellation.'
          : 'Say plainly that each product is optional, what it costs per month, what it covers and how to cancel.',
    },
    {
      criterion: 'needs_discovery',
      score: Math.min(5, questions * 2),
      comment:
        questions >= 2
          ? `Asked ${questions} questions about how the customer uses the vehicle.`
          : 'Ask how long they keep cars, how they drive and what worries them before presenting.',
    },
    {
      criterion: 'objection_handling',
      score: said.length === 0 ? 0 : Math.min(5, 1 + acknowledged * 2),
      comment:
        acknowledged > 0
          ? 'Acknowledged the customer’s concerns before answering.'
          : 'Acknowledge each objection ("that’s a fair question") before answering it.',
    },
    {
      criterion: 'no_pressure_tactics',
      score: said.length === 0 ? 0 : Math.max(0, 5 - pressured * 3),
      comment: pressured === 0 ? 'No pressure tactics.' : `Used pressure ${pressured} time(s) ("today only", "last chance"...): never rush the decision.`,
    },
  ];
  return { total: totalOf(criteria), criteria, summary: `Rule-based score over ${said.length} trainee message(s).`, scoredBy: 'rules' };
}
