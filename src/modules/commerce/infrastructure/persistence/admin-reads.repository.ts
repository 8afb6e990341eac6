import type { DataSource } from 'typeorm';
import { Queryable, SqlParams, likeContains, selectPage } from '../../../../platform/database/sql';
import { orderBy, type Page, type PageRequest } from '../../../../platform/kernel';
import type { DiscountProps, Order, Payout } from '../../domain';
import type {
  AdminDiscountFilter,
  AdminOrderFilter,
  AdminPaymentFilter,
  AdminPayoutFilter,
  AdminRefundFilter,
  CommerceAdminReads,
  DiscountSort,
  OrderSort,
  PaymentSort,
  PayoutSort,
  RefundSort,
} from '../../application/admin-reads';
import type { Payment, Refund } from '../../application/ports';
import { DiscountRow, toDiscount } from './discount.repository';
import { OrderRow, SELECT_ORDERS, toStored } from './order.repository';
import { PaymentRow, toPayment } from './payment.repository';
import { PAYOUT_COLUMNS, PayoutRow, toPayout } from './payout.repository';
import { RefundRow, toRefund } from './refund.repository';

/** `column = $n` for each filter that is set. */
function conditions(params: SqlParams, equal: Record<string, unknown>): string[] {
  return Object.entries(equal)
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => `${column} = ${params.bind(value)}`);
}

const where = (parts: string[]) => (parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '');

/** The console's reads across organizations (plain SQL over the commerce tables; the facade checks who asks). */
export class SqlCommerceAdminReads implements CommerceAdminReads {
  constructor(private readonly db: Queryable) {}

  orders(filter: AdminOrderFilter, sort: OrderSort, page: PageRequest): Promise<Page<Order>> {
    const params = new SqlParams();
    const parts = conditions(params, { 'o.status': filter.status, 'o.org_id': filter.orgId, 'o.buyer_user_id': filter.buyerUserId });
    if (filter.from) parts.push(`o.created_at >= ${params.bind(filter.from)}`);
    if (filter.to) parts.push(`o.created_at < ${params.bind(filter.to)}`);
    const order = orderBy(sort, { created_at: 'o.created_at', paid_at: 'o.paid_at', total_minor: 'o.total_minor', status: 'o.status' }, 'o.id');
    return selectPage<OrderRow, Order>(
      this.db,
      (limit, offset) =>
        `${SELECT_ORDERS.replace('SELECT o.*,', 'SELECT o.*, count(*) OVER () AS total,')} ${where(parts)} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM commerce_orders o ${where(parts)}`,
      params,
      page,
      (row) => toStored(row).order,
    );
  }

  payments(filter: AdminPaymentFilter, sort: PaymentSort, page: PageRequest): Promise<Page<Payment>> {
    const params = new SqlParams();
    const parts = conditions(params, { status: filter.status, method: filter.method, org_id: filter.orgId, order_id: filter.orderId });
    const order = orderBy(sort, { created_at: 'created_at', amount_minor: 'amount_minor', status: 'status' }, 'id');
    return selectPage<PaymentRow, Payment>(
      this.db,
      (limit, offset) => `SELECT *, count(*) OVER () AS total FROM commerce_payments ${where(parts)} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM commerce_payments ${where(parts)}`,
      params,
      page,
      toPayment,
    );
  }

  refunds(filter: AdminRefundFilter, sort: RefundSort, page: PageRequest): Promise<Page<Refund>> {
    const params = new SqlParams();
    const parts = conditions(params, { status: filter.status, org_id: filter.orgId, order_id: filter.orderId });
    const order = orderBy(sort, { created_at: 'created_at', amount_minor: 'amount_minor', status: 'status' }, 'id');
    return selectPage<RefundRow, Refund>(
      this.db,
      (limit, offset) => `SELECT *, count(*) OVER () AS total FROM commerce_refunds ${where(parts)} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM commerce_refunds ${where(parts)}`,
      params,
      page,
      toRefund,
    );
  }

  async refundsOfOrder(orderId: string): Promise<Refund[]> {
    const rows: RefundRow[] = await this.db.query(`SELECT * FROM commerce_refunds WHERE order_id = $1 ORDER BY created_at, id`, [orderId]);
    return rows.map(toRefund);
  }

  payouts(filter: AdminPayoutFilter, sort: PayoutSort, page: PageRequest): Promise<Page<Payout>> {
    const params = new SqlParams();
    const parts = conditions(params, { status: filter.status, org_id: filter.orgId, period: filter.period });
    const order = orderBy(sort, { created_at: 'created_at', period: 'period', amount_minor: 'amount_minor', status: 'status' }, 'id');
    return selectPage<PayoutRow, Payout>(
      this.db,
      (limit, offset) =>
        `SELECT ${PAYOUT_COLUMNS}, count(*) OVER () AS total FROM commerce_payouts ${where(parts)} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM commerce_payouts ${where(parts)}`,
      params,
      page,
      toPayout,
    );
  }

  async payout(id: string): Promise<Payout | undefined> {
    const rows: PayoutRow[] = await this.db.query(`SELECT ${PAYOUT_COLUMNS} FROM commerce_payouts WHERE id = $1`, [id]);
    return rows[0] && toPayout(rows[0]);
  }

  discounts(filter: AdminDiscountFilter, sort: DiscountSort, page: PageRequest): Promise<Page<DiscountProps>> {
    const params = new SqlParams();
    const parts = conditions(params, { org_id: filter.orgId, active: filter.active });
    if (filter.code) parts.push(`code_key LIKE ${params.bind(likeContains(filter.code.trim().toUpperCase()))}`);
    const order = orderBy(sort, { created_at: 'created_at', code: 'code_key', uses_count: 'uses_count' }, 'id');
    return selectPage<DiscountRow, DiscountProps>(
      this.db,
      (limit, offset) => `SELECT *, count(*) OVER () AS total FROM commerce_discounts ${where(parts)} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM commerce_discounts ${where(parts)}`,
      params,
      page,
      (row) => toDiscount(row).snapshot(),
    );
  }

  async discount(id: string): Promise<DiscountProps | undefined> {
    const rows: DiscountRow[] = await this.db.query(`SELECT * FROM commerce_discounts WHERE id = $1`, [id]);
    return rows[0] && toDiscount(rows[0]).snapshot();
  }
}

/** Over the application's connection (reads only: no transaction needed). */
export const commerceAdminReads = (dataSource: DataSource): CommerceAdminReads => new SqlCommerceAdminReads(dataSource);
