import type { Queryable } from '../../../../platform/database/sql';
import type { Refund, RefundRepository } from '../../application/ports';

export interface RefundRow {
  id: string;
  org_id: string;
  order_id: string;
  buyer_user_id: string;
  amount_minor: string;
  currency: string;
  reason: string;
  status: Refund['status'];
  provider_ref: string | null;
  provider_key: string;
  requested_by: string | null;
  approved_by: string | null;
  method: Refund['method'];
  completed_by: string | null;
  decision_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export const toRefund = (r: RefundRow): Refund => ({
  id: r.id,
  orgId: r.org_id,
  orderId: r.order_id,
  buyerUserId: r.buyer_user_id,
  amountMinor: Number(r.amount_minor),
  currency: r.currency,
  reason: r.reason,
  status: r.status,
  providerRef: r.provider_ref,
  providerKey: r.provider_key,
  requestedBy: r.requested_by,
  approvedBy: r.approved_by,
  method: r.method,
  completedBy: r.completed_by,
  decisionReason: r.decision_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class SqlRefundRepository implements RefundRepository {
  constructor(private readonly db: Queryable) {}

  async insert(r: Refund): Promise<void> {
    await this.db.query(
      `INSERT INTO commerce_refunds (id, org_id, order_id, buyer_user_id, amount_minor, currency, reason, status, provider_ref, provider_key,
         requested_by, approved_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        r.id,
        r.orgId,
        r.orderId,
        r.buyerUserId,
        r.amountMinor,
        r.currency,
        r.reason,
        r.status,
        r.providerRef,
        r.providerKey,
        r.requestedBy,
        r.approvedBy,
        r.createdAt,
        r.updatedAt,
      ],
    );
  }

  async save(r: Refund): Promise<void> {
    await this.db.query(
      `UPDATE commerce_refunds SET status = $2, provider_ref = $3, approved_by = $4, updated_at = $5, method = coalesce($6, method),
         completed_by = coalesce($7, completed_by), decision_reason = $8 WHERE id = $1`,
      [r.id, r.status, r.providerRef, r.approvedBy, r.updatedAt, r.method ?? null, r.completedBy ?? null, r.decisionReason ?? null],
    );
  }

  async findById(id: string): Promise<Refund | undefined> {
    const rows: RefundRow[] = await this.db.query(`SELECT * FROM commerce_refunds WHERE id = $1`, [id]);
    return rows[0] && toRefund(rows[0]);
  }

  async lock(id: string): Promise<Refund | undefined> {
    const rows: RefundRow[] = await this.db.query(`SELECT * FROM commerce_refunds WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] && toRefund(rows[0]);
  }

  async openAmount(orderId: string): Promise<number> {
    const rows: Array<{ total: string }> = await this.db.query(
      `SELECT coalesce(sum(amount_minor), 0) AS total FROM commerce_refunds WHERE order_id = $1 AND status IN ('requested', 'approved')`,
      [orderId],
    );
    return Number(rows[0].total);
  }
}
