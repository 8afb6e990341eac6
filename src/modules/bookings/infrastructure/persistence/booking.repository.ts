import { Queryable, SqlParams, likeContains, pgError, selectPage } from '../../../../platform/database/sql';
import { orderBy, type Page, type PageRequest } from '../../../../platform/kernel';
import type { BayOccupation } from '../../domain/availability';
import { Booking, BookedService, BookingState, BookingStatus, PaymentMethod, PaymentStatus, ServiceLocation } from '../../domain/booking';
import { BookingsErrors } from '../../domain/bookings-errors';
import {
  IdempotencyKeyTaken,
  type BookingActivity,
  type AdminBookingFilter,
  type AdminBookingSort,
  type BookingRepository,
  type BookingStats,
  type IdempotencyRepository,
  type StaffBookingFilter,
} from '../../application/ports';
import { UNIQUE_VIOLATION } from '../../../../platform/database/sql';

/** Postgres' code for an exclusion constraint violation. */
const EXCLUSION_VIOLATION = '23P01';
export const NO_OVERLAP_CONSTRAINT = 'bookings_no_overlap';

const COLUMNS = `b.id, b.org_id, b.bay_id, b.customer_user_id, b.customer_name, b.customer_phone, b.customer_email, b.vehicle_model_id,
  b.service_location, b.address, b.starts_at, b.ends_at, b.blocked_until, b.status, b.cancel_reason, b.services, b.total_minor, b.currency,
  b.payment_method, b.payment_status, b.paid_at, b.hold_expires_at, b.payment_order_id, b.refunded_minor, b.notes, b.created_at, b.updated_at`;

/** Statuses that no longer hold their bay (the exclusion constraint ignores them too). */
const RELEASED = `('cancelled', 'expired')`;

interface BookingRow {
  id: string;
  org_id: string;
  bay_id: string;
  customer_user_id: string | null;
  customer_name: string;
  customer_phone: string;
  customer_email: string | null;
  vehicle_model_id: string;
  service_location: ServiceLocation;
  address: string | null;
  starts_at: Date;
  ends_at: Date;
  blocked_until: Date;
  status: BookingStatus;
  cancel_reason: string | null;
  services: BookedService[];
  total_minor: string;
  currency: string;
  payment_method: PaymentMethod;
  payment_status: PaymentStatus;
  paid_at: Date | null;
  hold_expires_at: Date | null;
  payment_order_id: string | null;
  refunded_minor: string;
  notes: string | null;
  created_at: Date;
  updated_at: Date;
}

