import type { TestApp } from '../../support/test-app';

import { Actor, AiClient, aiApp, problemOf } from './ai-test-kit';

describe('AI onboarding and riding profile', () => {
  let t: TestApp;
  let client: AiClient;
  let rider: Actor;
  let other: Actor;
  let models: Array<{ id: string; name: string }>;

  const answers = () => ({
    experience: 'intermediate',
    riding_styles: ['touring', 'commuting', 'touring'],
    vehicle_model_ids: [models[0].id],
    goals: ['smoothness', 'economy'],
    budget_minor: 25000,
    currency: 'eur',
    risk_appetite: 'low',
  });

  beforeAll(async () => {
    t = await aiApp();
    client = new AiClient(t);
    [rider, other] = await Promise.all([client.signUp('rider'), client.signUp('other-rider')]);
    models = await client.vehicleModels(3);
    expect(models.length).toBe(3);
  });
  afterAll(() => t.close());

  describe('successful onboarding and edits', () => {
    it('creates the profile (201), normalized, with the vehicles named by the catalog; a second run replaces it (200)', async () => {
      const created = await client.expectOk(client.request('POST', '/ai/onboarding', { token: rider.token }, { body: answers() }), 201);
      expect(created).toEqual({
        user_id: rider.userId,
        experience: 'intermediate',
        riding_styles: ['touring', 'commuting'],
        vehicle_model_ids: [models[0].id],
        vehicles: [{ id: models[0].id, name: models[0].name, brand: expect.any(String), type: expect.any(String) }],
        goals: ['smoothness', 'economy'],
        budget_minor: 25000,
        currency: 'EUR',
        risk_appetite: 'low',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const replaced = await client.expectOk(
        client.request(
          'POST',
          '/ai/onboarding',
          { token: rider.token },
          { body: { ...answers(), riding_styles: ['track'], goals: ['power'], budget_minor: null, currency: null, risk_appetite: 'high' } },
        ),
        200,
      );
      expect(replaced).toMatchObject({
        riding_styles: ['track'],
        goals: ['power'],
        budget_minor: null,
        currency: null,
        risk_appetite: 'high',
        created_at: created.created_at,
      });
      expect(await client.expectOk(client.request('GET', '/ai/profile', { token: rider.token }))).toEqual(replaced);
    });

    it('edits some answers and keeps the others', async () => {
      const edited = await client.expectOk(
        client.request('PATCH', '/ai/profile', { token: rider.token }, { body: { vehicle_model_ids: [models[1].id, models[2].id], experience: 'expert' } }),
      );
      expect(edited).toMatchObject({ experience: 'expert', riding_styles: ['track'], vehicle_model_ids: [models[1].id, models[2].id], risk_appetite: 'high' });
      expect(edited.vehicles.map((v: { id: string }) => v.id)).toEqual([models[1].id, models[2].id]);
      const budget = await client.expectOk(client.request('PATCH', '/ai/profile', { token: rider.token }, { body: { budget_minor: 5000, currency: 'USD' } }));
      expect(budget).toMatchObject({ budget_minor: 5000, currency: 'USD', experience: 'expert' });
    });

    it('each person sees only their own profile', async () => {
      await problemOf(client.request('GET', '/ai/profile', { token: other.token }), 404, 'AI.PROFILE_MISSING');
      await client.expectOk(client.request('POST', '/ai/onboarding', { token: other.token }, { body: answers() }), 201);
      expect((await client.expectOk(client.request('GET', '/ai/profile', { token: other.token }))).user_id).toBe(other.userId);
      expect((await client.expectOk(client.request('GET', '/ai/profile', { token: rider.token }))).experience).toBe('expert');
    });
  });

  describe('failing onboarding and edits', () => {
    it('refuses anonymous callers', async () => {
      await problemOf(client.request('POST', '/ai/onboarding', undefined, { body: answers() }), 401);
      await problemOf(client.request('GET', '/ai/profile'), 401);
    });

    it('refuses unknown vehicle models, empty styles or goals, a budget without currency, unknown fields', async () => {
      const res = client.request(
        'POST',
        '/ai/onboarding',
        { token: rider.token },
        { body: { ...answers(), vehicle_model_ids: ['00000000-0000-4000-8000-000000000000'] } },
      );
      const problem = await problemOf(res, 400, 'AI.VALIDATION_FAILED');
      expect(Object.keys(problem.errors)).toEqual(['vehicle_model_ids']);
      await problemOf(client.request('POST', '/ai/onboarding', { token: rider.token }, { body: { ...answers(), riding_styles: [] } }), 400);
      await problemOf(client.request('POST', '/ai/onboarding', { token: rider.token }, { body: { ...answers(), goals: ['speedy'] } }), 400);
      await problemOf(
        client.request('POST', '/ai/onboarding', { token: rider.token }, { body: { ...answers(), currency: null } }),
        400,
        'AI.VALIDATION_FAILED',
      );
      await problemOf(client.request('POST', '/ai/onboarding', { token: rider.token }, { body: { ...answers(), is_admin: true } }), 400);
      await problemOf(client.request('PATCH', '/ai/profile', { token: rider.token }, { body: { experience: null } }), 400);
    });

    it('cannot edit a profile that does not exist', async () => {
      const newcomer = await client.signUp('newcomer');
      await problemOf(client.request('PATCH', '/ai/profile', { token: newcomer.token }, { body: { experience: 'beginner' } }), 404, 'AI.PROFILE_MISSING');
    });
  });
});
