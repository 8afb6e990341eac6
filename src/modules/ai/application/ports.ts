/** Services the ai context's use cases need from outside, implemented in infrastructure/. */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ModelUsage {
  promptTokens: number;
  completionTokens: number;
}

export type ModelFailure = 'timeout' | 'rate_limited' | 'server_error' | 'connection' | 'client_error' | 'bad_response' | 'cut_off';

/** What went wrong talking to the model's API, sorted so the caller can decide to retry. */
export class ModelCallError extends Error {
  constructor(
    readonly failure: ModelFailure,
    message: string,
    readonly retryAfterMs?: number,
    /** Tokens the model spent before failing (a stream cut off after some chunks). */
    readonly partialUsage?: ModelUsage,
  ) {
    super(message);
    this.name = 'ModelCallError';
  }
}

export interface ChatInput {
  model: string;
  messages: ChatMessage[];
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  maxTokens?: number;
  temperature?: number;
  timeoutMs: number;
}

export interface ChatOutput {
  content: string;
  model: string;
  usage: ModelUsage;
}

/** The language model's API (Mistral). Throws ModelCallError and nothing else. */
export interface LanguageModelGateway {
  chat(input: ChatInput): Promise<ChatOutput>;
  /** Calls onDelta with each piece of text as it arrives; resolves once the stream ended properly. */
  chatStream(input: ChatInput, onDelta: (text: string) => void): Promise<ChatOutput>;
  embed(input: { model: string; texts: string[]; timeoutMs: number }): Promise<{ vectors: number[][]; model: string; usage: ModelUsage }>;
  moderate(input: { model: string; texts: string[]; timeoutMs: number }): Promise<{ flaggedCategories: string[][]; model: string }>;
}
export const LANGUAGE_MODEL = Symbol('LANGUAGE_MODEL');

/** Tokens spent per budget key (an organization id, or the platform's key) and UTC day. */
export interface TokenLedger {
  spentToday(key: string): Promise<number>;
  add(key: string, usage: ModelUsage): Promise<void>;
}
export const TOKEN_LEDGER = Symbol('TOKEN_LEDGER');

export type ModelCallOutcome = 'ok' | ModelFailure | 'breaker_open' | 'budget_exceeded' | 'malformed_reply';

/** Where every model call is counted (tokens, latency, errors per model and organization). */
export interface AiMetrics {
  call(labels: { model: string; org: string; purpose: string; outcome: ModelCallOutcome }, latencyMs: number): void;
  tokens(labels: { model: string; org: string }, usage: ModelUsage): void;
  retry(labels: { model: string; failure: ModelFailure }): void;
}
export const AI_METRICS = Symbol('AI_METRICS');
