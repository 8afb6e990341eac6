import { Queryable, SqlParams, selectPage } from '../../../../platform/database/sql';
import { orderBy, type Page, type PageRequest, type SortOrder } from '../../../../platform/kernel';
import type {
  AnalyticsReport,
  EngagementRepository,
  FEATURED_SORTS,
  FeaturedFilter,
  FeaturedPlacement,
  FeaturedSlot,
  ReviewRecord,
} from '../../application/ports';

interface FeaturedRow {
  id: string;
  listing_id: string;
  org_id: string;
  starts_at: Date;
  ends_at: Date;
  rank: number;
  created_by: string | null;
  created_at: Date;
  listing_title: string;
  state: FeaturedPlacement['state'];
}

const SELECT_FEATURED = `SELECT f.*, l.title AS listing_title,
    CASE WHEN f.starts_at > now() THEN 'scheduled' WHEN f.ends_at > now() THEN 'running' ELSE 'ended' END AS state
  FROM marketplace_featured f JOIN marketplace_listings l ON l.id = f.listing_id`;

const toPlacement = (r: FeaturedRow): FeaturedPlacement => ({
  id: r.id,
  listingId: r.listing_id,
  orgId: r.org_id,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  rank: r.rank,
  createdBy: r.created_by,
  createdAt: r.created_at,
  listingTitle: r.listing_title,
  state: r.state,
});

interface ReviewRow {
  id: string;
  listing_id: string;
  org_id: string;
  author_user_id: string;
  rating: number;
  body: string;
  seller_reply: string | null;
  replied_at: Date | null;
  hidden_at: Date | null;
  created_at: Date;
}

const toReview = (r: ReviewRow): ReviewRecord => ({
  id: r.id,
  listingId: r.listing_id,
  orgId: r.org_id,
  authorUserId: r.author_user_id,
  rating: r.rating,
  body: r.body,
  sellerReply: r.seller_reply,
  repliedAt: r.replied_at,
  hiddenAt: r.hidden_at,
  createdAt: r.created_at,
});

function affected(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : Array.isArray(result) ? result.length : 0;
}

/** Reviews (with the listing's rating aggregate kept by atomic increments), favourites, featured slots and daily counters. */
export class SqlEngagementRepository implements EngagementRepository {
  constructor(private readonly db: Queryable) {}

  async insertReview(review: ReviewRecord): Promise<boolean> {
    const rows = (await this.db.query(
      `INSERT INTO marketplace_reviews (id, listing_id, org_id, author_user_id, rating, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT marketplace_reviews_one_per_buyer DO NOTHING RETURNING id`,
      [review.id, review.listingId, review.orgId, review.authorUserId, review.rating, review.body, review.createdAt],
    )) as unknown[];
    if (rows.length === 0) return false;
    await this.db.query(`UPDATE marketplace_listings SET rating_sum = rating_sum + $2, rating_count = rating_count + 1 WHERE id = $1`, [
      review.listingId,
      review.rating,
    ]);
    return true;
  }

