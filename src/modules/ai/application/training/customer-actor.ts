import { Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { PRODUCT_NAMES, type Scenario } from '../../domain/training/scenario';
import { scoreByRules } from '../../domain/training/rules-scorer';
import { scriptedOpening, scriptedReply } from '../../domain/training/scripted-customer';
import { CRITERION_MAX, RUBRIC_CRITERIA, type CustomerMode, type SessionScore, totalOf, type TranscriptLine } from '../../domain/training/session';
import { AiApi } from '../ai.api';
import type { ChatMessage } from '../ports';

export const CUSTOMER_PROMPT_VERSION = 'fi-customer-v1';
export const RUBRIC_PROMPT_VERSION = 'fi-rubric-v1';
const CUSTOMER_MAX_TOKENS = 220;

const RUBRIC_SCHEMA = {
  name: 'fi_rubric',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['criteria', 'summary'],
    properties: {
      summary: { type: 'string' },
      criteria: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['criterion', 'score', 'comment'],
          properties: {
            criterion: { type: 'string', enum: [...RUBRIC_CRITERIA] },
            score: { type: 'integer', minimum: 0, maximum: CRITERION_MAX },
            comment: { type: 'string' },
          },
        },
      },
    },
  },
};

/**
 * The customer of a role-play and the rubric at its end: the language model
 * through AiApi when the session runs in `ai` mode, the scripted customer and
 * the rule-based scorer otherwise. A model scoring that fails falls back to
 * the rules (the score says which scored it).
 */
@Injectable()
export class CustomerActor {
  private readonly logger = new Logger('FiCustomerActor');

  constructor(private readonly ai: AiApi) {}

  modeForNewSession(): CustomerMode {
    return this.ai.isConfigured() ? 'ai' : 'scripted';
  }

  opening(scenario: Scenario): string {
    return scriptedOpening(scenario);
  }

  async reply(
    ctx: RequestContext,
    mode: CustomerMode,
    scenario: Scenario,
    transcript: TranscriptLine[],
    traineeText: string,
    onDelta: (text: string) => void,
  ): Promise<string> {
    if (mode === 'scripted') {
      const text = scriptedReply(scenario, transcript, traineeText);
      onDelta(text);
      return text;
    }
    const turnsLeftAfter = scenario.maxTurns - transcript.filter((l) => l.speaker === 'trainee').length - 1;
    const messages: ChatMessage[] = [
      { role: 'system', content: customerPrompt(scenario, turnsLeftAfter) },
      ...transcript.map((line): ChatMessage => ({ role: line.speaker === 'customer' ? 'assistant' : 'user', content: line.text })),
      { role: 'user', content: traineeText },
    ];
    const result = await this.ai.streamChat(
      ctx,
      { orgId: scenario.orgId, purpose: 'ai.training.customer', messages, maxTokens: CUSTOMER_MAX_TOKENS, temperature: 0.7 },
      onDelta,
    );
    return result.text;
  }

  async score(ctx: RequestContext, mode: CustomerMode, scenario: Scenario, transcript: TranscriptLine[]): Promise<SessionScore> {
    if (mode === 'scripted' || !this.ai.isConfigured()) return scoreByRules(transcript);
    try {
      const result = await this.ai.completeJson(ctx, {
        orgId: scenario.orgId,
        purpose: 'ai.training.rubric',
        system: rubricPrompt(scenario),
        user: transcript.map((line) => `${line.speaker === 'trainee' ? 'F&I MANAGER' : 'CUSTOMER'}: ${line.text}`).join('\n'),
        schema: RUBRIC_SCHEMA,
        promptVersion: RUBRIC_PROMPT_VERSION,
      });
      const data = result.data as { summary: string; criteria: Array<{ criterion: (typeof RUBRIC_CRITERIA)[number]; score: number; comment: string }> };
      const criteria = RUBRIC_CRITERIA.map((criterion) => {
        const found = data.criteria.find((c) => c.criterion === criterion);
        return { criterion, score: Math.max(0, Math.min(CRITERION_MAX, Math.round(found?.score ?? 0))), comment: found?.comment ?? 'Not assessed.' };
      });
      return { total: totalOf(criteria), criteria, summary: data.summary, scoredBy: 'ai' };
    } catch (error) {
      this.logger.warn({ msg: 'rubric scoring by the model failed, scoring by rules', request_id: ctx.requestId, error: (error as Error).message });
      return scoreByRules(transcript);
    }
  }
}

function customerPrompt(scenario: Scenario, turnsLeft: number): string {
  const products = scenario.products.map((p) => PRODUCT_NAMES[p]).join(', ');
  return [
    `You are role-playing a car buyer in a dealership's finance office, for training an F&I manager. Stay in character; never mention you are an AI or a training exercise.`,
    `You are ${scenario.persona.name}: ${scenario.persona.background}. Temperament: ${scenario.persona.temperament}.`,
    `You just agreed to buy a ${scenario.deal.vehicle} for ${(scenario.deal.priceMinor / 100).toFixed(2)} ${scenario.deal.currency}, financed over ${scenario.deal.termMonths} months at about ${(scenario.deal.monthlyPaymentMinor / 100).toFixed(2)} per month.`,
    `The manager may present: ${products}. Raise these objections naturally, one at a time: ${scenario.objections.join(' | ')}.`,
    `Difficulty: ${scenario.difficulty}. Answer in at most three sentences, as spoken words. If the manager pressures you, push back. ${turnsLeft <= 0 ? 'This is your last reply: wrap up politely.' : ''}`,
  ].join('\n');
}

function rubricPrompt(scenario: Scenario): string {
  return [
    'You assess an F&I (finance and insurance) manager in a training role-play at a car dealership.',
    `Products in scope: ${scenario.products.map((p) => PRODUCT_NAMES[p]).join(', ')}.`,
    `Score each criterion from 0 to ${CRITERION_MAX} with one or two sentences of concrete feedback quoting the manager where useful:`,
    '- disclosure_and_compliance: products presented as optional, prices and terms disclosed clearly, no misleading claims;',
    '- needs_discovery: questions about the customer’s use, plans and concerns before presenting;',
    '- objection_handling: objections acknowledged and answered honestly;',
    '- no_pressure_tactics: no urgency tricks, no pressure, respect for a no.',
    'Give a two-sentence summary. Judge only what the F&I MANAGER said.',
  ].join('\n');
}
