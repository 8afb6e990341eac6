import type { Page, PageRequest } from '../../../../platform/kernel';
import { Queryable, SqlParams, selectPage } from '../../../../platform/database/sql';
import { ListingKind, Order, OrderLine, OrderStatus } from '../../domain';
import type { OrderFilter, OrderRepository, SalesByDay, StoredOrder } from '../../application/ports';

export interface OrderRow {
  id: string;
  org_id: string;
  buyer_user_id: string;
  checkout_id: string;
  currency: string;
  status: OrderStatus;
  subtotal_minor: string;
  discount_minor: string;
  total_minor: string;
  refunded_minor: string;
  discount_code: string | null;
  commission_bps: number;
  created_at: Date;
  updated_at: Date;
  expires_at: Date;
  paid_at: Date | null;
  version: number;
  lines: Array<{
    listing_id: string;
    kind: ListingKind;
    title: string;
    unit_price_minor: number;
    quantity: number;
    subtotal_minor: number;
    discount_minor: number;
  }>;
}

export const SELECT_ORDERS = `
  SELECT o.*, (
    SELECT coalesce(json_agg(json_build_object(
      'listing_id', l.listing_id, 'kind', l.kind, 'title', l.title, 'unit_price_minor', l.unit_price_minor,
      'quantity', l.quantity, 'subtotal_minor', l.subtotal_minor, 'discount_minor', l.discount_minor) ORDER BY l.position), '[]'::json)
    FROM commerce_order_lines l WHERE l.order_id = o.id
  ) AS lines
  FROM commerce_orders o`;

export function toStored(row: OrderRow): StoredOrder {
  const lines: OrderLine[] = row.lines.map((line) => ({
    listingId: line.listing_id,
    kind: line.kind,
    title: line.title,
    unitPriceMinor: Number(line.unit_price_minor),
    quantity: Number(line.quantity),
    subtotalMinor: Number(line.subtotal_minor),
    discountMinor: Number(line.discount_minor),
  }));
  const order = Order.restore({
    id: row.id,
    sellerOrgId: row.org_id,
    buyerUserId: row.buyer_user_id,
    checkoutId: row.checkout_id,
    currency: row.currency,
    status: row.status,
    lines,
    subtotalMinor: Number(row.subtotal_minor),
    discountMinor: Number(row.discount_minor),
    totalMinor: Number(row.total_minor),
    refundedMinor: Number(row.refunded_minor),
    discountCode: row.discount_code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    paidAt: row.paid_at,
    version: row.version,
  });
  return { order, commissionBps: row.commission_bps };
}

export class SqlOrderRepository implements OrderRepository {
  constructor(private readonly db: Queryable) {}

  async insert(order: Order, commissionBps: number): Promise<void> {
    const o = order.snapshot();
    await this.db.query(
      `INSERT INTO commerce_orders (id, org_id, buyer_user_id, checkout_id, currency, status, subtotal_minor, discount_minor, total_minor,
         refunded_minor, discount_code, commission_bps, created_at, updated_at, expires_at, paid_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 0)`,
      [
        o.id,
        o.sellerOrgId,
        o.buyerUserId,
        o.checkoutId,
        o.currency,
        o.status,
        o.subtotalMinor,
        o.discountMinor,
        o.totalMinor,
        o.refundedMinor,
        o.discountCode,
        commissionBps,
        o.createdAt,
        o.updatedAt,
        o.expiresAt,
        o.paidAt,
      ],
    );
    await this.db.query(
      `INSERT INTO commerce_order_lines (order_id, org_id, position, listing_id, kind, title, unit_price_minor, quantity, subtotal_minor, discount_minor)
       SELECT $1, $2, l.position, l.listing_id, l.kind, l.title, l.unit_price_minor, l.quantity, l.subtotal_minor, l.discount_minor
       FROM jsonb_to_recordset($3::jsonb) AS l(position int, listing_id uuid, kind text, title text, unit_price_minor bigint, quantity int,
         subtotal_minor bigint, discount_minor bigint)`,
      [
        o.id,
        o.sellerOrgId,
        JSON.stringify(
          o.lines.map((l, position) => ({
            position,
            listing_id: l.listingId,
            kind: l.kind,
            title: l.title,
            unit_price_minor: l.unitPriceMinor,
            quantity: l.quantity,
            subtotal_minor: l.subtotalMinor,
            discount_minor: l.discountMinor,
          })),
        ),
      ],
    );
  }

  async findById(id: string): Promise<StoredOrder | undefined> {
    const rows: OrderRow[] = await this.db.query(`${SELECT_ORDERS} WHERE o.id = $1`, [id]);
    return rows[0] && toStored(rows[0]);
  }

