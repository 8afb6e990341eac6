import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../platform/kernel';
import { AiErrors } from '../domain/ai-errors';
import { schemaProblems } from '../domain/json-shape';
import { AI_CONFIG, type AiConfig } from './ai-config';
import { ModelCalls } from './model-calls';
import { type ChatMessage, LANGUAGE_MODEL, type LanguageModelGateway, ModelCallError, type ModelUsage } from './ports';
import { type FinishedTrainingByDay, TRAINING_UNIT_OF_WORK, type TrainingUnitOfWork } from './training-ports';

export interface CompleteJsonRequest {
  orgId: string | null;
  /** What the call is for (metrics and logs): `marketplace.safety-review`, `ai.roleplay.score`... */
  purpose: string;
  system: string;
  user: string;
  schema: { name: string; schema: Record<string, unknown> };
  promptVersion: string;
  timeoutMs?: number;
}

export interface CompleteJsonResult {
  data: unknown;
  model: string;
  promptVersion: string;
  /** sha256 of the model, prompt version, prompts and schema: the same input gives the same hash. */
  inputHash: string;
  latencyMs: number;
  usage: ModelUsage;
}

export interface StreamChatRequest {
  orgId: string | null;
  purpose: string;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
}

export interface StreamChatResult {
  text: string;
  model: string;
  latencyMs: number;
  usage: ModelUsage;
}

/**
 * The one way any context talks to the language model (Mistral). Every call
 * is metered and counted against the organization's daily token budget, and
 * goes through the same timeouts, retries and circuit breaker (ModelCalls).
 * Errors are DomainErrors: AI.NOT_CONFIGURED, AI.UNAVAILABLE,
 * AI.BUDGET_EXCEEDED, AI.MALFORMED_REPLY.
 */
@Injectable()
export class AiApi {
  constructor(
    private readonly calls: ModelCalls,
    @Inject(LANGUAGE_MODEL) private readonly model: LanguageModelGateway,
    @Inject(AI_CONFIG) private readonly config: AiConfig,
    @Inject(TRAINING_UNIT_OF_WORK) private readonly training: TrainingUnitOfWork,
  ) {}

  /**
   * The organization's role-play sessions finished before `until`, per UTC day
   * and trainee with the sum of their scores (the analytics backfill). Authorization is the caller's.
   */
  trainingFinishedByDay(_ctx: RequestContext, orgId: string, until: Date): Promise<FinishedTrainingByDay[]> {
    return this.training.repos.sessions.finishedByDay(orgId, until);
  }

  /** Whether MISTRAL_API_KEY is set; without it callers use their offline fallback. */
  isConfigured(): boolean {
    return this.calls.isConfigured();
  }

  /** Structured JSON output (response_format json_schema), checked against the schema's required keys and types. */
  async completeJson(ctx: RequestContext, request: CompleteJsonRequest): Promise<CompleteJsonResult> {
    const model = this.config.model;
    const inputHash = hashInput([model, request.promptVersion, request.system, request.user, JSON.stringify(request.schema)]);
    let data: unknown;
    const result = await this.calls.run(
      ctx,
      { orgId: request.orgId, purpose: request.purpose, model },
      () =>
        this.model.chat({
          model,
          messages: [
            { role: 'system', content: request.system },
            { role: 'user', content: request.user },
          ],
          jsonSchema: request.schema,
          temperature: 0,
          timeoutMs: request.timeoutMs ?? this.config.timeoutMs,
        }),
      (reply) => {
        try {
          data = JSON.parse(reply.content);
        } catch {
          throw AiErrors.malformedReply('it is not JSON');
        }
        const problems = schemaProblems(data, request.schema.schema);
        if (problems.length > 0) throw AiErrors.malformedReply(`it does not match the schema (${problems.slice(0, 3).join('; ')})`);
      },
    );
    return { data, model: result.model, promptVersion: request.promptVersion, inputHash, latencyMs: result.latencyMs, usage: result.usage };
  }

  /** Mistral's moderation endpoint on text. */
  async moderateText(ctx: RequestContext, request: { orgId: string | null; text: string }): Promise<{ flagged: boolean; categories: string[]; model: string }> {
    const model = this.config.moderationModel;
    const result = await this.calls.run(ctx, { orgId: request.orgId, purpose: 'ai.moderation', model }, async () => {
      const reply = await this.model.moderate({ model, texts: [request.text], timeoutMs: this.config.timeoutMs });
      // Moderation is billed by input length; Mistral's reply carries no usage, so it is counted as an estimate.
      return { ...reply, usage: { promptTokens: estimateTokens(request.text), completionTokens: 0 } };
    });
    const categories = result.flaggedCategories[0] ?? [];
    return { flagged: categories.length > 0, categories, model: result.model };
  }

  /** Embedding vectors for texts (MISTRAL_EMBED_MODEL), in order. */
  async embed(ctx: RequestContext, request: { orgId: string | null; purpose: string; texts: string[] }): Promise<{ vectors: number[][]; model: string }> {
    const model = this.config.embedModel;
    const result = await this.calls.run(ctx, { orgId: request.orgId, purpose: request.purpose, model }, () =>
      this.model.embed({ model, texts: request.texts, timeoutMs: this.config.timeoutMs }),
    );
    return { vectors: result.vectors, model: result.model };
  }

  /**
   * A chat reply streamed piece by piece to `onDelta`. Retried only while no
   * piece has been delivered; a stream cut off later is AI.UNAVAILABLE (the
   * pieces already delivered stay delivered, the tokens spent are counted).
   */
  async streamChat(ctx: RequestContext, request: StreamChatRequest, onDelta: (text: string) => void): Promise<StreamChatResult> {
    const model = this.config.model;
    let delivered = false;
    const result = await this.calls.run(ctx, { orgId: request.orgId, purpose: request.purpose, model }, async () => {
      try {
        return await this.model.chatStream(
          { model, messages: request.messages, maxTokens: request.maxTokens, temperature: request.temperature, timeoutMs: this.config.streamTimeoutMs },
          (text) => {
            delivered = true;
            onDelta(text);
          },
        );
      } catch (error) {
        // Retrying after pieces went out would repeat them to the listener.
        if (delivered && error instanceof ModelCallError && error.failure !== 'cut_off') {
          throw new ModelCallError('cut_off', error.message, undefined, error.partialUsage);
        }
        throw error;
      }
    });
    return { text: result.content, model: result.model, latencyMs: result.latencyMs, usage: result.usage };
  }
}

function hashInput(parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(String(part.length)).update(':').update(part);
  return hash.digest('hex');
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