function toBooking(row: BookingRow): Booking {
  return Booking.restore({
    id: row.id,
    orgId: row.org_id,
    bayId: row.bay_id,
    customerUserId: row.customer_user_id,
    customerName: row.customer_name,
    customerPhone: row.customer_phone,
    customerEmail: row.customer_email,
    vehicleModelId: row.vehicle_model_id,
    serviceLocation: row.service_location,
    address: row.address,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    blockedUntil: row.blocked_until,
    status: row.status,
    cancelReason: row.cancel_reason,
    services: row.services,
    totalMinor: Number(row.total_minor),
    currency: row.currency,
    paymentMethod: row.payment_method,
    paymentStatus: row.payment_status,
    paidAt: row.paid_at,
    holdExpiresAt: row.hold_expires_at,
    paymentOrderId: row.payment_order_id,
    refundedMinor: Number(row.refunded_minor),
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

function values(s: Readonly<BookingState>): unknown[] {
  return [
    s.id,
    s.orgId,
    s.bayId,
    s.customerUserId,
    s.customerName,
    s.customerPhone,
    s.customerEmail,
    s.vehicleModelId,
    s.serviceLocation,
    s.address,
    s.startsAt,
    s.endsAt,
    s.blockedUntil,
    s.status,
    s.cancelReason,
    JSON.stringify(s.services),
    s.totalMinor,
    s.currency,
    s.paymentMethod,
    s.paymentStatus,
    s.paidAt,
    s.notes,
    s.createdAt,
    s.updatedAt,
    s.holdExpiresAt,
    s.paymentOrderId,
    s.refundedMinor,
  ];
}

/** The bay was taken meanwhile: the caller proposes other times. */
function overlapAsSlotUnavailable(error: unknown): never {
  const { code, constraint } = pgError(error);
  if (code === EXCLUSION_VIOLATION && constraint === NO_OVERLAP_CONSTRAINT) throw BookingsErrors.slotUnavailable([]);
  throw error;
}

export class SqlBookingRepository implements BookingRepository {
  constructor(private readonly db: Queryable) {}

  async insert(booking: Booking): Promise<void> {
    await this.db
      .query(
        `INSERT INTO bookings (id, org_id, bay_id, customer_user_id, customer_name, customer_phone, customer_email, vehicle_model_id, service_location,
           address, starts_at, ends_at, blocked_until, status, cancel_reason, services, total_minor, currency, payment_method, payment_status, paid_at,
           notes, created_at, updated_at, hold_expires_at, payment_order_id, refunded_minor)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)`,
        values(booking.snapshot()),
      )
      .catch(overlapAsSlotUnavailable);
  }

  async save(booking: Booking): Promise<void> {
    const s = booking.snapshot();
    await this.db
      .query(
        `UPDATE bookings SET bay_id = $3, starts_at = $4, ends_at = $5, blocked_until = $6, status = $7, cancel_reason = $8,
           payment_status = $9, paid_at = $10, updated_at = $11, hold_expires_at = $12, payment_order_id = $13, refunded_minor = $14
         WHERE org_id = $1 AND id = $2`,
        [
          s.orgId,
          s.id,
          s.bayId,
          s.startsAt,
          s.endsAt,
          s.blockedUntil,
          s.status,
          s.cancelReason,
          s.paymentStatus,
          s.paidAt,
          s.updatedAt,
          s.holdExpiresAt,
          s.paymentOrderId,
          s.refundedMinor,
        ],
      )
      .catch(overlapAsSlotUnavailable);
  }

  private async one(sql: string, params: unknown[]): Promise<Booking | undefined> {
    const rows: BookingRow[] = await this.db.query(sql, params);
    return rows[0] && toBooking(rows[0]);
  }

  find(orgId: string, id: string): Promise<Booking | undefined> {
    return this.one(`SELECT ${COLUMNS} FROM bookings b WHERE b.org_id = $1 AND b.id = $2`, [orgId, id]);
  }

  findForUpdate(orgId: string, id: string): Promise<Booking | undefined> {
    return this.one(`SELECT ${COLUMNS} FROM bookings b WHERE b.org_id = $1 AND b.id = $2 FOR UPDATE`, [orgId, id]);
  }

  findAny(id: string): Promise<Booking | undefined> {
    return this.one(`SELECT ${COLUMNS} FROM bookings b WHERE b.id = $1`, [id]);
  }

  findAnyForUpdate(id: string): Promise<Booking | undefined> {
    return this.one(`SELECT ${COLUMNS} FROM bookings b WHERE b.id = $1 FOR UPDATE`, [id]);
  }

  private page(whereSql: string, params: SqlParams, page: PageRequest, order = 'b.starts_at DESC, b.id'): Promise<Page<Booking>> {
    const where = `FROM bookings b WHERE ${whereSql}`;
    return selectPage<BookingRow, Booking>(
      this.db,
      (limit, offset) => `SELECT ${COLUMNS}, count(*) OVER () AS total ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total ${where}`,
      params,
      page,
      toBooking,
    );
  }

  listForCustomer(userId: string, page: PageRequest): Promise<Page<Booking>> {
    const params = new SqlParams();
    return this.page(`b.customer_user_id = ${params.bind(userId)}`, params, page);
  }

  listForPhone(phone: string, page: PageRequest): Promise<Page<Booking>> {
    const params = new SqlParams();
    return this.page(`b.customer_phone = ${params.bind(phone)}`, params, page);
  }

  listForStaff(orgId: string, filter: StaffBookingFilter, page: PageRequest): Promise<Page<Booking>> {
    const params = new SqlParams();
    const conditions = [`b.org_id = ${params.bind(orgId)}`];
    if (filter.status) conditions.push(`b.status = ${params.bind(filter.status)}`);
    if (filter.from) conditions.push(`b.starts_at >= ${params.bind(filter.from)}`);
    if (filter.to) conditions.push(`b.starts_at < ${params.bind(filter.to)}`);
    if (filter.search) {
      const like = params.bind(likeContains(filter.search));
      conditions.push(`(b.customer_name ILIKE ${like} OR b.customer_phone LIKE ${like} OR b.customer_email ILIKE ${like})`);
    }
    return this.page(conditions.join(' AND '), params, page, 'b.starts_at, b.id');
  }

  listAll(filter: AdminBookingFilter, sort: AdminBookingSort, page: PageRequest): Promise<Page<Booking>> {
    const params = new SqlParams();
    const conditions = ['true'];
    if (filter.orgId) conditions.push(`b.org_id = ${params.bind(filter.orgId)}`);
    if (filter.status) conditions.push(`b.status = ${params.bind(filter.status)}`);
    if (filter.from) conditions.push(`b.starts_at >= ${params.bind(filter.from)}`);
    if (filter.to) conditions.push(`b.starts_at < ${params.bind(filter.to)}`);
    const order = orderBy(sort, { starts_at: 'b.starts_at', created_at: 'b.created_at', total_minor: 'b.total_minor', status: 'b.status' }, 'b.id');
    return this.page(conditions.join(' AND '), params, page, order);
  }

  async occupations(orgId: string, from: Date, to: Date, exceptBookingId?: string): Promise<BayOccupation[]> {
    const rows: Array<{ bay_id: string; starts_at: Date; blocked_until: Date }> = await this.db.query(
      `SELECT b.bay_id, b.starts_at, b.blocked_until FROM bookings b
       WHERE b.org_id = $1 AND b.status NOT IN ${RELEASED} AND b.starts_at < $3 AND b.blocked_until > $2 AND ($4::uuid IS NULL OR b.id <> $4::uuid)`,
      [orgId, from, to, exceptBookingId ?? null],
    );
    return rows.map((row) => ({ bayId: row.bay_id, start: row.starts_at, blockedUntil: row.blocked_until }));
  }

  async endedHolds(now: Date, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT b.id FROM bookings b WHERE b.status = 'pending_payment' AND b.hold_expires_at <= $1 ORDER BY b.hold_expires_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => row.id);
  }

  createdByDay(since: Date): Promise<Array<{ day: string; count: number }>> {
    return this.db.query(
      `SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS count FROM bookings WHERE created_at >= $1 GROUP BY 1 ORDER BY 1`,
      [since],
    );
  }

  async activityByDay(orgId: string, until: Date): Promise<BookingActivity> {
    const byDay = (column: 'created_at' | 'updated_at', status: string | null): Promise<Array<{ day: string; count: number }>> =>
      this.db.query(
        `SELECT to_char(date_trunc('day', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS count FROM bookings
         WHERE org_id = $1 AND ${column} < $2 AND ($3::text IS NULL OR status = $3::text) GROUP BY 1`,
        [orgId, until, status],
      );
    const [created, completed, cancelled] = await Promise.all([byDay('created_at', null), byDay('updated_at', 'completed'), byDay('updated_at', 'cancelled')]);
    return { created, completed, cancelled };
  }

  async stats(orgId: string, from: Date, to: Date, timeZone: string): Promise<BookingStats> {
    const range = `b.org_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3`;
    const [byStatus, byDay, revenue, average, bays] = await Promise.all([
      this.db.query(`SELECT b.status, count(*)::int AS count FROM bookings b WHERE ${range} GROUP BY b.status ORDER BY b.status`, [orgId, from, to]),
      this.db.query(
        `SELECT to_char(b.starts_at AT TIME ZONE $4, 'YYYY-MM-DD') AS date, count(*)::int AS count FROM bookings b
         WHERE ${range} AND b.status NOT IN ${RELEASED} GROUP BY 1 ORDER BY 1`,
        [orgId, from, to, timeZone],
      ),
      this.db.query(
        `SELECT b.payment_method, sum(b.total_minor)::text AS amount, count(*)::int AS count FROM bookings b
         WHERE ${range} AND b.payment_status = 'paid' GROUP BY b.payment_method ORDER BY b.payment_method`,
        [orgId, from, to],
      ),
      this.db.query(`SELECT round(avg(b.total_minor))::text AS average FROM bookings b WHERE ${range} AND b.status = 'completed'`, [orgId, from, to]),
      this.db.query(
        `SELECT b.bay_id, (sum(extract(epoch FROM b.ends_at - b.starts_at)) / 60)::int AS minutes FROM bookings b
         WHERE ${range} AND b.status NOT IN ${RELEASED} GROUP BY b.bay_id`,
        [orgId, from, to],
      ),
    ]);
    const avg = (average as Array<{ average: string | null }>)[0]?.average;
    return {
      byStatus: byStatus as BookingStats['byStatus'],
      byDay: byDay as BookingStats['byDay'],
      revenueByMethod: (revenue as Array<{ payment_method: PaymentMethod; amount: string; count: number }>).map((row) => ({
        paymentMethod: row.payment_method,
        amountMinor: Number(row.amount),
        count: row.count,
      })),
      averageTicketMinor: avg === null || avg === undefined ? null : Number(avg),
      bookedMinutesByBay: (bays as Array<{ bay_id: string; minutes: number }>).map((row) => ({ bayId: row.bay_id, minutes: row.minutes })),
    };
  }
}

export class SqlIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly db: Queryable) {}

  async find(scope: string, key: string): Promise<{ requestHash: string; bookingId: string } | undefined> {
    const rows: Array<{ request_hash: string; booking_id: string }> = await this.db.query(
      `SELECT request_hash, booking_id FROM booking_idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    return rows[0] && { requestHash: rows[0].request_hash, bookingId: rows[0].booking_id };
  }

  async insert(entry: { scope: string; key: string; orgId: string; requestHash: string; bookingId: string }): Promise<void> {
    try {
      await this.db.query(`INSERT INTO booking_idempotency_keys (scope, key, org_id, request_hash, booking_id) VALUES ($1, $2, $3, $4, $5)`, [
        entry.scope,
        entry.key,
        entry.orgId,
        entry.requestHash,
        entry.bookingId,
      ]);
    } catch (error) {
      if (pgError(error).code === UNIQUE_VIOLATION) throw new IdempotencyKeyTaken();
      throw error;
    }
  }
}
