import { PRODUCT_NAMES, type Scenario } from './scenario';
import type { TranscriptLine } from './session';

/**
 * The customer when no language model is configured: deterministic, so demos
 * and tests run offline. It opens with the deal, raises the scenario's
 * objections one by one, reacts to pressure and to price talk, and closes
 * politely on the last turn.
 */
const PRESSURE = /\b(today only|right now|last chance|must decide|have to decide|sign (it )?now|everyone (buys|gets)|you('d| would) be crazy|limited time)\b/i;
const PRICE = /\b(cost|price|per month|monthly|payment|\$\s?\d|dollars?)\b/i;

export function scriptedOpening(scenario: Pick<Scenario, 'persona' | 'deal'>): string {
  return `Hi, I'm ${scenario.persona.name}. I just agreed on the ${scenario.deal.vehicle} with the salesperson. They said you'd go over the paperwork with me?`;
}

export function scriptedReply(scenario: Pick<Scenario, 'objections' | 'products' | 'maxTurns'>, transcript: TranscriptLine[], traineeText: string): string {
  const turn = transcript.filter((line) => line.speaker === 'trainee').length + 1;
  if (PRESSURE.test(traineeText)) return 'I don’t like being rushed. If I have to decide this second, the answer is no.';
  if (turn >= scenario.maxTurns) return 'Thanks, I think I have what I need. Let me look at the numbers and decide.';
  const objection = scenario.objections[(turn - 1) % scenario.objections.length];
  if (PRICE.test(traineeText)) return `Okay, that helps to know the cost. ${objection}`;
  if (turn === 1) return `${objection} And what is ${PRODUCT_NAMES[scenario.products[0]]} exactly?`;
  return objection;
}
