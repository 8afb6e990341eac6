import type { TestApp } from '../../support/test-app';
import { Actor, AiClient, aiApp, Body, Dealership, dealership, parseEvents, problemOf } from './ai-test-kit';

const scenarioBody = (over: Record<string, unknown> = {}) => ({
  title: 'Retiree buying a touring bike',
  persona: { name: 'Walt', background: '67, retired teacher, rides long distances', temperament: 'careful, hates surprises' },
  deal: { vehicle: '2025 BMW R 1300 RT', price_minor: 2_600_000, currency: 'USD', term_months: 48, monthly_payment_minor: 60_000 },
  products: ['extended_warranty', 'tire_and_wheel'],
  objections: ['I never buy extended warranties.', 'What happens if I sell the bike?'],
  difficulty: 'medium',
  max_turns: 3,
  ...over,
});

describe('F&I role-play training (scripted customer, no language model)', () => {
  let t: TestApp;
  let client: AiClient;
  let a: Dealership;
  let b: Dealership;
  let admin: Actor;
  let customer: Actor;
  let shop: { id: string; principal: Actor };

  beforeAll(async () => {
    t = await aiApp({}, true);
    client = new AiClient(t);
    [admin, customer] = await Promise.all([client.admin(), client.signUp('walk-in')]);
    [a, b] = await Promise.all([dealership(client, admin, 'a'), dealership(client, admin, 'b')]);
    const shopOwner = await client.signUp('shop-owner', { verified: true });
    shop = await client.createOrganization(shopOwner);
  });
  afterAll(() => t.close());

  const base = (orgId: string) => `/organizations/${orgId}/training`;
  const say = (actor: Actor, orgId: string, sessionId: string, text: string) =>
    client.request('POST', `${base(orgId)}/sessions/${sessionId}/messages`, { token: actor.token }, { body: { text } });

  describe('successful training', () => {
    let scenarioId: string;

    it('copies the starter set once, and managers create, edit, list and archive scenarios', async () => {
      expect(await client.expectOk(client.request('POST', `${base(a.id)}/scenarios/starter-set`, { token: a.manager.token }))).toEqual({ added: 3 });
      expect(await client.expectOk(client.request('POST', `${base(a.id)}/scenarios/starter-set`, { token: a.principal.token }))).toEqual({ added: 0 });
      const created = await client.expectOk(client.request('POST', `${base(a.id)}/scenarios`, { token: a.manager.token }, { body: scenarioBody() }), 201);
      expect(created).toMatchObject({
        title: 'Retiree buying a touring bike',
        max_turns: 3,
        created_by: a.manager.userId,
        archived_at: null,
        deal: scenarioBody().deal,
      });
      scenarioId = created.id;
      const edited = await client.expectOk(
        client.request('PATCH', `${base(a.id)}/scenarios/${scenarioId}`, { token: a.principal.token }, { body: { difficulty: 'hard' } }),
      );
      expect(edited).toMatchObject({ difficulty: 'hard', title: created.title });
      const list = await client.expectOk(client.request('GET', `${base(a.id)}/scenarios`, { token: a.manager2.token }));
      expect(list.meta.total).toBe(4);
      const extra = await client.expectOk(
        client.request('POST', `${base(a.id)}/scenarios`, { token: a.manager.token }, { body: scenarioBody({ title: 'To archive' }) }),
        201,
      );
      await client.expectOk(client.request('DELETE', `${base(a.id)}/scenarios/${extra.id}`, { token: a.manager.token }), 204);
      await client.expectOk(client.request('DELETE', `${base(a.id)}/scenarios/${extra.id}`, { token: a.manager.token }), 204);
      expect((await client.expectOk(client.request('GET', `${base(a.id)}/scenarios`, { token: a.manager.token }))).meta.total).toBe(4);
      await problemOf(client.request('POST', `${base(a.id)}/sessions`, { token: a.manager.token }, { body: { scenario_id: extra.id } }), 404, 'AI.NOT_FOUND');
    });

    it('plays a session with the scripted customer: streamed replies, limited turns, rubric score with a comment per criterion, stored transcript', async () => {
      const started = await client.expectOk(
        client.request('POST', `${base(a.id)}/sessions`, { token: a.manager.token }, { body: { scenario_id: scenarioId } }),
        201,
      );
      expect(started).toMatchObject({
        mode: 'scripted',
        status: 'active',
        max_turns: 3,
        turns_taken: 0,
        turns_left: 3,
        trainee_user_id: a.manager.userId,
        score: null,
      });
      expect(started.transcript).toEqual([{ seq: 1, speaker: 'customer', text: expect.stringContaining('BMW R 1300 RT'), at: expect.any(String) }]);

      const first = await say(a.manager, a.id, started.id, 'Congratulations! How long do you plan to keep the bike, and how many miles do you ride a year?');
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toMatch(/^text\/event-stream/);
      const events = parseEvents(first.body);
      expect(events.map((e) => e.event)).toEqual(['delta', 'done']);
      expect(events[1].data).toEqual({ reply: events[0].data.text, turns_left: 2, turns_taken: 1, mode: 'scripted' });
      expect(events[1].data.reply).toContain('I never buy extended warranties.');

      await say(
        a.manager,
        a.id,
        started.id,
        'That’s a fair question. The warranty is optional, not required; it costs $21 per month, covers the engine and electronics, and you can cancel any time for a refund.',
      );
      const last = parseEvents((await say(a.manager, a.id, started.id, 'Does that make sense?')).body);
      expect(last[1].data.turns_left).toBe(0);
      await problemOf(say(a.manager, a.id, started.id, 'One more thing'), 409, 'AI.TURN_LIMIT_REACHED');

      const finished = await client.expectOk(client.request('POST', `${base(a.id)}/sessions/${started.id}/finish`, { token: a.manager.token }));
      expect(finished.status).toBe('finished');
      expect(finished.score.scored_by).toBe('rules');
      expect(finished.score.criteria.map((c: Body) => c.criterion)).toEqual([
        'disclosure_and_compliance',
        'needs_discovery',
        'objection_handling',
        'no_pressure_tactics',
      ]);
      for (const c of finished.score.criteria) expect(c).toEqual({ criterion: expect.any(String), score: expect.any(Number), comment: expect.any(String) });
      expect(finished.score.total).toBeGreaterThan(50);
      expect(finished.transcript).toHaveLength(7);
      await problemOf(client.request('POST', `${base(a.id)}/sessions/${started.id}/finish`, { token: a.manager.token }), 409, 'AI.SESSION_FINISHED');
      await problemOf(say(a.manager, a.id, started.id, 'Hello?'), 409, 'AI.SESSION_FINISHED');

      const stored = await client.expectOk(client.request('GET', `${base(a.id)}/sessions/${started.id}`, { token: a.manager.token }));
      expect(stored).toEqual(finished);
    });

    it('each F&I manager sees their own sessions and progress; the principal sees the dealership’s', async () => {
      const other = await client.expectOk(
        client.request('POST', `${base(a.id)}/sessions`, { token: a.manager2.token }, { body: { scenario_id: scenarioId } }),
        201,
      );
      const mine = await client.expectOk(client.request('GET', `${base(a.id)}/sessions`, { token: a.manager.token }));
      expect(mine.data.every((s: Body) => s.trainee_user_id === a.manager.userId)).toBe(true);
      expect(mine.data[0]).toMatchObject({ status: 'finished', turns_taken: 3, total: expect.any(Number) });
      const peek = await client.expectOk(
        client.request('GET', `${base(a.id)}/sessions`, { token: a.manager.token }, { query: { trainee_user_id: a.manager2.userId } }),
      );
      expect(peek.data).toEqual([]);
      await problemOf(client.request('GET', `${base(a.id)}/sessions/${other.id}`, { token: a.manager.token }), 404, 'AI.NOT_FOUND');
      await problemOf(say(a.manager, a.id, other.id, 'Hi'), 404, 'AI.NOT_FOUND');

      const all = await client.expectOk(client.request('GET', `${base(a.id)}/sessions`, { token: a.principal.token }));
      expect(new Set(all.data.map((s: Body) => s.trainee_user_id))).toEqual(new Set([a.manager.userId, a.manager2.userId]));
      const one = await client.expectOk(
        client.request('GET', `${base(a.id)}/sessions`, { token: a.principal.token }, { query: { trainee_user_id: a.manager2.userId } }),
      );
      expect(one.data.map((s: Body) => s.id)).toEqual([other.id]);
      expect((await client.expectOk(client.request('GET', `${base(a.id)}/sessions/${other.id}`, { token: a.principal.token }))).id).toBe(other.id);
      await problemOf(say(a.principal, a.id, other.id, 'Hi'), 403, 'AI.FORBIDDEN');

      const own = await client.expectOk(client.request('GET', `${base(a.id)}/progress`, { token: a.manager.token }));
      expect(own.data).toEqual([
        expect.objectContaining({
          trainee_user_id: a.manager.userId,
          sessions: 1,
          finished: 1,
          best_total: expect.any(Number),
          average_by_criterion: expect.objectContaining({ needs_discovery: expect.any(Number) }),
        }),
      ]);
      const everyone = await client.expectOk(client.request('GET', `${base(a.id)}/progress`, { token: a.principal.token }));
      expect(everyone.data.map((p: Body) => p.trainee_user_id).sort()).toEqual([a.manager.userId, a.manager2.userId].sort());
    });
  });

  describe('failing training', () => {
    let scenarioA: string;
    let sessionA: string;
    beforeAll(async () => {
      scenarioA = (
        await client.expectOk(
          client.request('POST', `${base(a.id)}/scenarios`, { token: a.manager.token }, { body: scenarioBody({ title: 'Isolation' }) }),
          201,
        )
      ).id;
      sessionA = (
        await client.expectOk(client.request('POST', `${base(a.id)}/sessions`, { token: a.manager.token }, { body: { scenario_id: scenarioA } }), 201)
      ).id;
    });

    it('keeps dealerships apart: another dealership’s scenarios and sessions are 404 through its own path, and its path is 404 to non-members', async () => {
      await problemOf(client.request('GET', `${base(b.id)}/scenarios/${scenarioA}`, { token: b.manager.token }), 404, 'AI.NOT_FOUND');
      await problemOf(
        client.request('PATCH', `${base(b.id)}/scenarios/${scenarioA}`, { token: b.principal.token }, { body: { title: 'Stolen' } }),
        404,
        'AI.NOT_FOUND',
      );
      await problemOf(client.request('DELETE', `${base(b.id)}/scenarios/${scenarioA}`, { token: b.principal.token }), 404, 'AI.NOT_FOUND');
      await problemOf(client.request('POST', `${base(b.id)}/sessions`, { token: b.manager.token }, { body: { scenario_id: scenarioA } }), 404, 'AI.NOT_FOUND');
      await problemOf(client.request('GET', `${base(b.id)}/sessions/${sessionA}`, { token: b.principal.token }), 404, 'AI.NOT_FOUND');
      await problemOf(say(b.manager, b.id, sessionA, 'Hi'), 404, 'AI.NOT_FOUND');
      await problemOf(client.request('POST', `${base(b.id)}/sessions/${sessionA}/finish`, { token: b.principal.token }), 404, 'AI.NOT_FOUND');
      expect((await client.expectOk(client.request('GET', `${base(b.id)}/sessions`, { token: b.principal.token }))).data).toEqual([]);
      expect((await client.expectOk(client.request('GET', `${base(b.id)}/progress`, { token: b.principal.token }))).data).toEqual([]);
      await problemOf(client.request('GET', `${base(a.id)}/sessions/${sessionA}`, { token: b.principal.token }), 404);
      await problemOf(client.request('GET', `${base(a.id)}/scenarios`, { token: b.manager.token }), 404);
      const [{ title }] = await client.db.query(`SELECT title FROM ai_training_scenarios WHERE id = $1`, [scenarioA]);
      expect(title).toBe('Isolation');
    });

    it('refuses staff, customers and anonymous callers, and organizations that are not dealerships', async () => {
      await problemOf(client.request('GET', `${base(a.id)}/scenarios`, { token: a.staff.token }), 403);
      await problemOf(client.request('POST', `${base(a.id)}/sessions`, { token: a.staff.token }, { body: { scenario_id: scenarioA } }), 403);
      await problemOf(client.request('GET', `${base(a.id)}/scenarios`, { token: customer.token }), 404);
      await problemOf(client.request('GET', `${base(a.id)}/scenarios`), 401);
      await problemOf(client.request('GET', `${base(shop.id)}/scenarios`, { token: shop.principal.token }), 403, 'AI.NOT_A_DEALERSHIP');
      await problemOf(client.request('POST', `${base(shop.id)}/scenarios/starter-set`, { token: shop.principal.token }), 403, 'AI.NOT_A_DEALERSHIP');
    });

    it('refuses invalid scenarios and messages', async () => {
      await problemOf(client.request('POST', `${base(a.id)}/scenarios`, { token: a.manager.token }, { body: scenarioBody({ products: [] }) }), 400);
      await problemOf(client.request('POST', `${base(a.id)}/scenarios`, { token: a.manager.token }, { body: scenarioBody({ max_turns: 50 }) }), 400);
      await problemOf(
        client.request('POST', `${base(a.id)}/scenarios`, { token: a.manager.token }, { body: scenarioBody({ products: ['gap', 'gap'] }) }),
        400,
        'AI.VALIDATION_FAILED',
      );
      await problemOf(
        client.request(
          'POST',
          `${base(a.id)}/scenarios`,
          { token: a.manager.token },
          { body: scenarioBody({ deal: { ...scenarioBody().deal, monthly_payment_minor: 9_000_000 } }) },
        ),
        400,
        'AI.VALIDATION_FAILED',
      );
      await problemOf(say(a.manager, a.id, sessionA, ''), 400);
      await problemOf(say(a.manager, a.id, sessionA, 'x'.repeat(2001)), 400);
    });
  });
});