  async lock(id: string): Promise<StoredOrder | undefined> {
    const rows: OrderRow[] = await this.db.query(`${SELECT_ORDERS} WHERE o.id = $1 FOR UPDATE OF o`, [id]);
    return rows[0] && toStored(rows[0]);
  }

  async findByCheckout(checkoutId: string): Promise<StoredOrder[]> {
    const rows: OrderRow[] = await this.db.query(`${SELECT_ORDERS} WHERE o.checkout_id = $1 ORDER BY o.org_id`, [checkoutId]);
    return rows.map(toStored);
  }

  async save(order: Order): Promise<void> {
    const o = order.snapshot();
    await this.db.query(`UPDATE commerce_orders SET status = $2, refunded_minor = $3, updated_at = $4, paid_at = $5, version = version + 1 WHERE id = $1`, [
      o.id,
      o.status,
      o.refundedMinor,
      o.updatedAt,
      o.paidAt,
    ]);
  }

  async savePricing(order: Order): Promise<void> {
    const o = order.snapshot();
    await this.db.query(
      `UPDATE commerce_orders SET discount_minor = $2, total_minor = $3, discount_code = $4, updated_at = $5, version = version + 1 WHERE id = $1`,
      [o.id, o.discountMinor, o.totalMinor, o.discountCode, o.updatedAt],
    );
    await this.db.query(
      `UPDATE commerce_order_lines l SET discount_minor = d.discount_minor
       FROM jsonb_to_recordset($2::jsonb) AS d(position int, discount_minor bigint)
       WHERE l.order_id = $1 AND l.position = d.position`,
      [o.id, JSON.stringify(o.lines.map((l, position) => ({ position, discount_minor: l.discountMinor })))],
    );
  }

  listForBuyer(buyerUserId: string, filter: OrderFilter, page: PageRequest): Promise<Page<Order>> {
    return this.list('o.buyer_user_id', buyerUserId, filter, page);
  }

  listForSeller(orgId: string, filter: OrderFilter, page: PageRequest): Promise<Page<Order>> {
    return this.list('o.org_id', orgId, filter, page);
  }

  async expired(now: Date, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM commerce_orders WHERE status IN ('pending', 'awaiting_payment') AND expires_at < $1 ORDER BY expires_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => row.id);
  }

  async paidByDay(since: Date): Promise<Array<{ day: string; currency: string; count: number; amountMinor: number }>> {
    const rows: Array<{ day: string; currency: string; count: number; amount_minor: string }> = await this.db.query(
      `SELECT to_char(date_trunc('day', paid_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, currency, count(*)::int AS count, sum(total_minor) AS amount_minor
       FROM commerce_orders WHERE paid_at >= $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [since],
    );
    return rows.map((row) => ({ day: row.day, currency: row.currency, count: row.count, amountMinor: Number(row.amount_minor) }));
  }

  async salesByDay(orgId: string, until: Date): Promise<SalesByDay> {
    type Row = { day: string; currency: string; count: number; amount_minor: string };
    const [paid, refunded]: [Row[], Row[]] = await Promise.all([
      this.db.query(
        `SELECT to_char(date_trunc('day', paid_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, currency, count(*)::int AS count, sum(total_minor) AS amount_minor
         FROM commerce_orders WHERE org_id = $1 AND paid_at IS NOT NULL AND paid_at < $2 GROUP BY 1, 2`,
        [orgId, until],
      ),
      this.db.query(
        `SELECT to_char(date_trunc('day', updated_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, currency, count(*)::int AS count, sum(amount_minor) AS amount_minor
         FROM commerce_refunds WHERE org_id = $1 AND status = 'completed' AND updated_at < $2 GROUP BY 1, 2`,
        [orgId, until],
      ),
    ]);
    const map = (rows: Row[]) => rows.map((row) => ({ day: row.day, currency: row.currency, count: row.count, amountMinor: Number(row.amount_minor) }));
    return { paid: map(paid), refunded: map(refunded) };
  }

  private list(column: 'o.buyer_user_id' | 'o.org_id', owner: string, filter: OrderFilter, page: PageRequest): Promise<Page<Order>> {
    const params = new SqlParams();
    const where = [`${column} = ${params.bind(owner)}`];
    if (filter.status) where.push(`o.status = ${params.bind(filter.status)}`);
    const condition = where.join(' AND ');
    return selectPage<OrderRow, Order>(
      this.db,
      (limit, offset) =>
        `${SELECT_ORDERS.replace('SELECT o.*,', 'SELECT o.*, count(*) OVER () AS total,')} WHERE ${condition} ORDER BY o.created_at DESC, o.id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM commerce_orders o WHERE ${condition}`,
      params,
      page,
      (row) => toStored(row).order,
    );
  }
}