  async findReview(reviewId: string, lock = false): Promise<ReviewRecord | undefined> {
    const rows = (await this.db.query(`SELECT * FROM marketplace_reviews WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [reviewId])) as ReviewRow[];
    return rows[0] ? toReview(rows[0]) : undefined;
  }

  async reply(orgId: string, reviewId: string, text: string): Promise<boolean> {
    return (
      affected(
        await this.db.query(`UPDATE marketplace_reviews SET seller_reply = $3, replied_at = now() WHERE org_id = $1 AND id = $2 AND seller_reply IS NULL`, [
          orgId,
          reviewId,
          text,
        ]),
      ) > 0
    );
  }

  async hide(reviewId: string, reason: string): Promise<ReviewRecord | undefined> {
    const rows = (await this.db.query(`UPDATE marketplace_reviews SET hidden_at = now(), hidden_reason = $2 WHERE id = $1 AND hidden_at IS NULL RETURNING *`, [
      reviewId,
      reason,
    ])) as [ReviewRow[], number];
    const hidden = rows[0]?.[0];
    if (!hidden) return undefined;
    await this.db.query(`UPDATE marketplace_listings SET rating_sum = rating_sum - $2, rating_count = rating_count - 1 WHERE id = $1`, [
      hidden.listing_id,
      hidden.rating,
    ]);
    return toReview(hidden);
  }

  async unhide(reviewId: string): Promise<ReviewRecord | undefined> {
    const rows = (await this.db.query(
      `UPDATE marketplace_reviews SET hidden_at = NULL, hidden_reason = NULL WHERE id = $1 AND hidden_at IS NOT NULL RETURNING *`,
      [reviewId],
    )) as [ReviewRow[], number];
    const shown = rows[0]?.[0];
    if (!shown) return undefined;
    await this.db.query(`UPDATE marketplace_listings SET rating_sum = rating_sum + $2, rating_count = rating_count + 1 WHERE id = $1`, [
      shown.listing_id,
      shown.rating,
    ]);
    return toReview(shown);
  }

  async visibleReviews(listingId: string, limit: number, offset: number): Promise<{ rows: ReviewRecord[]; total: number }> {
    const rows = (await this.db.query(
      `SELECT *, count(*) OVER () AS total FROM marketplace_reviews WHERE listing_id = $1 AND hidden_at IS NULL ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [listingId, limit, offset],
    )) as Array<ReviewRow & { total: string }>;
    return { rows: rows.map(toReview), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  async rating(listingId: string): Promise<{ sum: number; count: number }> {
    const rows = (await this.db.query(`SELECT rating_sum, rating_count FROM marketplace_listings WHERE id = $1`, [listingId])) as Array<{
      rating_sum: number;
      rating_count: number;
    }>;
    return { sum: rows[0]?.rating_sum ?? 0, count: rows[0]?.rating_count ?? 0 };
  }

  async addFavourite(userId: string, listingId: string): Promise<boolean> {
    const rows = (await this.db.query(`INSERT INTO marketplace_favourites (user_id, listing_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING listing_id`, [
      userId,
      listingId,
    ])) as unknown[];
    return rows.length > 0;
  }

  async removeFavourite(userId: string, listingId: string): Promise<void> {
    await this.db.query(`DELETE FROM marketplace_favourites WHERE user_id = $1 AND listing_id = $2`, [userId, listingId]);
  }

  async favourites(userId: string, limit: number, offset: number): Promise<{ ids: string[]; total: number }> {
    const rows = (await this.db.query(
      `SELECT listing_id, count(*) OVER () AS total FROM marketplace_favourites WHERE user_id = $1 ORDER BY created_at DESC, listing_id LIMIT $2 OFFSET $3`,
      [userId, limit, offset],
    )) as Array<{ listing_id: string; total: string }>;
    return { ids: rows.map((r) => r.listing_id), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  async feature(slot: FeaturedSlot): Promise<void> {
    await this.db.query(`INSERT INTO marketplace_featured (id, listing_id, org_id, starts_at, ends_at, rank, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      slot.id,
      slot.listingId,
      slot.orgId,
      slot.startsAt,
      slot.endsAt,
      slot.rank,
      slot.createdBy,
    ]);
  }

  listFeatured(filter: FeaturedFilter, sort: SortOrder<(typeof FEATURED_SORTS)[number]>, page: PageRequest): Promise<Page<FeaturedPlacement>> {
    const params = new SqlParams();
    const parts: string[] = [];
    if (filter.listingId) parts.push(`f.listing_id = ${params.bind(filter.listingId)}`);
    if (filter.orgId) parts.push(`f.org_id = ${params.bind(filter.orgId)}`);
    if (filter.state === 'scheduled') parts.push('f.starts_at > now()');
    if (filter.state === 'running') parts.push('f.starts_at <= now() AND f.ends_at > now()');
    if (filter.state === 'ended') parts.push('f.ends_at <= now()');
    const where = parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '';
    const order = orderBy(sort, { created_at: 'f.created_at', starts_at: 'f.starts_at', ends_at: 'f.ends_at', rank: 'f.rank' }, 'f.id');
    return selectPage<FeaturedRow, FeaturedPlacement>(
      this.db,
      (limit, offset) =>
        `${SELECT_FEATURED.replace('SELECT f.*,', 'SELECT f.*, count(*) OVER () AS total,')} ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM marketplace_featured f ${where}`,
      params,
      page,
      toPlacement,
    );
  }

  async findFeatured(id: string): Promise<FeaturedPlacement | undefined> {
    const rows: FeaturedRow[] = await this.db.query(`${SELECT_FEATURED} WHERE f.id = $1`, [id]);
    return rows[0] && toPlacement(rows[0]);
  }

  async endFeature(id: string): Promise<FeaturedSlot | undefined> {
    const rows = (await this.db.query(
      `UPDATE marketplace_featured SET ends_at = greatest(starts_at + interval '1 millisecond', now()) WHERE id = $1 AND ends_at > now() RETURNING *`,
      [id],
    )) as [Array<{ id: string; listing_id: string; org_id: string; starts_at: Date; ends_at: Date; rank: number; created_by: string | null }>, number];
    const r = rows[0]?.[0];
    return r
      ? { id: r.id, listingId: r.listing_id, orgId: r.org_id, startsAt: r.starts_at, endsAt: r.ends_at, rank: r.rank, createdBy: r.created_by }
      : undefined;
  }

  async count(orgId: string, listingId: string, field: 'views' | 'saves' | 'purchases', by = 1): Promise<void> {
    await this.db.query(
      `INSERT INTO marketplace_listing_daily (org_id, listing_id, day, ${field}) VALUES ($1, $2, (now() AT TIME ZONE 'UTC')::date, $3)
       ON CONFLICT (org_id, listing_id, day) DO UPDATE SET ${field} = marketplace_listing_daily.${field} + EXCLUDED.${field}`,
      [orgId, listingId, by],
    );
  }

  /** One statement: the period's counters grouped per (listing, day), per day, per listing and in all (GROUPING SETS). */
  async report(orgId: string, from: string, to: string, listingId?: string): Promise<AnalyticsReport> {
    const rows = (await this.db.query(
      `SELECT listing_id, to_char(day, 'YYYY-MM-DD') AS day, GROUPING(listing_id, day) AS level,
         sum(views)::int AS views, sum(saves)::int AS saves, sum(purchases)::int AS purchases
       FROM marketplace_listing_daily
       WHERE org_id = $1 AND day >= $2::date AND day <= $3::date AND ($4::uuid IS NULL OR listing_id = $4::uuid)
       GROUP BY GROUPING SETS ((listing_id, day), (day), (listing_id), ()) ORDER BY level, day, listing_id`,
      [orgId, from, to, listingId ?? null],
    )) as Array<{ listing_id: string | null; day: string | null; level: number; views: number | null; saves: number | null; purchases: number | null }>;
    const counts = (r: (typeof rows)[number]) => ({ views: r.views ?? 0, saves: r.saves ?? 0, purchases: r.purchases ?? 0 });
    const report: AnalyticsReport = { daily: [], byDay: [], byListing: [], totals: { views: 0, saves: 0, purchases: 0 } };
    for (const r of rows) {
      // GROUPING(listing_id, day): 0 both grouped, 1 day rolled up, 2 listing rolled up, 3 both.
      if (r.level === 0) report.daily.push({ listingId: r.listing_id!, day: r.day!, ...counts(r) });
      else if (r.level === 1) report.byListing.push({ listingId: r.listing_id!, ...counts(r) });
      else if (r.level === 2) report.byDay.push({ day: r.day!, ...counts(r) });
      else report.totals = counts(r);
    }
    return report;
  }
}
