import { ExpireOrdersUseCase } from '../../../src/modules/commerce/application/use-cases/change-order-status.use-case';
import { buildWorld, World } from '../organizations/organizations-test-kit';
import { Body, closeCommerce, commerceApp, CommerceWorld } from './commerce-test-kit';

/**
 * Discount codes over HTTP: managers of the seller manage them, buyers
 * validate a code against a cart (nothing reserved), checkout applies it
 * server-side and reserves a use, cancelled or expired orders give it back,
 * and limits hold under concurrency.
 */
describe('discount codes', () => {
  let w: CommerceWorld;
  let world: World;

  beforeAll(async () => {
    w = await commerceApp();
    world = await buildWorld(w.c);
  }, 120_000);
  afterAll(() => closeCommerce(w));

  const buyer = () => ({ token: world.customer.token });
  const managerA = () => ({ token: world.orgA.manager.token });
  let seq = 0;
  const uniqueCode = (prefix = 'CODE') => `${prefix}${Date.now().toString(36)}${(seq += 1)}`;

  async function createCode(body: Record<string, unknown>, orgId = world.orgA.id, caller = managerA()): Promise<Body> {
    return w.c.expectOk(w.c.request('POST', `/organizations/${orgId}/discounts`, caller, { body: { code: uniqueCode(), ...body } }), 201);
  }

  function checkout(items: Array<{ listing_id: string; quantity: number }>, code?: string, caller: { token: string } = buyer()) {
    return w.c.request('POST', '/orders', caller, { body: { items, payment_method: 'card', ...(code ? { discount_code: code } : {}) } });
  }

  function validate(code: string, items: Array<{ listing_id: string; quantity: number }>, caller: { token: string } = buyer()) {
    return w.c.expectOk(w.c.request('POST', '/discounts/validate', caller, { body: { code, items } }));
  }

  async function uses(orgId: string, id: string): Promise<number> {
    return (await w.c.expectOk(w.c.request('GET', `/organizations/${orgId}/discounts/${id}`, managerA()))).uses_count;
  }

  describe('successful', () => {
    it('a manager creates, lists, updates and deactivates a code', async () => {
      const created = await createCode({ type: 'percentage', percent_bps: 1000, max_uses: 3 });
      expect(created).toMatchObject({ org_id: world.orgA.id, type: 'percentage', percent_bps: 1000, uses_count: 0, scope: 'organization', active: true });
      const page = await w.c.expectOk(w.c.request('GET', `/organizations/${world.orgA.id}/discounts`, managerA(), { query: { limit: '100' } }));
      expect(page.data.map((d: Body) => d.id)).toContain(created.id);
      expect(page.meta).toMatchObject({ page: 1, limit: 100 });
      const updated = await w.c.expectOk(
        w.c.request('PATCH', `/organizations/${world.orgA.id}/discounts/${created.id}`, managerA(), {
          body: { type: 'fixed', amount_minor: 500, currency: 'EUR', max_uses: null },
        }),
      );
      expect(updated).toMatchObject({ type: 'fixed', amount_minor: 500, percent_bps: null, currency: 'EUR', max_uses: null });
      const off = await w.c.expectOk(w.c.request('POST', `/organizations/${world.orgA.id}/discounts/${created.id}/deactivate`, managerA()));
      expect(off.active).toBe(false);
    });

    it('validate prices the cart per seller, ignores the code’s case, reserves nothing', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 1999, 50);
      const other = w.catalog.add(world.orgB.id, 'part', 1000, 50);
      const code = await createCode({ type: 'percentage', percent_bps: 1500, max_uses: 1 });
      const result = await validate(code.code.toLowerCase(), [
        { listing_id: part.id, quantity: 3 },
        { listing_id: other.id, quantity: 1 },
      ]);
      // 15 % of 5 997 = 899.55, rounded down to 899.
      expect(result).toMatchObject({ valid: true, reason: null, discount_minor: 899 });
      const bySeller = Object.fromEntries(result.quotes.map((q: Body) => [q.seller_org_id, q]));
      expect(bySeller[world.orgA.id]).toMatchObject({ applies: true, subtotal_minor: 5997, discount_minor: 899, total_minor: 5098 });
      expect(bySeller[world.orgB.id]).toMatchObject({ applies: false, reason: 'not_found', discount_minor: 0 });
      await validate(code.code, [{ listing_id: part.id, quantity: 1 }]);
      expect(await uses(world.orgA.id, code.id)).toBe(0);
    });

    it('checkout applies the code server-side to the seller’s order and reserves a use; cancelling gives it back', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 1000, 50);
      const code = await createCode({ type: 'fixed', amount_minor: 300, currency: 'EUR', max_uses: 1 });
      const body = await w.c.expectOk(checkout([{ listing_id: part.id, quantity: 2 }], code.code.toLowerCase()), 201);
      const [order] = body.orders;
      expect(order).toMatchObject({ subtotal_minor: 2000, discount_minor: 300, total_minor: 1700, discount_code: code.code });
      expect(order.payments[0].amount_minor).toBe(1700);
      expect(w.stripe.intents.get(order.payments[0].provider_ref)).toMatchObject({ amount: 1700 });
      expect(await uses(world.orgA.id, code.id)).toBe(1);
      const refused = await checkout([{ listing_id: part.id, quantity: 1 }], code.code);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'COMMERCE.DISCOUNT_NOT_APPLICABLE', reason: 'used_up' });
      await w.c.expectOk(w.c.request('POST', `/orders/${order.id}/cancel`, buyer()));
      expect(await uses(world.orgA.id, code.id)).toBe(0);
      await w.c.expectOk(checkout([{ listing_id: part.id, quantity: 1 }], code.code), 201);
    });

    it('an expired order gives its use back', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 1000, 50);
      const code = await createCode({ type: 'percentage', percent_bps: 5000, max_uses: 1 });
      const [order] = (await w.c.expectOk(checkout([{ listing_id: part.id, quantity: 1 }], code.code), 201)).orders;
      expect(order.total_minor).toBe(500);
      expect(await uses(world.orgA.id, code.id)).toBe(1);
      await w.t.app.get(ExpireOrdersUseCase).execute({ requestId: 'test', roles: [] }, new Date(Date.now() + 24 * 3_600_000));
      expect(await uses(world.orgA.id, code.id)).toBe(0);
    });

    it('a scoped code takes off only the covered lines; a fixed amount never takes the total below zero', async () => {
      const covered = w.catalog.add(world.orgA.id, 'part', 400, 50);
      const vehicle = w.catalog.add(world.orgA.id, 'vehicle', 10_000, 5);
      const code = await createCode({ type: 'fixed', amount_minor: 5000, currency: 'EUR', scope: 'listings', listing_ids: [covered.id] });
      const [order] = (
        await w.c.expectOk(
          checkout(
            [
              { listing_id: covered.id, quantity: 1 },
              { listing_id: vehicle.id, quantity: 1 },
            ],
            code.code,
          ),
          201,
        )
      ).orders;
      expect(order).toMatchObject({ subtotal_minor: 10_400, discount_minor: 400, total_minor: 10_000 });
      const lines = Object.fromEntries(order.lines.map((l: Body) => [l.listing_id, l.discount_minor]));
      expect(lines).toEqual({ [covered.id]: 400, [vehicle.id]: 0 });
      const kinds = await createCode({ type: 'percentage', percent_bps: 10_000, scope: 'kinds', kinds: ['tune'] });
      const tune = w.catalog.add(world.orgA.id, 'tune', 2500);
      const [free] = (await w.c.expectOk(checkout([{ listing_id: tune.id, quantity: 1 }], kinds.code), 201)).orders;
      expect(free).toMatchObject({ total_minor: 0, discount_minor: 2500 });
    });

    it('limit 5, 30 parallel orders: exactly 5 discounted', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 1000, 1000);
      const code = await createCode({ type: 'percentage', percent_bps: 2000, max_uses: 5 });
      const responses = await Promise.all(Array.from({ length: 30 }, () => checkout([{ listing_id: part.id, quantity: 1 }], code.code)));
      const statuses = responses.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 201)).toHaveLength(5);
      expect(statuses.filter((s) => s === 422)).toHaveLength(25);
      for (const r of responses.filter((x) => x.statusCode === 422)) expect(r.json().reason).toBe('used_up');
      expect(await uses(world.orgA.id, code.id)).toBe(5);
      const [row] = await w.db.query(`SELECT count(*) AS n FROM commerce_orders WHERE discount_code = $1`, [code.code]);
      expect(Number(row.n)).toBe(5);
    });

    it('the per-customer limit holds under concurrency and counts only this customer', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 1000, 1000);
      const code = await createCode({ type: 'percentage', percent_bps: 1000, max_uses_per_customer: 2 });
      const responses = await Promise.all(Array.from({ length: 10 }, () => checkout([{ listing_id: part.id, quantity: 1 }], code.code)));
      expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(2);
      expect(responses.find((r) => r.statusCode === 422)?.json().reason).toBe('customer_limit_reached');
      const other = await w.c.signUp('other-buyer');
      await w.c.expectOk(checkout([{ listing_id: part.id, quantity: 1 }], code.code, { token: other.token }), 201);
    });
  });

  describe('failing', () => {
    it('validate explains why a code does not apply', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 1000, 50);
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ type: 'percentage', percent_bps: 1000, min_order_minor: 5000, currency: 'EUR' }, 'minimum_not_met'],
        [{ type: 'percentage', percent_bps: 1000, starts_at: new Date(Date.now() + 3_600_000).toISOString() }, 'not_started'],
        [{ type: 'percentage', percent_bps: 1000, ends_at: new Date(Date.now() - 1000).toISOString(), starts_at: new Date(0).toISOString() }, 'expired'],
        [{ type: 'fixed', amount_minor: 100, currency: 'USD' }, 'currency_mismatch'],
        [{ type: 'percentage', percent_bps: 1000, scope: 'kinds', kinds: ['vehicle'] }, 'no_eligible_items'],
        [{ type: 'percentage', percent_bps: 1000, active: false }, 'inactive'],
      ];
      for (const [fields, reason] of cases) {
        const code = await createCode(fields);
        const result = await validate(code.code, [{ listing_id: part.id, quantity: 1 }]);
        expect(result).toMatchObject({ valid: false, reason, discount_minor: 0 });
        expect(typeof result.message).toBe('string');
        const refused = await checkout([{ listing_id: part.id, quantity: 1 }], code.code);
        expect(refused.statusCode).toBe(422);
        expect(refused.json()).toMatchObject({ code: 'COMMERCE.DISCOUNT_NOT_APPLICABLE', reason });
      }
      expect(await validate('NOSUCHCODE', [{ listing_id: part.id, quantity: 1 }])).toMatchObject({ valid: false, reason: 'not_found' });
    });

    it('another seller’s code does not apply to this seller’s listings', async () => {
      const partA = w.catalog.add(world.orgA.id, 'part', 1000, 50);
      const codeB = await createCode({ type: 'percentage', percent_bps: 1000 }, world.orgB.id, { token: world.orgB.principal.token });
      expect(await validate(codeB.code, [{ listing_id: partA.id, quantity: 1 }])).toMatchObject({ valid: false, reason: 'not_found' });
      const refused = await checkout([{ listing_id: partA.id, quantity: 1 }], codeB.code);
      expect(refused.json()).toMatchObject({ code: 'COMMERCE.DISCOUNT_NOT_APPLICABLE', reason: 'not_found' });
    });

    it('codes are unique per organization ignoring case; invalid definitions are refused', async () => {
      const code = await createCode({ type: 'percentage', percent_bps: 1000 });
      const dup = await w.c.request('POST', `/organizations/${world.orgA.id}/discounts`, managerA(), {
        body: { code: code.code.toLowerCase(), type: 'percentage', percent_bps: 10 },
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().code).toBe('COMMERCE.DISCOUNT_CODE_TAKEN');
      for (const body of [
        { code: 'FIXEDNOCUR', type: 'fixed', amount_minor: 100 },
        { code: 'NOPCT', type: 'percentage' },
        { code: 'BADWINDOW', type: 'percentage', percent_bps: 10, starts_at: '2030-01-02T00:00:00Z', ends_at: '2030-01-01T00:00:00Z' },
        { code: 'NOLIST', type: 'percentage', percent_bps: 10, scope: 'listings' },
        { code: 'x', type: 'percentage', percent_bps: 10 },
        { code: 'OVER', type: 'percentage', percent_bps: 10_001 },
        { code: 'NEG', type: 'fixed', amount_minor: -5, currency: 'EUR' },
      ]) {
        const res = await w.c.request('POST', `/organizations/${world.orgA.id}/discounts`, managerA(), { body });
        expect([res.statusCode, body.code]).toEqual([400, body.code]);
      }
    });

    it('staff, customers and the other organization cannot manage the codes', async () => {
      const code = await createCode({ type: 'percentage', percent_bps: 1000 });
      const staff = await w.c.request('GET', `/organizations/${world.orgA.id}/discounts`, { token: world.orgA.staff.token });
      expect(staff.statusCode).toBe(403);
      const customer = await w.c.request('POST', `/organizations/${world.orgA.id}/discounts`, buyer(), {
        body: { code: 'HACK1', type: 'percentage', percent_bps: 10 },
      });
      expect(customer.statusCode).toBe(404);
      const otherOrg = await w.c.request('GET', `/organizations/${world.orgB.id}/discounts/${code.id}`, { token: world.orgB.principal.token });
      expect(otherOrg.statusCode).toBe(404);
      const otherOrgPatch = await w.c.request('POST', `/organizations/${world.orgB.id}/discounts/${code.id}/deactivate`, { token: world.orgB.principal.token });
      expect(otherOrgPatch.statusCode).toBe(404);
      const anonymous = await w.c.request('POST', '/discounts/validate', undefined, { body: { code: 'X', items: [] } });
      expect(anonymous.statusCode).toBe(401);
    });
  });
});
