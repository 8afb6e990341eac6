import type { Queryable } from '../../../../platform/database/sql';
import { SqlParams } from '../../../../platform/database/sql';
import type { ListingActivity, ListingRepository, ListingRow, ListingListFilter, ListingForSaleRow, ListingTaxonomy } from '../../application/ports';
import { Listing, ListingDetails, ListingKind, ListingState, ListingStatus, ListingTransition } from '../../domain';

interface Row {
  id: string;
  org_id: string;
  kind: ListingKind;
  status: ListingStatus;
  title: string;
  description: string;
  price_minor: string;
  currency: string;
  stock: number | null;
  details: ListingDetails;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const COLUMNS = `id, org_id, kind, status, title, description, price_minor, currency, stock, details, published_at, created_at, updated_at, version`;

export function toState(row: Row): ListingState {
  return {
    id: row.id,
    orgId: row.org_id,
    kind: row.kind,
    status: row.status,
    title: row.title,
    description: row.description,
    priceMinor: Number(row.price_minor),
    currency: row.currency.trim(),
    stock: row.stock,
    details: row.details,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

function searchColumns(state: ListingState): { modelIds: string[]; year: number | null; condition: string | null; sha: string | null } {
  const d = state.details;
  if (d.kind === 'tune') return { modelIds: d.modelIds, year: null, condition: d.stage, sha: d.file?.sha256 ?? null };
  if (d.kind === 'vehicle') return { modelIds: [d.modelId], year: d.year, condition: d.condition, sha: null };
  return { modelIds: d.modelIds, year: null, condition: d.condition, sha: null };
}

/** Listings in plain SQL; every tenant query filters by org_id. */
export class SqlListingRepository implements ListingRepository {
  constructor(private readonly db: Queryable) {}

  async findInOrg(orgId: string, id: string, lock = false): Promise<Listing | undefined> {
    const rows = (await this.db.query(`SELECT ${COLUMNS} FROM marketplace_listings WHERE org_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [
      orgId,
      id,
    ])) as Row[];
    return rows[0] ? Listing.restore(toState(rows[0])) : undefined;
  }

  async findAny(id: string, lock = false): Promise<Listing | undefined> {
    const rows = (await this.db.query(`SELECT ${COLUMNS} FROM marketplace_listings WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as Row[];
    return rows[0] ? Listing.restore(toState(rows[0])) : undefined;
  }

  async insert(listing: Listing): Promise<void> {
    const s = listing.snapshot();
    const c = searchColumns(s);
    await this.db.query(
      `INSERT INTO marketplace_listings (id, org_id, kind, status, title, description, price_minor, currency, stock, details, model_ids, year, condition, file_sha256, published_at, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        s.id,
        s.orgId,
        s.kind,
        s.status,
        s.title,
        s.description,
        s.priceMinor,
        s.currency,
        s.stock,
        s.details,
        c.modelIds,
        c.year,
        c.condition,
        c.sha,
        s.publishedAt,
        s.createdAt,
        s.updatedAt,
        s.version,
      ],
    );
  }

  /** Writes the listing's state; the caller holds the row lock (FOR UPDATE) for the whole transaction. Stock is written by reservations only. */
  async update(listing: Listing): Promise<void> {
    const s = listing.snapshot();
    const c = searchColumns(s);
    await this.db.query(
      `UPDATE marketplace_listings SET status = $3, title = $4, description = $5, price_minor = $6, currency = $7, details = $8, model_ids = $9, year = $10,
         condition = $11, file_sha256 = $12, published_at = $13, updated_at = $14, version = $15,
         stock = CASE WHEN kind = 'part' AND $16::integer IS NOT NULL THEN $16::integer ELSE stock END
       WHERE org_id = $1 AND id = $2`,
      [
        s.orgId,
        s.id,
        s.status,
        s.title,
        s.description,
        s.priceMinor,
        s.currency,
        s.details,
        c.modelIds,
        c.year,
        c.condition,
        c.sha,
        s.publishedAt,
        s.updatedAt,
        s.version,
        s.stock,
      ],
    );
  }

  async recordTransitions(listing: Listing, transitions: ListingTransition[], actorUserId: string | null): Promise<void> {
    for (const t of transitions) {
      await this.db.query(
        `INSERT INTO marketplace_listing_transitions (listing_id, org_id, from_status, to_status, reason, actor_user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [listing.id, listing.orgId, t.from, t.to, t.reason, actorUserId, t.at],
      );
    }
  }

  async transitions(orgId: string, listingId: string): Promise<Array<ListingTransition & { actorUserId: string | null }>> {
    const rows = (await this.db.query(
      `SELECT from_status, to_status, reason, actor_user_id, at FROM marketplace_listing_transitions WHERE org_id = $1 AND listing_id = $2 ORDER BY id`,
      [orgId, listingId],
    )) as Array<{ from_status: ListingStatus | null; to_status: ListingStatus; reason: string | null; actor_user_id: string | null; at: Date }>;
    return rows.map((r) => ({ from: r.from_status, to: r.to_status, reason: r.reason, actorUserId: r.actor_user_id, at: r.at }));
  }

  async listInOrg(orgId: string, filter: ListingListFilter): Promise<{ rows: ListingRow[]; total: number }> {
    const params = new SqlParams();
    const where = [`org_id = ${params.bind(orgId)}`];
    if (filter.kind) where.push(`kind = ${params.bind(filter.kind)}`);
    if (filter.status) where.push(`status = ${params.bind(filter.status)}`);
    const rows = (await this.db.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM marketplace_listings WHERE ${where.join(' AND ')}
       ORDER BY created_at DESC, id LIMIT ${params.bind(filter.limit)} OFFSET ${params.bind(filter.offset)}`,
      params.values,
    )) as Array<Row & { total: string }>;
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (!rows[0] && filter.offset > 0) {
      const count = (await this.db.query(
        `SELECT count(*)::int AS n FROM marketplace_listings WHERE ${where.join(' AND ')}`,
        params.values.slice(0, -2),
      )) as Array<{
        n: number;
      }>;
      total = count[0].n;
    }
    return { rows: rows.map(toState), total };
  }

  /** Listings waiting for a human, oldest first (the moderation queue; platform-wide). */
  async createdByDay(since: Date): Promise<Array<{ day: string; count: number }>> {
    return (await this.db.query(
      `SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS count FROM marketplace_listings WHERE created_at >= $1 GROUP BY 1 ORDER BY 1`,
      [since],
    )) as Array<{ day: string; count: number }>;
  }

  async activityByDay(orgId: string, until: Date): Promise<ListingActivity> {
    const day = `to_char(date_trunc('day', t.at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;
    const [created, verdicts, creators] = await Promise.all([
      this.db.query(
        `SELECT ${day} AS day, t.actor_user_id AS user_id, count(*)::int AS count FROM marketplace_listing_transitions t
         WHERE t.org_id = $1 AND t.from_status IS NULL AND t.at < $2 GROUP BY 1, 2`,
        [orgId, until],
      ) as Promise<Array<{ day: string; user_id: string | null; count: number }>>,
      this.db.query(
        `SELECT ${day} AS day, c.actor_user_id AS user_id, t.to_status AS verdict, count(*)::int AS count FROM marketplace_listing_transitions t
         LEFT JOIN LATERAL (SELECT actor_user_id FROM marketplace_listing_transitions f
                            WHERE f.org_id = t.org_id AND f.listing_id = t.listing_id AND f.from_status IS NULL ORDER BY f.id LIMIT 1) c ON true
         WHERE t.org_id = $1 AND t.to_status IN ('approved', 'rejected', 'needs_human') AND t.at < $2 GROUP BY 1, 2, 3`,
        [orgId, until],
      ) as Promise<Array<{ day: string; user_id: string | null; verdict: 'approved' | 'rejected' | 'needs_human'; count: number }>>,
      this.db.query(
        `SELECT DISTINCT ON (listing_id) listing_id, actor_user_id AS user_id FROM marketplace_listing_transitions
         WHERE org_id = $1 AND from_status IS NULL ORDER BY listing_id, id`,
        [orgId],
      ) as Promise<Array<{ listing_id: string; user_id: string | null }>>,
    ]);
    return {
      created: created.map((r) => ({ day: r.day, userId: r.user_id, count: r.count })),
      verdicts: verdicts.map((r) => ({ day: r.day, userId: r.user_id, verdict: r.verdict, count: r.count })),
      creators: creators.map((r) => ({ listingId: r.listing_id, userId: r.user_id })),
    };
  }

  async awaitingHuman(limit: number, offset: number): Promise<{ rows: ListingRow[]; total: number }> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM marketplace_listings WHERE status = 'needs_human' ORDER BY updated_at, id LIMIT $1 OFFSET $2`,
      [limit, offset],
    )) as Array<Row & { total: string }>;
    let total = rows[0] ? Number(rows[0].total) : 0;
    if (!rows[0] && offset > 0)
      total = ((await this.db.query(`SELECT count(*)::int AS n FROM marketplace_listings WHERE status = 'needs_human'`)) as Array<{ n: number }>)[0].n;
    return { rows: rows.map(toState), total };
  }

  async forSale(ids: string[]): Promise<ListingForSaleRow[]> {
    if (ids.length === 0) return [];
    const rows = (await this.db.query(
      `SELECT id, org_id, kind, title, price_minor, currency, status, stock FROM marketplace_listings WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as Array<{ id: string; org_id: string; kind: ListingKind; title: string; price_minor: string; currency: string; status: string; stock: number | null }>;
    return rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      kind: r.kind,
      title: r.title,
      priceMinor: Number(r.price_minor),
      currency: r.currency.trim(),
      status: r.status,
      stock: r.stock,
    }));
  }

  /** Another organization's listing with a tune file of this SHA-256. */
  async fileSoldElsewhere(orgId: string, sha256: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM marketplace_listings WHERE file_sha256 = $1 AND org_id <> $2 AND kind = 'tune' LIMIT 1`, [
      sha256,
      orgId,
    ])) as unknown[];
    return rows.length > 0;
  }

  async setTaxonomy(orgId: string, id: string, taxonomy: ListingTaxonomy): Promise<void> {
    await this.db.query(`UPDATE marketplace_listings SET brand_ids = $3::uuid[], vehicle_type_ids = $4::uuid[] WHERE org_id = $1 AND id = $2`, [
      orgId,
      id,
      taxonomy.brandIds,
      taxonomy.vehicleTypeIds,
    ]);
  }
}
