import { FakeMistral, startFakeMistral } from '../../support/fake-mistral';
import type { TestApp } from '../../support/test-app';
import { Actor, AiClient, aiApp, Dealership, dealership, parseEvents, problemOf } from './ai-test-kit';

const RUBRIC = JSON.stringify({
  summary: 'Clear disclosure, good questions.',
  criteria: [
    { criterion: 'disclosure_and_compliance', score: 5, comment: 'Said the product is optional and gave the monthly cost.' },
    { criterion: 'needs_discovery', score: 4, comment: 'Asked about mileage.' },
    { criterion: 'objection_handling', score: 3, comment: 'Answered the warranty objection.' },
    { criterion: 'no_pressure_tactics', score: 5, comment: 'No pressure.' },
  ],
});

describe('F&I role-play training with the language model (fake Mistral)', () => {
  let fake: FakeMistral;
  let t: TestApp;
  let client: AiClient;
  let a: Dealership;
  let scenarioId: string;

  beforeAll(async () => {
    fake = await startFakeMistral();
    t = await aiApp(
      {
        MISTRAL_API_KEY: 'test-key',
        MISTRAL_SERVER_URL: fake.url,
        AI_MAX_RETRIES: '1',
        AI_RETRY_BASE_MS: '10',
        AI_RETRY_MAX_MS: '20',
        AI_STREAM_TIMEOUT_MS: '3000',
      },
      true,
    );
    client = new AiClient(t);
    const admin = await client.admin();
    a = await dealership(client, admin, 'ai');
    await client.expectOk(client.request('POST', `/organizations/${a.id}/training/scenarios/starter-set`, { token: a.manager.token }));
    const list = await client.expectOk(client.request('GET', `/organizations/${a.id}/training/scenarios`, { token: a.manager.token }));
    scenarioId = list.data.find((s: { persona: { name: string } }) => s.persona.name === 'Jordan Lee').id;
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const start = async (actor: Actor) =>
    client.expectOk(client.request('POST', `/organizations/${a.id}/training/sessions`, { token: actor.token }, { body: { scenario_id: scenarioId } }), 201);
  const say = (actor: Actor, sessionId: string, text: string) =>
    client.request('POST', `/organizations/${a.id}/training/sessions/${sessionId}/messages`, { token: actor.token }, { body: { text } });

  it('streams the model’s customer reply piece by piece, sends the persona and transcript, and scores with the model', async () => {
    const session = await start(a.manager);
    expect(session.mode).toBe('ai');
    fake.enqueue({ kind: 'content', content: 'Honestly, I can barely afford the payment as it is. What would GAP add per month?' });
    const res = await say(a.manager, session.id, 'Congratulations on the Civic! How many miles do you drive a year?');
    const events = parseEvents(res.body);
    expect(events.filter((e) => e.event === 'delta').length).toBeGreaterThan(2);
    expect(
      events
        .filter((e) => e.event === 'delta')
        .map((e) => e.data.text)
        .join(''),
    ).toBe('Honestly, I can barely afford the payment as it is. What would GAP add per month?');
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { mode: 'ai', turns_taken: 1 } });
    const sent = fake.chatRequests()[0].body as { stream: boolean; messages: Array<{ role: string; content: string }> };
    expect(sent.stream).toBe(true);
    expect(sent.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('Jordan Lee') });
    expect(sent.messages.slice(1).map((m) => m.role)).toEqual(['assistant', 'user']);

    fake.enqueue({ kind: 'content', content: RUBRIC });
    const finished = await client.expectOk(client.request('POST', `/organizations/${a.id}/training/sessions/${session.id}/finish`, { token: a.manager.token }));
    expect(finished.score).toMatchObject({ scored_by: 'ai', total: 85, summary: 'Clear disclosure, good questions.' });
    expect(finished.score.criteria[1]).toEqual({ criterion: 'needs_discovery', score: 4, comment: 'Asked about mileage.' });
    expect(fake.chatRequests()[1].body.response_format).toMatchObject({ type: 'json_schema' });
  });

  it('a reply cut off mid-stream ends with an error event and stores nothing; the message can be sent again', async () => {
    const session = await start(a.manager);
    fake.enqueue({ kind: 'cut-stream', chunks: ['Well, I ', 'was thinking'] });
    const events = parseEvents((await say(a.manager, session.id, 'Shall we look at GAP?')).body);
    expect(events.map((e) => e.event)).toEqual(['delta', 'delta', 'error']);
    expect(events[2].data).toMatchObject({ code: 'AI.UNAVAILABLE' });
    const stored = await client.expectOk(client.request('GET', `/organizations/${a.id}/training/sessions/${session.id}`, { token: a.manager.token }));
    expect(stored.transcript).toHaveLength(1);
    fake.enqueue({ kind: 'content', content: 'Sure, tell me more.' });
    const again = parseEvents((await say(a.manager, session.id, 'Shall we look at GAP?')).body);
    expect(again.at(-1)).toMatchObject({ event: 'done', data: { reply: 'Sure, tell me more.', turns_taken: 1 } });
  });

  it('retries a 429 before the reply starts; answers 503 problem+json when the model stays down; the rubric falls back to rules when the model fails', async () => {
    const session = await start(a.manager);
    fake.enqueue({ kind: 'status', status: 429 }, { kind: 'content', content: 'Okay.' });
    expect(parseEvents((await say(a.manager, session.id, 'Hello')).body).at(-1)).toMatchObject({ event: 'done', data: { reply: 'Okay.' } });
    fake.enqueue({ kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    await problemOf(say(a.manager, session.id, 'Hello again'), 503, 'AI.UNAVAILABLE');
    fake.enqueue({ kind: 'content', content: 'not json at all' });
    const finished = await client.expectOk(client.request('POST', `/organizations/${a.id}/training/sessions/${session.id}/finish`, { token: a.manager.token }));
    expect(finished.score.scored_by).toBe('rules');
    expect(finished.transcript).toHaveLength(3);
  });
});
