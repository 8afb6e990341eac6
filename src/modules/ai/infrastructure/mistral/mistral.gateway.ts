import { Inject, Injectable } from '@nestjs/common';
import { Mistral } from '@mistralai/mistralai';
import {
  ConnectionError,
  MistralError,
  RequestAbortedError,
  RequestTimeoutError,
  ResponseValidationError,
  SDKValidationError,
} from '@mistralai/mistralai/models/errors';
import { AI_CONFIG, type AiConfig } from '../../application/ai-config';
import { type ChatInput, type ChatOutput, type LanguageModelGateway, ModelCallError, type ModelUsage } from '../../application/ports';

const HTTP_TOO_MANY_REQUESTS = 429;
const HTTP_SERVER_ERROR = 500;
const MAX_RETRY_AFTER_SECONDS = 60;

/**
 * The language model through the real Mistral SDK. The SDK's own retries are
 * off: ModelCalls retries, so attempts, backoff and the breaker are counted
 * in one place. Every SDK failure becomes a ModelCallError.
 */
@Injectable()
export class MistralGateway implements LanguageModelGateway {
  private readonly client: Mistral | null;

  constructor(@Inject(AI_CONFIG) config: AiConfig) {
    this.client = config.apiKey
      ? new Mistral({ apiKey: config.apiKey, serverURL: config.serverUrl, retryConfig: { strategy: 'none' }, timeoutMs: config.timeoutMs })
      : null;
  }

  async chat(input: ChatInput): Promise<ChatOutput> {
    const client = this.sdk();
    try {
      const reply = await client.chat.complete(
        {
          model: input.model,
          messages: input.messages,
          maxTokens: input.maxTokens,
          temperature: input.temperature,
          responseFormat: input.jsonSchema
            ? { type: 'json_schema', jsonSchema: { name: input.jsonSchema.name, schemaDefinition: input.jsonSchema.schema, strict: true } }
            : undefined,
        },
        { timeoutMs: input.timeoutMs },
      );
      const content = reply.choices[0]?.message?.content;
      const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((part) => ('text' in part ? part.text : '')).join('') : '';
      return { content: text, model: reply.model, usage: usageOf(reply.usage) };
    } catch (error) {
      throw classify(error);
    }
  }

  async chatStream(input: ChatInput, onDelta: (text: string) => void): Promise<ChatOutput> {
    const client = this.sdk();
    let text = '';
    let model = input.model;
    let usage: ModelUsage | null = null;
    let finished = false;
    try {
      const stream = await client.chat.stream(
        { model: input.model, messages: input.messages, maxTokens: input.maxTokens, temperature: input.temperature },
        { timeoutMs: input.timeoutMs },
      );
      for await (const event of stream) {
        const chunk = event.data;
        model = chunk.model;
        if (chunk.usage) usage = usageOf(chunk.usage);
        for (const choice of chunk.choices) {
          const content = choice.delta.content;
          const piece = typeof content === 'string' ? content : Array.isArray(content) ? content.map((part) => ('text' in part ? part.text : '')).join('') : '';
          if (piece) {
            text += piece;
            onDelta(piece);
          }
          if (choice.finishReason) finished = true;
        }
      }
    } catch (error) {
      const failure = classify(error);
      if (text === '') throw failure;
      throw new ModelCallError('cut_off', `the stream broke after ${text.length} characters (${failure.message})`, undefined, usage ?? estimated(input, text));
    }
    if (!finished)
      throw new ModelCallError(
        'cut_off',
        `the stream ended without a finish reason after ${text.length} characters`,
        undefined,
        usage ?? estimated(input, text),
      );
    return { content: text, model, usage: usage ?? estimated(input, text) };
  }

  async embed(input: { model: string; texts: string[]; timeoutMs: number }): Promise<{ vectors: number[][]; model: string; usage: ModelUsage }> {
    try {
      const reply = await this.sdk().embeddings.create({ model: input.model, inputs: input.texts }, { timeoutMs: input.timeoutMs });
      const vectors = [...reply.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((item) => item.embedding ?? []);
      return { vectors, model: reply.model, usage: usageOf(reply.usage) };
    } catch (error) {
      throw classify(error);
    }
  }

  async moderate(input: { model: string; texts: string[]; timeoutMs: number }): Promise<{ flaggedCategories: string[][]; model: string }> {
    try {
      const reply = await this.sdk().classifiers.moderate({ model: input.model, inputs: input.texts }, { timeoutMs: input.timeoutMs });
      const flaggedCategories = reply.results.map((result) =>
        Object.entries(result.categories ?? {})
          .filter(([, flagged]) => flagged)
          .map(([category]) => category),
      );
      return { flaggedCategories, model: reply.model };
    } catch (error) {
      throw classify(error);
    }
  }

  private sdk(): Mistral {
    if (!this.client) throw new ModelCallError('client_error', 'no API key');
    return this.client;
  }
}

function usageOf(usage: { promptTokens?: number; completionTokens?: number } | undefined): ModelUsage {
  return { promptTokens: usage?.promptTokens ?? 0, completionTokens: usage?.completionTokens ?? 0 };
}

/** A stream cut off before its usage chunk: the tokens are estimated (about four characters each). */
function estimated(input: ChatInput, text: string): ModelUsage {
  const prompt = input.messages.reduce((sum, message) => sum + message.content.length, 0);
  return { promptTokens: Math.ceil(prompt / 4), completionTokens: Math.ceil(text.length / 4) };
}

function classify(error: unknown): ModelCallError {
  if (error instanceof ModelCallError) return error;
  if (error instanceof RequestTimeoutError || error instanceof RequestAbortedError || isAbortLike(error)) {
    return new ModelCallError('timeout', 'the request timed out');
  }
  if (error instanceof ConnectionError) return new ModelCallError('connection', error.message);
  if (error instanceof ResponseValidationError || error instanceof SDKValidationError || error instanceof SyntaxError) {
    return new ModelCallError('bad_response', 'the reply did not have the expected shape');
  }
  if (error instanceof MistralError) {
    if (error.statusCode === HTTP_TOO_MANY_REQUESTS) return new ModelCallError('rate_limited', 'HTTP 429', retryAfterMs(error.headers.get('retry-after')));
    if (error.statusCode >= HTTP_SERVER_ERROR) return new ModelCallError('server_error', `HTTP ${error.statusCode}`);
    return new ModelCallError('client_error', `HTTP ${error.statusCode}`);
  }
  if (error instanceof TypeError) return new ModelCallError('connection', error.message);
  return new ModelCallError('bad_response', error instanceof Error ? error.message : String(error));
}

function isAbortLike(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS) * 1000;
}
