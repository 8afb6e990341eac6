import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AiApi } from '../../../src/modules/ai';
import { metricsRegistry } from '../../../src/platform/observability/metrics';
import type { RequestContext } from '../../../src/platform/kernel';
import { FakeMistral, startFakeMistral } from '../../support/fake-mistral';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';

const ctx: RequestContext = { requestId: 'ai-provider-spec', roles: [] };
const schema = {
  name: 'verdict',
  schema: {
    type: 'object',
    required: ['verdict', 'score'],
    properties: { verdict: { type: 'string', enum: ['approved', 'rejected'] }, score: { type: 'integer' } },
  },
};
const request = (orgId: string | null) => ({ orgId, purpose: 'test.verdict', system: 'You judge.', user: 'Judge this.', schema, promptVersion: 'v1' });

function aiConfig(fake: FakeMistral, overrides: Record<string, string> = {}) {
  return testConfig({
    MISTRAL_API_KEY: 'test-key',
    MISTRAL_SERVER_URL: fake.url,
    MISTRAL_MODEL: 'mistral-small-latest',
    AI_TIMEOUT_MS: '1000',
    AI_STREAM_TIMEOUT_MS: '20000',
    AI_MAX_RETRIES: '2',
    AI_RETRY_BASE_MS: '10',
    AI_RETRY_MAX_MS: '50',
    AI_BREAKER_FAILURES: '50',
    AI_DAILY_TOKEN_BUDGET: '1000',
    ...overrides,
  });
}

