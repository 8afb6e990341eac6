import type { EntityManager } from 'typeorm';
import type { Page, PageRequest } from '../../../../platform/kernel';
import { Queryable, SqlParams, selectPage } from '../../../../platform/database/sql';
import { ACCOUNT_KINDS, Payout, PayoutLine, PayoutStatus, PayoutTransfer, PayoutTransferStatus } from '../../domain';
import type { PayoutRepositories, PayoutRepository } from '../../application/ports';
import { SqlLedger } from './ledger.repository';
import { SqlSellerSettingsRepository } from './payment.repository';

export interface PayoutRow {
  id: string;
  org_id: string;
  currency: string;
  period: string;
  amount_minor: string;
  status: PayoutStatus;
  attempt: number;
  destination: string;
  transfer_id: string | null;
  failure_reason: string | null;
  created_at: Date;
  updated_at: Date;
  paid_at: Date | null;
}

interface LineRow {
  posting_id: string;
  entry_kind: string;
  reference: string;
  order_id: string | null;
  amount_minor: string;
  occurred_at: Date;
}

interface TransferRow {
  id: string;
  payout_id: string;
  org_id: string;
  order_id: string | null;
  amount_minor: string;
  position: number;
  transfer_group: string;
  source_transaction: string | null;
  status: PayoutTransferStatus;
  attempt: number;
  idempotency_key: string;
  transfer_id: string | null;
  failure_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const TRANSFER_COLUMNS =
  'id, payout_id, org_id, order_id, amount_minor, position, transfer_group, source_transaction, status, attempt, idempotency_key, transfer_id, failure_reason, created_at, updated_at';

const toTransfer = (row: TransferRow): PayoutTransfer =>
  PayoutTransfer.restore({
    id: row.id,
    payoutId: row.payout_id,
    orgId: row.org_id,
    orderId: row.order_id,
    amountMinor: Number(row.amount_minor),
    position: row.position,
    transferGroup: row.transfer_group,
    sourceTransaction: row.source_transaction,
    status: row.status,
    attempt: row.attempt,
    idempotencyKey: row.idempotency_key,
    transferId: row.transfer_id,
    failureReason: row.failure_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

export const PAYOUT_COLUMNS =
  'id, org_id, currency, period, amount_minor, status, attempt, destination, transfer_id, failure_reason, created_at, updated_at, paid_at';

export const toPayout = (row: PayoutRow): Payout =>
  Payout.restore({
    id: row.id,
    orgId: row.org_id,
    currency: row.currency,
    period: row.period,
    amountMinor: Number(row.amount_minor),
    status: row.status,
    attempt: row.attempt,
    destination: row.destination,
    transferId: row.transfer_id,
    failureReason: row.failure_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    paidAt: row.paid_at,
  });

const toLine = (row: LineRow): PayoutLine => ({
  postingId: row.posting_id,
  entryKind: row.entry_kind,
  reference: row.reference,
  orderId: row.order_id,
  amountMinor: Number(row.amount_minor),
  occurredAt: row.occurred_at,
});

/** Postings that pay out are not statement lines: only sales, refunds and other movements of the seller's balance. */
const NOT_A_PAYOUT = `e.kind NOT LIKE 'payout.%'`;

export class SqlPayoutRepository implements PayoutRepository {
  constructor(private readonly db: Queryable) {}

  async candidates(until: Date): Promise<Array<{ orgId: string; currency: string }>> {
    const rows: Array<{ owner_id: string; currency: string }> = await this.db.query(
      `SELECT DISTINCT a.owner_id, a.currency
       FROM ledger_accounts a
       JOIN ledger_postings p ON p.account_id = a.id
       JOIN ledger_entries e ON e.id = p.entry_id
       WHERE a.kind = $1 AND p.occurred_at < $2 AND ${NOT_A_PAYOUT}
         AND NOT EXISTS (SELECT 1 FROM commerce_payout_lines l WHERE l.posting_id = p.id)
       ORDER BY a.owner_id, a.currency`,
      [ACCOUNT_KINDS.sellerPayable, until],
    );
    return rows.map((row) => ({ orgId: row.owner_id, currency: row.currency }));
  }

  async lockPayable(orgId: string, currency: string): Promise<void> {
    await this.db.query(`SELECT 1 FROM ledger_accounts WHERE kind = $1 AND owner_id = $2 AND currency = $3 FOR UPDATE`, [
      ACCOUNT_KINDS.sellerPayable,
      orgId,
      currency,
    ]);
  }

  async unpaidLines(orgId: string, currency: string, until: Date): Promise<PayoutLine[]> {
    const rows: LineRow[] = await this.db.query(
      `SELECT p.id AS posting_id, e.kind AS entry_kind, e.reference, p.amount_minor, p.occurred_at,
              CASE WHEN e.kind = 'order.paid' THEN e.reference::uuid ELSE r.order_id END AS order_id
       FROM ledger_accounts a
       JOIN ledger_postings p ON p.account_id = a.id
       JOIN ledger_entries e ON e.id = p.entry_id
       LEFT JOIN commerce_refunds r ON e.kind = 'refund.completed' AND r.id::text = e.reference
       WHERE a.kind = $1 AND a.owner_id = $2 AND a.currency = $3 AND p.occurred_at < $4 AND ${NOT_A_PAYOUT}
         AND NOT EXISTS (SELECT 1 FROM commerce_payout_lines l WHERE l.posting_id = p.id)
       ORDER BY p.occurred_at, p.id`,
      [ACCOUNT_KINDS.sellerPayable, orgId, currency, until],
    );
    return rows.map(toLine);
  }

  async cardCharges(orgId: string, orderIds: readonly string[]): Promise<Map<string, string>> {
    if (orderIds.length === 0) return new Map();
    const rows: Array<{ order_id: string; provider_charge_id: string }> = await this.db.query(
      `SELECT order_id, provider_charge_id FROM commerce_payments
       WHERE org_id = $1 AND order_id = ANY($2::uuid[]) AND method = 'card' AND status = 'succeeded' AND provider_charge_id IS NOT NULL`,
      [orgId, orderIds],
    );
    return new Map(rows.map((row) => [row.order_id, row.provider_charge_id]));
  }

  async insert(payout: Payout, lines: readonly PayoutLine[], transfers: readonly PayoutTransfer[]): Promise<boolean> {
    const p = payout.snapshot();
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO commerce_payouts (${PAYOUT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (org_id, currency, period) DO NOTHING RETURNING 1`,
      [
        p.id,
        p.orgId,
        p.currency,
        p.period,
        p.amountMinor,
        p.status,
        p.attempt,
        p.destination,
        p.transferId,
        p.failureReason,
        p.createdAt,
        p.updatedAt,
        p.paidAt,
      ],
    );
    if (inserted.length === 0) return false;
    if (lines.length > 0) {
      await this.db.query(
        `INSERT INTO commerce_payout_lines (payout_id, org_id, posting_id, entry_kind, reference, order_id, amount_minor, occurred_at)
         SELECT $1, $2, l.posting_id, l.entry_kind, l.reference, l.order_id, l.amount_minor, l.occurred_at
         FROM unnest($3::bigint[], $4::text[], $5::text[], $6::uuid[], $7::bigint[], $8::timestamptz[])
           AS l(posting_id, entry_kind, reference, order_id, amount_minor, occurred_at)`,
        [
          p.id,
          p.orgId,
          lines.map((l) => l.postingId),
          lines.map((l) => l.entryKind),
          lines.map((l) => l.reference),
          lines.map((l) => l.orderId),
          lines.map((l) => l.amountMinor),
          lines.map((l) => l.occurredAt),
        ],
      );
    }
    for (const transfer of transfers) {
      const t = transfer.snapshot();
      await this.db.query(
        `INSERT INTO commerce_payout_transfers (${TRANSFER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          t.id,
          t.payoutId,
          t.orgId,
          t.orderId,
          t.amountMinor,
          t.position,
          t.transferGroup,
          t.sourceTransaction,
          t.status,
          t.attempt,
          t.idempotencyKey,
          t.transferId,
          t.failureReason,
          t.createdAt,
          t.updatedAt,
        ],
      );
    }
    return true;
  }

  async transfers(orgId: string, payoutId: string): Promise<PayoutTransfer[]> {
    const rows: TransferRow[] = await this.db.query(
      `SELECT ${TRANSFER_COLUMNS} FROM commerce_payout_transfers WHERE org_id = $1 AND payout_id = $2 ORDER BY position`,
      [orgId, payoutId],
    );
    return rows.map(toTransfer);
  }

  async saveTransfer(transfer: PayoutTransfer): Promise<void> {
    const t = transfer.snapshot();
    await this.db.query(
      `UPDATE commerce_payout_transfers SET status = $3, attempt = $4, idempotency_key = $5, transfer_id = $6, failure_reason = $7, updated_at = $8
       WHERE org_id = $1 AND id = $2`,
      [t.orgId, t.id, t.status, t.attempt, t.idempotencyKey, t.transferId, t.failureReason, t.updatedAt],
    );
  }

  async find(orgId: string, currency: string, period: string): Promise<Payout | undefined> {
    const rows: PayoutRow[] = await this.db.query(`SELECT ${PAYOUT_COLUMNS} FROM commerce_payouts WHERE org_id = $1 AND currency = $2 AND period = $3`, [
      orgId,
      currency,
      period,
    ]);
    return rows[0] && toPayout(rows[0]);
  }

  async unpaid(period: string): Promise<Payout[]> {
    const rows: PayoutRow[] = await this.db.query(
      `SELECT ${PAYOUT_COLUMNS} FROM commerce_payouts WHERE status <> 'paid' AND period = $1 ORDER BY org_id, currency`,
      [period],
    );
    return rows.map(toPayout);
  }

  async lock(id: string, options: { skipLocked: boolean }): Promise<Payout | undefined> {
    const rows: PayoutRow[] = await this.db.query(
      `SELECT ${PAYOUT_COLUMNS} FROM commerce_payouts WHERE id = $1 FOR UPDATE${options.skipLocked ? ' SKIP LOCKED' : ''}`,
      [id],
    );
    return rows[0] && toPayout(rows[0]);
  }

  async save(payout: Payout): Promise<void> {
    const p = payout.snapshot();
    await this.db.query(
      `UPDATE commerce_payouts SET status = $2, attempt = $3, destination = $4, transfer_id = $5, failure_reason = $6, updated_at = $7, paid_at = $8
       WHERE id = $1`,
      [p.id, p.status, p.attempt, p.destination, p.transferId, p.failureReason, p.updatedAt, p.paidAt],
    );
  }

  async findForOrg(orgId: string, id: string): Promise<Payout | undefined> {
    const rows: PayoutRow[] = await this.db.query(`SELECT ${PAYOUT_COLUMNS} FROM commerce_payouts WHERE org_id = $1 AND id = $2`, [orgId, id]);
    return rows[0] && toPayout(rows[0]);
  }

  listForOrg(orgId: string, page: PageRequest): Promise<Page<Payout>> {
    const params = new SqlParams();
    const org = params.bind(orgId);
    return selectPage<PayoutRow, Payout>(
      this.db,
      (limit, offset) =>
        `SELECT ${PAYOUT_COLUMNS}, count(*) OVER () AS total FROM commerce_payouts WHERE org_id = ${org}
         ORDER BY period DESC, created_at DESC, id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM commerce_payouts WHERE org_id = $1`,
      params,
      page,
      toPayout,
    );
  }

  lines(orgId: string, payoutId: string, page: PageRequest): Promise<Page<PayoutLine>> {
    const params = new SqlParams();
    const org = params.bind(orgId);
    const payout = params.bind(payoutId);
    return selectPage<LineRow, PayoutLine>(
      this.db,
      (limit, offset) =>
        `SELECT posting_id, entry_kind, reference, order_id, amount_minor, occurred_at, count(*) OVER () AS total
         FROM commerce_payout_lines WHERE org_id = ${org} AND payout_id = ${payout}
         ORDER BY occurred_at, posting_id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM commerce_payout_lines WHERE org_id = $1 AND payout_id = $2`,
      params,
      page,
      toLine,
    );
  }

  async setPayoutsEnabledByAccount(accountId: string, payoutsEnabled: boolean): Promise<string | undefined> {
    const rows: Array<{ org_id: string }> = await this.db.query(
      `UPDATE commerce_seller_settings SET payouts_enabled = $2, updated_at = now() WHERE stripe_account_id = $1 RETURNING org_id`,
      [accountId, payoutsEnabled],
    );
    return rows[0]?.org_id;
  }

  async setConnectAccount(orgId: string, accountId: string, payoutsEnabled: boolean): Promise<void> {
    await this.db.query(
      `INSERT INTO commerce_seller_settings (org_id, stripe_account_id, payouts_enabled, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (org_id) DO UPDATE SET stripe_account_id = coalesce(commerce_seller_settings.stripe_account_id, $2),
         payouts_enabled = CASE WHEN commerce_seller_settings.stripe_account_id IS NULL OR commerce_seller_settings.stripe_account_id = $2 THEN $3
                                ELSE commerce_seller_settings.payouts_enabled END,
         updated_at = now()`,
      [orgId, accountId, payoutsEnabled],
    );
  }
}

/** The payouts' repositories over a connection or a transaction. */
export function payoutRepositories(db: EntityManager): PayoutRepositories {
  return { payouts: new SqlPayoutRepository(db), sellers: new SqlSellerSettingsRepository(db), ledger: new SqlLedger(db) };
}
