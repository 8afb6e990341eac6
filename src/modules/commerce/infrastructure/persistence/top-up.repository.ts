import type { Queryable } from '../../../../platform/database/sql';
import type { TopUp, TopUpRepository } from '../../application/ports';

interface TopUpRow {
  id: string;
  user_id: string;
  amount_minor: string;
  currency: string;
  status: TopUp['status'];
  provider_ref: string | null;
  client_secret: string | null;
  provider_key: string;
  created_at: Date;
  updated_at: Date;
}

const toTopUp = (row: TopUpRow): TopUp => ({
  id: row.id,
  userId: row.user_id,
  amountMinor: Number(row.amount_minor),
  currency: row.currency,
  status: row.status,
  providerRef: row.provider_ref,
  clientSecret: row.client_secret,
  providerKey: row.provider_key,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class SqlTopUpRepository implements TopUpRepository {
  constructor(private readonly db: Queryable) {}

  async insert(t: TopUp): Promise<void> {
    await this.db.query(
      `INSERT INTO commerce_wallet_top_ups (id, user_id, amount_minor, currency, status, provider_ref, client_secret, provider_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [t.id, t.userId, t.amountMinor, t.currency, t.status, t.providerRef, t.clientSecret, t.providerKey, t.createdAt, t.updatedAt],
    );
  }

  async save(t: TopUp): Promise<void> {
    await this.db.query(`UPDATE commerce_wallet_top_ups SET status = $2, provider_ref = $3, client_secret = $4, updated_at = $5 WHERE id = $1`, [
      t.id,
      t.status,
      t.providerRef,
      t.clientSecret,
      t.updatedAt,
    ]);
  }

  async findById(id: string): Promise<TopUp | undefined> {
    const rows: TopUpRow[] = await this.db.query(`SELECT * FROM commerce_wallet_top_ups WHERE id = $1`, [id]);
    return rows[0] && toTopUp(rows[0]);
  }

  async lock(id: string): Promise<TopUp | undefined> {
    const rows: TopUpRow[] = await this.db.query(`SELECT * FROM commerce_wallet_top_ups WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] && toTopUp(rows[0]);
  }

  async lockByProviderRef(ref: string): Promise<TopUp | undefined> {
    const rows: TopUpRow[] = await this.db.query(`SELECT * FROM commerce_wallet_top_ups WHERE provider_ref = $1 FOR UPDATE`, [ref]);
    return rows[0] && toTopUp(rows[0]);
  }
}