describe('AiApi against a fake Mistral server (real SDK)', () => {
  let fake: FakeMistral;
  let t: TestApp;
  let ai: AiApi;
  let db: DataSource;

  beforeAll(async () => {
    fake = await startFakeMistral();
    t = await createTestApp({ config: aiConfig(fake) });
    ai = t.app.get(AiApi);
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const spent = async (key: string) => {
    const rows: Array<{ prompt: string; completion: string; calls: number }> = await db.query(
      `SELECT prompt_tokens AS prompt, completion_tokens AS completion, calls FROM ai_token_usage WHERE budget_key = $1`,
      [key],
    );
    return rows[0] ? { prompt: Number(rows[0].prompt), completion: Number(rows[0].completion), calls: rows[0].calls } : null;
  };

  describe('successful calls', () => {
    it('returns structured JSON with model, usage and a stable input hash, sends the json_schema and counts the tokens exactly', async () => {
      const orgId = randomUUID();
      fake.enqueue({ kind: 'content', content: '{"verdict":"approved","score":4}', promptTokens: 31, completionTokens: 9 });
      const result = await ai.completeJson(ctx, request(orgId));
      expect(result).toEqual({
        data: { verdict: 'approved', score: 4 },
        model: 'mistral-small-latest',
        promptVersion: 'v1',
        inputHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        latencyMs: expect.any(Number),
        usage: { promptTokens: 31, completionTokens: 9 },
      });
      const [sent] = fake.chatRequests();
      expect(sent.authorization).toBe('Bearer test-key');
      expect(sent.body).toMatchObject({
        model: 'mistral-small-latest',
        messages: [
          { role: 'system', content: 'You judge.' },
          { role: 'user', content: 'Judge this.' },
        ],
        response_format: { type: 'json_schema', json_schema: { name: 'verdict', schema: schema.schema, strict: true } },
      });
      expect(await spent(orgId)).toEqual({ prompt: 31, completion: 9, calls: 1 });

      fake.enqueue({ kind: 'content', content: '{"verdict":"rejected","score":1}' });
      const again = await ai.completeJson(ctx, request(orgId));
      expect(again.inputHash).toBe(result.inputHash);
      fake.enqueue({ kind: 'content', content: '{"verdict":"rejected","score":1}' });
      expect((await ai.completeJson(ctx, { ...request(orgId), user: 'Other input.' })).inputHash).not.toBe(result.inputHash);
    });

    it('retries a 429 (with Retry-After) and a 503, then succeeds', async () => {
      fake.enqueue(
        { kind: 'status', status: 429, retryAfterSeconds: 0 },
        { kind: 'status', status: 503 },
        { kind: 'content', content: '{"verdict":"approved","score":2}' },
      );
      const result = await ai.completeJson(ctx, request(randomUUID()));
      expect(result.data).toEqual({ verdict: 'approved', score: 2 });
      expect(fake.chatRequests()).toHaveLength(3);
    });

    it('moderates text and embeds texts', async () => {
      fake.moderate = (text) => (text.includes('threat') ? ['violence_and_threats'] : []);
      await expect(ai.moderateText(ctx, { orgId: null, text: 'a calm review' })).resolves.toEqual({
        flagged: false,
        categories: [],
        model: 'mistral-moderation-latest',
      });
      await expect(ai.moderateText(ctx, { orgId: null, text: 'a threat' })).resolves.toEqual({
        flagged: true,
        categories: ['violence_and_threats'],
        model: 'mistral-moderation-latest',
      });
      const { vectors, model } = await ai.embed(ctx, { orgId: null, purpose: 'test.embed', texts: ['stage 1 tune', 'touring exhaust'] });
      expect(model).toBe('mistral-embed');
      expect(vectors).toHaveLength(2);
      expect(vectors[0]).toHaveLength(16);
    });

    it('streams a reply piece by piece and counts the usage of its last chunk', async () => {
      const orgId = randomUUID();
      fake.enqueue({ kind: 'content', content: 'I am not sure I need the extended warranty.', promptTokens: 20, completionTokens: 11 });
      const pieces: string[] = [];
      const result = await ai.streamChat(ctx, { orgId, purpose: 'test.stream', messages: [{ role: 'user', content: 'Hello' }] }, (p) => pieces.push(p));
      expect(pieces.length).toBeGreaterThan(1);
      expect(pieces.join('')).toBe('I am not sure I need the extended warranty.');
      expect(result).toMatchObject({
        text: 'I am not sure I need the extended warranty.',
        model: 'mistral-small-latest',
        usage: { promptTokens: 20, completionTokens: 11 },
      });
      expect(fake.chatRequests()[0].body.stream).toBe(true);
      expect(await spent(orgId)).toEqual({ prompt: 20, completion: 11, calls: 1 });
    });

    it('meters calls and tokens per model and organization', async () => {
      const orgId = randomUUID();
      fake.enqueue({ kind: 'content', content: '{"verdict":"approved","score":3}', promptTokens: 7, completionTokens: 5 });
      await ai.completeJson(ctx, request(orgId));
      const text = await metricsRegistry.metrics();
      expect(text).toContain(`ai_model_tokens_total{model="mistral-small-latest",org="${orgId}",kind="prompt"} 7`);
      expect(text).toContain(`ai_model_tokens_total{model="mistral-small-latest",org="${orgId}",kind="completion"} 5`);
      expect(text).toMatch(new RegExp(`ai_model_call_seconds_count\\{model="mistral-small-latest",org="${orgId}",purpose="test.verdict",outcome="ok"\\} 1`));
    });
  });

  describe('failing calls', () => {
    it('gives AI.UNAVAILABLE after a timeout, without retrying it', async () => {
      fake.enqueue({ kind: 'delay', ms: 4000, content: '{"verdict":"approved","score":1}' });
      const started = Date.now();
      await expect(ai.completeJson(ctx, request(randomUUID()))).rejects.toMatchObject({ code: 'AI.UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(3500);
      expect(fake.chatRequests()).toHaveLength(1);
      fake.enqueue({ kind: 'delay', ms: 300, content: '{"verdict":"approved","score":1}' });
      await expect(ai.completeJson(ctx, { ...request(null), timeoutMs: 100 })).rejects.toMatchObject({ code: 'AI.UNAVAILABLE' });
      // On a loaded machine the abandoned request can reach the fake after this test has ended and
      // take the next test's first reply: wait until it has been seen (it normally already has).
      for (const deadline = Date.now() + 5000; fake.chatRequests().length < 2 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 50));
    });

    it('gives AI.UNAVAILABLE when 5xx outlast the retries', async () => {
      fake.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 502 }, { kind: 'status', status: 500 }, { kind: 'content', content: '{}' });
      await expect(ai.completeJson(ctx, request(randomUUID()))).rejects.toMatchObject({ code: 'AI.UNAVAILABLE' });
      expect(fake.chatRequests()).toHaveLength(3);
    });

    it('gives AI.MALFORMED_REPLY for text that is not JSON, JSON missing required keys or of the wrong type, and a body the SDK cannot read', async () => {
      fake.enqueue(
        { kind: 'content', content: 'Sure! Here is my verdict: approved' },
        { kind: 'content', content: '{"verdict":"approved"}' },
        { kind: 'content', content: '{"verdict":"approved","score":"high"}' },
        { kind: 'garbage' },
      );
      for (let i = 0; i < 4; i++) await expect(ai.completeJson(ctx, request(randomUUID()))).rejects.toMatchObject({ code: 'AI.MALFORMED_REPLY' });
      expect(fake.chatRequests()).toHaveLength(4);
    });

    it("refuses with AI.BUDGET_EXCEEDED once the organization's daily tokens are spent, without calling the model, other organizations unaffected", async () => {
      const orgId = randomUUID();
      fake.enqueue({ kind: 'content', content: '{"verdict":"approved","score":5}', promptTokens: 600, completionTokens: 450 });
      await ai.completeJson(ctx, request(orgId));
      expect(await spent(orgId)).toEqual({ prompt: 600, completion: 450, calls: 1 });
      await expect(ai.completeJson(ctx, request(orgId))).rejects.toMatchObject({ code: 'AI.BUDGET_EXCEEDED' });
      await expect(ai.streamChat(ctx, { orgId, purpose: 'test.stream', messages: [{ role: 'user', content: 'Hi' }] }, () => undefined)).rejects.toMatchObject({
        code: 'AI.BUDGET_EXCEEDED',
      });
      expect(fake.chatRequests()).toHaveLength(1);
      fake.enqueue({ kind: 'content', content: '{"verdict":"approved","score":5}' });
      await expect(ai.completeJson(ctx, request(randomUUID()))).resolves.toBeDefined();
    });

    it('gives AI.UNAVAILABLE for a stream cut off mid-reply, after delivering what arrived, and counts the estimated tokens', async () => {
      const orgId = randomUUID();
      fake.enqueue({ kind: 'cut-stream', chunks: ['Well, ', 'I guess '] });
      const pieces: string[] = [];
      await expect(
        ai.streamChat(ctx, { orgId, purpose: 'test.stream', messages: [{ role: 'user', content: 'Hello there' }] }, (p) => pieces.push(p)),
      ).rejects.toMatchObject({
        code: 'AI.UNAVAILABLE',
      });
      expect(pieces.join('')).toBe('Well, I guess ');
      expect(fake.chatRequests()).toHaveLength(1);
      expect(await spent(orgId)).toEqual({ prompt: 3, completion: 4, calls: 1 });
    });

    it('retries a stream refused with 429 before any piece arrived', async () => {
      fake.enqueue({ kind: 'status', status: 429 }, { kind: 'content', content: 'Fine.' });
      const pieces: string[] = [];
      const result = await ai.streamChat(ctx, { orgId: null, purpose: 'test.stream', messages: [{ role: 'user', content: 'Hi' }] }, (p) => pieces.push(p));
      expect(result.text).toBe('Fine.');
      expect(pieces.join('')).toBe('Fine.');
    });
  });
});

describe('AiApi circuit breaker and configuration', () => {
  let fake: FakeMistral;
  let t: TestApp;
  let ai: AiApi;

  beforeAll(async () => {
    fake = await startFakeMistral();
    t = await createTestApp({ config: aiConfig(fake, { AI_MAX_RETRIES: '0', AI_BREAKER_FAILURES: '3', AI_BREAKER_COOLDOWN_MS: '300' }) });
    ai = t.app.get(AiApi);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('opens after consecutive failures (no call reaches the model), then closes after a successful trial', async () => {
    fake.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'status', status: 500 });
    for (let i = 0; i < 3; i++) await expect(ai.completeJson(ctx, request(null))).rejects.toMatchObject({ code: 'AI.UNAVAILABLE' });
    expect(fake.chatRequests()).toHaveLength(3);
    await expect(ai.completeJson(ctx, request(null))).rejects.toMatchObject({ code: 'AI.UNAVAILABLE', details: { retryAfterSeconds: 1 } });
    expect(fake.chatRequests()).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 350));
    fake.enqueue({ kind: 'content', content: '{"verdict":"approved","score":1}' });
    await expect(ai.completeJson(ctx, request(null))).resolves.toMatchObject({ data: { verdict: 'approved', score: 1 } });
    await expect(ai.completeJson(ctx, request(null))).rejects.toMatchObject({ code: 'AI.MALFORMED_REPLY' });
    expect(fake.chatRequests()).toHaveLength(5);
  });

  it('a malformed reply does not count against the breaker', async () => {
    for (let i = 0; i < 4; i++) {
      fake.enqueue({ kind: 'content', content: 'not json' });
      await expect(ai.completeJson(ctx, request(null))).rejects.toMatchObject({ code: 'AI.MALFORMED_REPLY' });
    }
    fake.enqueue({ kind: 'content', content: '{"verdict":"rejected","score":0}' });
    await expect(ai.completeJson(ctx, request(null))).resolves.toBeDefined();
  });

  it('says it is not configured without MISTRAL_API_KEY and refuses with AI.NOT_CONFIGURED', async () => {
    const bare = await createTestApp({ config: testConfig({ MISTRAL_API_KEY: '' }) });
    try {
      const api = bare.app.get(AiApi);
      expect(api.isConfigured()).toBe(false);
      await expect(api.completeJson(ctx, request(null))).rejects.toMatchObject({ code: 'AI.NOT_CONFIGURED' });
      await expect(api.moderateText(ctx, { orgId: null, text: 'x' })).rejects.toMatchObject({ code: 'AI.NOT_CONFIGURED' });
    } finally {
      await bare.close();
    }
  });
});
