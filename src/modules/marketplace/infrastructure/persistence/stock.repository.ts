import type { Queryable } from '../../../../platform/database/sql';
import type { StockRepository } from '../../application/ports';

/** Stock reservations by order: conditional UPDATEs, so two buyers never take the last unit twice. */
export class SqlStockRepository implements StockRepository {
  constructor(private readonly db: Queryable) {}

  /** true when this call created the reservation; false when it existed already (the caller then does nothing). */
  async openReservation(reservationId: string): Promise<boolean> {
    const rows = (await this.db.query(`INSERT INTO marketplace_reservations (id) VALUES ($1) ON CONFLICT (id) DO NOTHING RETURNING id`, [
      reservationId,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** Takes `quantity` units of a part or the vehicle; false when there are not enough. Tunes have no stock: always true. */
  async take(reservationId: string, listingId: string, quantity: number): Promise<'taken' | 'unlimited' | 'short' | 'missing'> {
    const rows = (await this.db.query(
      `UPDATE marketplace_listings SET stock = CASE WHEN stock IS NULL THEN NULL ELSE stock - $2 END
       WHERE id = $1 AND (stock IS NULL OR stock >= $2) RETURNING org_id, stock`,
      [listingId, quantity],
    )) as [Array<{ org_id: string; stock: number | null }>, number] | Array<{ org_id: string; stock: number | null }>;
    const updated = Array.isArray(rows[0])
      ? (rows[0] as Array<{ org_id: string; stock: number | null }>)
      : (rows as Array<{ org_id: string; stock: number | null }>);
    if (updated.length === 0) {
      const exists = (await this.db.query(`SELECT 1 FROM marketplace_listings WHERE id = $1`, [listingId])) as unknown[];
      return exists.length > 0 ? 'short' : 'missing';
    }
    await this.db.query(`INSERT INTO marketplace_reservation_lines (reservation_id, listing_id, org_id, quantity) VALUES ($1, $2, $3, $4)`, [
      reservationId,
      listingId,
      updated[0].org_id,
      quantity,
    ]);
    return updated[0].stock === null ? 'unlimited' : 'taken';
  }

  /** Marks the reservation released and gives its units back, once. */
  async release(reservationId: string): Promise<boolean> {
    const rows = (await this.db.query(`UPDATE marketplace_reservations SET released_at = now() WHERE id = $1 AND released_at IS NULL RETURNING id`, [
      reservationId,
    ])) as [unknown[], number] | unknown[];
    const released = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : (rows as unknown[]);
    if (released.length === 0) return false;
    await this.db.query(
      `UPDATE marketplace_listings l SET stock = l.stock + r.quantity
       FROM marketplace_reservation_lines r WHERE r.reservation_id = $1 AND r.listing_id = l.id AND l.stock IS NOT NULL`,
      [reservationId],
    );
    return true;
  }
}
