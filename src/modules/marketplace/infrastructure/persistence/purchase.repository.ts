import type { Queryable } from '../../../../platform/database/sql';
import type { PurchaseRepository } from '../../application/ports';

/** What buyers bought (from commerce's paid orders): the verified-buyer record and tune download entitlements. */
export class SqlPurchaseRepository implements PurchaseRepository {
  constructor(private readonly db: Queryable) {}

  async record(purchase: {
    orderId: string;
    listingId: string;
    orgId: string;
    buyerUserId: string;
    kind: string;
    quantity: number;
    entitled: boolean;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO marketplace_purchases (order_id, listing_id, org_id, buyer_user_id, kind, quantity, entitled)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (order_id, listing_id) DO NOTHING`,
      [purchase.orderId, purchase.listingId, purchase.orgId, purchase.buyerUserId, purchase.kind, purchase.quantity, purchase.entitled],
    );
  }

  async revoke(orderId: string, listingIds: string[] | null): Promise<number> {
    const result = (await this.db.query(
      `UPDATE marketplace_purchases SET revoked_at = now() WHERE order_id = $1 AND revoked_at IS NULL AND ($2::uuid[] IS NULL OR listing_id = ANY($2::uuid[]))`,
      [orderId, listingIds],
    )) as [unknown[], number];
    return result[1];
  }

  async isEntitled(listingId: string, userId: string): Promise<boolean> {
    const rows = (await this.db.query(
      `SELECT 1 FROM marketplace_purchases WHERE buyer_user_id = $1 AND listing_id = $2 AND entitled AND revoked_at IS NULL LIMIT 1`,
      [userId, listingId],
    )) as unknown[];
    return rows.length > 0;
  }

  async isVerifiedBuyer(listingId: string, userId: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM marketplace_purchases WHERE buyer_user_id = $1 AND listing_id = $2 LIMIT 1`, [
      userId,
      listingId,
    ])) as unknown[];
    return rows.length > 0;
  }

  async entitlementsOf(userId: string): Promise<Array<{ listingId: string; orderId: string; purchasedAt: Date }>> {
    const rows = (await this.db.query(
      `SELECT listing_id, order_id, purchased_at FROM marketplace_purchases WHERE buyer_user_id = $1 AND entitled AND revoked_at IS NULL ORDER BY purchased_at DESC LIMIT 500`,
      [userId],
    )) as Array<{ listing_id: string; order_id: string; purchased_at: Date }>;
    return rows.map((r) => ({ listingId: r.listing_id, orderId: r.order_id, purchasedAt: r.purchased_at }));
  }
}
