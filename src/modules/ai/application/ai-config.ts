/** The ai context's configuration slice (read in ai.module.ts, documented in .env.example). */
export interface AiConfig {
  /** Unset: every model feature runs its offline fallback and AiApi.isConfigured() is false. */
  apiKey?: string;
  serverUrl?: string;
  model: string;
  embedModel: string;
  moderationModel: string;
  /** One attempt of a non-streamed call. */
  timeoutMs: number;
  /** A whole streamed reply. */
  streamTimeoutMs: number;
  /** Retries after a 429, a 5xx or a refused connection (not after a timeout). */
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Consecutive failed calls that open the circuit, and how long it stays open before one trial call. */
  breakerFailures: number;
  breakerCooldownMs: number;
  /** Tokens (prompt + completion) one organization may spend per UTC day; calls made for no organization share the platform's budget. */
  dailyTokenBudget: number;
  platformDailyTokenBudget: number;
  /** Minutes between two recomputations of the item-to-item model (a repeatable worker job). */
  similarityRecomputeMinutes: number;
  /** Minutes between two sweeps embedding the listings and profiles still without a vector (MISTRAL_EMBED_MODEL; only with Mistral). */
  embeddingSweepMinutes: number;
  interactions: {
    /** Batches one user may send per minute. */
    batchesPerMinute: number;
    /** Raw events older than this are rolled up into daily counts by the worker, and refused in new batches. */
    rawRetentionDays: number;
    rollupEveryMinutes: number;
    /** Raw events moved per rollup statement (the job repeats it until none is left). */
    rollupChunk: number;
  };
}

export const AI_CONFIG = Symbol('AI_CONFIG');
