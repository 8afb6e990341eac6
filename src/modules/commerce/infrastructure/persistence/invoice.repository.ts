import type { EntityManager } from 'typeorm';
import type { Page, PageRequest } from '../../../../platform/kernel';
import { Queryable, SqlParams, selectPage } from '../../../../platform/database/sql';
import type { Invoice } from '../../domain';
import type { InvoiceRepositories, InvoiceRepository } from '../../application/ports';
import { SqlOrderRepository } from './order.repository';

interface InvoiceRow {
  id: string;
  org_id: string;
  order_id: string;
  buyer_user_id: string;
  year: number;
  sequence: number;
  number: string;
  total_minor: string;
  currency: string;
  storage_key: string | null;
  issued_at: Date;
  last_sent_at: Date | null;
}

const COLUMNS = 'id, org_id, order_id, buyer_user_id, year, sequence, number, total_minor, currency, storage_key, issued_at, last_sent_at';

const toInvoice = (row: InvoiceRow): Invoice => ({
  id: row.id,
  orgId: row.org_id,
  orderId: row.order_id,
  buyerUserId: row.buyer_user_id,
  year: row.year,
  sequence: row.sequence,
  number: row.number,
  totalMinor: Number(row.total_minor),
  currency: row.currency,
  storageKey: row.storage_key,
  issuedAt: row.issued_at,
  lastSentAt: row.last_sent_at,
});

export class SqlInvoiceRepository implements InvoiceRepository {
  constructor(private readonly db: Queryable) {}

  async nextSequence(orgId: string, year: number): Promise<number> {
    // The upsert locks the counter row until the transaction ends: concurrent invoices of one seller and year queue here,
    // and a rollback gives the number back, so numbers have no gaps.
    const rows: Array<{ last_number: number }> = await this.db.query(
      `INSERT INTO commerce_invoice_counters (org_id, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (org_id, year) DO UPDATE SET last_number = commerce_invoice_counters.last_number + 1 RETURNING last_number`,
      [orgId, year],
    );
    return rows[0].last_number;
  }

  async insert(i: Invoice): Promise<void> {
    await this.db.query(`INSERT INTO commerce_invoices (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [
      i.id,
      i.orgId,
      i.orderId,
      i.buyerUserId,
      i.year,
      i.sequence,
      i.number,
      i.totalMinor,
      i.currency,
      i.storageKey,
      i.issuedAt,
      i.lastSentAt,
    ]);
  }

  async findByOrder(orderId: string): Promise<Invoice | undefined> {
    const rows: InvoiceRow[] = await this.db.query(`SELECT ${COLUMNS} FROM commerce_invoices WHERE order_id = $1`, [orderId]);
    return rows[0] && toInvoice(rows[0]);
  }

  async findById(id: string): Promise<Invoice | undefined> {
    const rows: InvoiceRow[] = await this.db.query(`SELECT ${COLUMNS} FROM commerce_invoices WHERE id = $1`, [id]);
    return rows[0] && toInvoice(rows[0]);
  }

  async setStorageKey(id: string, key: string): Promise<void> {
    await this.db.query(`UPDATE commerce_invoices SET storage_key = $2 WHERE id = $1`, [id, key]);
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE commerce_invoices SET last_sent_at = $2 WHERE id = $1`, [id, at]);
  }

  listForSeller(orgId: string, page: PageRequest): Promise<Page<Invoice>> {
    return this.list('org_id', orgId, page);
  }

  listForBuyer(buyerUserId: string, page: PageRequest): Promise<Page<Invoice>> {
    return this.list('buyer_user_id', buyerUserId, page);
  }

  private list(column: 'org_id' | 'buyer_user_id', value: string, page: PageRequest): Promise<Page<Invoice>> {
    const params = new SqlParams();
    const owner = params.bind(value);
    return selectPage<InvoiceRow, Invoice>(
      this.db,
      (limit, offset) =>
        `SELECT ${COLUMNS}, count(*) OVER () AS total FROM commerce_invoices WHERE ${column} = ${owner}
         ORDER BY issued_at DESC, id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM commerce_invoices WHERE ${column} = $1`,
      params,
      page,
      toInvoice,
    );
  }
}

export function invoiceRepositories(db: EntityManager): InvoiceRepositories {
  return { invoices: new SqlInvoiceRepository(db), orders: new SqlOrderRepository(db) };
}
