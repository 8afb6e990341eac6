import type { Page, PageRequest } from '../../../../platform/kernel';
import { Queryable, SqlParams, selectPage, uniqueAs } from '../../../../platform/database/sql';
import { CommerceErrors, codeKey, Discount, DiscountProps, ListingKind } from '../../domain';
import type { DiscountRepository } from '../../application/ports';

export interface DiscountRow {
  id: string;
  org_id: string;
  code: string;
  description: string | null;
  type: 'percentage' | 'fixed';
  percent_bps: number | null;
  amount_minor: string | null;
  currency: string | null;
  min_order_minor: string;
  starts_at: Date | null;
  ends_at: Date | null;
  max_uses: number | null;
  max_uses_per_customer: number | null;
  uses_count: number;
  scope: 'organization' | 'listings' | 'kinds';
  listing_ids: string[];
  kinds: ListingKind[];
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

export function toDiscount(r: DiscountRow): Discount {
  const props: DiscountProps = {
    id: r.id,
    orgId: r.org_id,
    code: r.code,
    description: r.description,
    value: r.type === 'percentage' ? { type: 'percentage', percentBps: Number(r.percent_bps) } : { type: 'fixed', amountMinor: Number(r.amount_minor) },
    currency: r.currency,
    minOrderMinor: Number(r.min_order_minor),
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    maxUses: r.max_uses,
    maxUsesPerCustomer: r.max_uses_per_customer,
    usesCount: r.uses_count,
    scope:
      r.scope === 'listings'
        ? { type: 'listings', listingIds: r.listing_ids }
        : r.scope === 'kinds'
          ? { type: 'kinds', kinds: r.kinds }
          : { type: 'organization' },
    active: r.active,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  return Discount.restore(props);
}

function columns(d: Discount): unknown[] {
  const p = d.snapshot();
  return [
    p.id,
    p.orgId,
    p.code,
    codeKey(p.code),
    p.description,
    p.value.type,
    p.value.type === 'percentage' ? p.value.percentBps : null,
    p.value.type === 'fixed' ? p.value.amountMinor : null,
    p.currency,
    p.minOrderMinor,
    p.startsAt,
    p.endsAt,
    p.maxUses,
    p.maxUsesPerCustomer,
    p.scope.type,
    p.scope.type === 'listings' ? p.scope.listingIds : [],
    p.scope.type === 'kinds' ? p.scope.kinds : [],
    p.active,
    p.createdAt,
    p.updatedAt,
  ];
}

export class SqlDiscountRepository implements DiscountRepository {
  constructor(private readonly db: Queryable) {}

  async insert(d: Discount): Promise<void> {
    await uniqueAs(
      () =>
        this.db.query(
          `INSERT INTO commerce_discounts (id, org_id, code, code_key, description, type, percent_bps, amount_minor, currency, min_order_minor,
             starts_at, ends_at, max_uses, max_uses_per_customer, scope, listing_ids, kinds, active, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
          columns(d),
        ),
      'commerce_discounts_code_idx',
      CommerceErrors.discountCodeTaken,
    );
  }

  async save(d: Discount): Promise<void> {
    await uniqueAs(
      () =>
        this.db.query(
          `UPDATE commerce_discounts SET code = $3, code_key = $4, description = $5, type = $6, percent_bps = $7, amount_minor = $8, currency = $9,
             min_order_minor = $10, starts_at = $11, ends_at = $12, max_uses = $13, max_uses_per_customer = $14, scope = $15, listing_ids = $16,
             kinds = $17, active = $18, updated_at = $20
           WHERE id = $1 AND org_id = $2 AND $19::timestamptz IS NOT NULL`,
          columns(d),
        ),
      'commerce_discounts_code_idx',
      CommerceErrors.discountCodeTaken,
    );
  }

  async find(orgId: string, id: string): Promise<Discount | undefined> {
    const rows: DiscountRow[] = await this.db.query(`SELECT * FROM commerce_discounts WHERE org_id = $1 AND id = $2`, [orgId, id]);
    return rows[0] && toDiscount(rows[0]);
  }

  async lock(orgId: string, id: string): Promise<Discount | undefined> {
    const rows: DiscountRow[] = await this.db.query(`SELECT * FROM commerce_discounts WHERE org_id = $1 AND id = $2 FOR UPDATE`, [orgId, id]);
    return rows[0] && toDiscount(rows[0]);
  }

  list(orgId: string, filter: { active?: boolean }, page: PageRequest): Promise<Page<Discount>> {
    const params = new SqlParams();
    const where = [`org_id = ${params.bind(orgId)}`];
    if (filter.active !== undefined) where.push(`active = ${params.bind(filter.active)}`);
    const condition = where.join(' AND ');
    return selectPage<DiscountRow, Discount>(
      this.db,
      (limit, offset) =>
        `SELECT *, count(*) OVER () AS total FROM commerce_discounts WHERE ${condition} ORDER BY created_at DESC, id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM commerce_discounts WHERE ${condition}`,
      params,
      page,
      toDiscount,
    );
  }

  async findByCode(orgIds: string[], key: string): Promise<Discount[]> {
    if (orgIds.length === 0) return [];
    const rows: DiscountRow[] = await this.db.query(`SELECT * FROM commerce_discounts WHERE org_id = ANY($1::uuid[]) AND code_key = $2`, [orgIds, key]);
    return rows.map(toDiscount);
  }

  async lockByCode(orgId: string, key: string): Promise<Discount | undefined> {
    const rows: DiscountRow[] = await this.db.query(`SELECT * FROM commerce_discounts WHERE org_id = $1 AND code_key = $2 FOR UPDATE`, [orgId, key]);
    return rows[0] && toDiscount(rows[0]);
  }

  async customerUses(discountId: string, buyerUserId: string): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT count(*) AS n FROM commerce_discount_redemptions WHERE discount_id = $1 AND buyer_user_id = $2 AND status = 'active'`,
      [discountId, buyerUserId],
    )) as Array<{ n: string }>;
    return Number(row.n);
  }

  async redeem(input: { orderId: string; orgId: string; discountId: string; buyerUserId: string; amountMinor: number; now: Date }): Promise<void> {
    await this.db.query(
      `WITH redemption AS (
         INSERT INTO commerce_discount_redemptions (order_id, org_id, discount_id, buyer_user_id, amount_minor, status, created_at)
         VALUES ($1, $2, $3, $4, $5, 'active', $6) RETURNING discount_id)
       UPDATE commerce_discounts SET uses_count = uses_count + 1 WHERE id = (SELECT discount_id FROM redemption) AND org_id = $2`,
      [input.orderId, input.orgId, input.discountId, input.buyerUserId, input.amountMinor, input.now],
    );
  }

  async releaseForOrder(orderId: string, now: Date): Promise<boolean> {
    const rows: Array<{ discount_id: string }> = await this.db.query(
      `WITH released AS (
         UPDATE commerce_discount_redemptions SET status = 'released', released_at = $2 WHERE order_id = $1 AND status = 'active'
         RETURNING discount_id, org_id)
       UPDATE commerce_discounts d SET uses_count = d.uses_count - 1 FROM released r WHERE d.id = r.discount_id AND d.org_id = r.org_id
       RETURNING d.id AS discount_id`,
      [orderId, now],
    );
    return rows.length > 0;
  }
}
