import type { Queryable } from '../../../../platform/database/sql';
import type { Payment, PaymentRepository, SellerSettings, SellerSettingsRepository } from '../../application/ports';

export interface PaymentRow {
  id: string;
  org_id: string;
  order_id: string;
  buyer_user_id: string;
  attempt: number;
  method: Payment['method'];
  status: Payment['status'];
  amount_minor: string;
  currency: string;
  provider_ref: string | null;
  provider_payment_id: string | null;
  provider_charge_id: string | null;
  return_ref: string | null;
  client_secret: string | null;
  provider_key: string;
  failure_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    orgId: row.org_id,
    orderId: row.order_id,
    buyerUserId: row.buyer_user_id,
    attempt: row.attempt,
    method: row.method,
    status: row.status,
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    providerRef: row.provider_ref,
    providerPaymentId: row.provider_payment_id,
    providerChargeId: row.provider_charge_id,
    returnRef: row.return_ref,
    clientSecret: row.client_secret,
    providerKey: row.provider_key,
    failureReason: row.failure_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SqlPaymentRepository implements PaymentRepository {
  constructor(private readonly db: Queryable) {}

  async insert(p: Payment): Promise<void> {
    await this.db.query(
      `INSERT INTO commerce_payments (id, org_id, order_id, buyer_user_id, attempt, method, status, amount_minor, currency, provider_ref,
         client_secret, provider_key, failure_reason, created_at, updated_at, provider_payment_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        p.id,
        p.orgId,
        p.orderId,
        p.buyerUserId,
        p.attempt,
        p.method,
        p.status,
        p.amountMinor,
        p.currency,
        p.providerRef,
        p.clientSecret,
        p.providerKey,
        p.failureReason,
        p.createdAt,
        p.updatedAt,
        p.providerPaymentId ?? null,
      ],
    );
  }

  async save(p: Payment): Promise<void> {
    // provider_payment_id and provider_charge_id are kept once known (a Payment built without them leaves them as they are).
    await this.db.query(
      `UPDATE commerce_payments SET status = $2, provider_ref = $3, client_secret = $4, failure_reason = $5, updated_at = $6,
         provider_payment_id = coalesce($7, provider_payment_id), return_ref = coalesce($8, return_ref),
         provider_charge_id = coalesce($9, provider_charge_id) WHERE id = $1`,
      [
        p.id,
        p.status,
        p.providerRef,
        p.clientSecret,
        p.failureReason,
        p.updatedAt,
        p.providerPaymentId ?? null,
        p.returnRef ?? null,
        p.providerChargeId ?? null,
      ],
    );
  }

  async findById(id: string): Promise<Payment | undefined> {
    const rows: PaymentRow[] = await this.db.query(`SELECT * FROM commerce_payments WHERE id = $1`, [id]);
    return rows[0] && toPayment(rows[0]);
  }

  async lock(id: string): Promise<Payment | undefined> {
    const rows: PaymentRow[] = await this.db.query(`SELECT * FROM commerce_payments WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] && toPayment(rows[0]);
  }

  async lockByProviderRef(ref: string): Promise<Payment | undefined> {
    const rows: PaymentRow[] = await this.db.query(`SELECT * FROM commerce_payments WHERE provider_ref = $1 FOR UPDATE`, [ref]);
    return rows[0] && toPayment(rows[0]);
  }

  async latestForOrder(orderId: string): Promise<Payment | undefined> {
    const rows: PaymentRow[] = await this.db.query(`SELECT * FROM commerce_payments WHERE order_id = $1 ORDER BY attempt DESC LIMIT 1`, [orderId]);
    return rows[0] && toPayment(rows[0]);
  }

  async listForOrder(orderId: string): Promise<Payment[]> {
    const rows: PaymentRow[] = await this.db.query(`SELECT * FROM commerce_payments WHERE order_id = $1 ORDER BY attempt`, [orderId]);
    return rows.map(toPayment);
  }
}

export class SqlSellerSettingsRepository implements SellerSettingsRepository {
  constructor(private readonly db: Queryable) {}

  async find(orgId: string): Promise<SellerSettings | undefined> {
    return (await this.findMany([orgId])).get(orgId);
  }

  async findMany(orgIds: string[]): Promise<Map<string, SellerSettings>> {
    const rows: Array<{ org_id: string; commission_bps: number | null; stripe_account_id: string | null; payouts_enabled: boolean }> = await this.db.query(
      `SELECT org_id, commission_bps, stripe_account_id, payouts_enabled FROM commerce_seller_settings WHERE org_id = ANY($1::uuid[])`,
      [orgIds],
    );
    return new Map(
      rows.map((row) => [
        row.org_id,
        { orgId: row.org_id, commissionBps: row.commission_bps, stripeAccountId: row.stripe_account_id, payoutsEnabled: row.payouts_enabled },
      ]),
    );
  }

  async upsert(s: SellerSettings): Promise<void> {
    await this.db.query(
      `INSERT INTO commerce_seller_settings (org_id, commission_bps, stripe_account_id, payouts_enabled, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (org_id) DO UPDATE SET commission_bps = $2, stripe_account_id = $3, payouts_enabled = $4, updated_at = now()`,
      [s.orgId, s.commissionBps, s.stripeAccountId, s.payoutsEnabled],
    );
  }
}
