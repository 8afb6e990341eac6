import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CatalogListing, ListingCatalogRepository, SimilarityRepository } from '../../application/ports';

interface ListingRow {
  listing_id: string;
  org_id: string;
  kind: string;
  title: string;
  price_minor: string;
  currency: string;
}

/** ai_listing_catalog: the published listings recommendations choose from (a read model fed by marketplace events). */
@Injectable()
export class SqlListingCatalog implements ListingCatalogRepository {
  constructor(private readonly db: DataSource) {}

  async upsert(l: CatalogListing, published: boolean): Promise<void> {
    await this.db.query(
      `INSERT INTO ai_listing_catalog (listing_id, org_id, kind, title, price_minor, currency, published, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (listing_id) DO UPDATE SET org_id = EXCLUDED.org_id, kind = EXCLUDED.kind, title = EXCLUDED.title,
         price_minor = EXCLUDED.price_minor, currency = EXCLUDED.currency, published = EXCLUDED.published, updated_at = now()`,
      [l.listingId, l.orgId, l.kind, l.title, l.priceMinor, l.currency, published],
    );
  }

  async unpublish(listingId: string): Promise<void> {
    await this.db.query(`UPDATE ai_listing_catalog SET published = false, updated_at = now() WHERE listing_id = $1`, [listingId]);
  }

  async published(limit: number): Promise<CatalogListing[]> {
    const rows: ListingRow[] = await this.db.query(
      `SELECT listing_id, org_id, kind, title, price_minor, currency FROM ai_listing_catalog WHERE published ORDER BY updated_at DESC, listing_id LIMIT $1`,
      [limit],
    );
    return rows.map(toListing);
  }

  async byIds(listingIds: string[]): Promise<CatalogListing[]> {
    if (listingIds.length === 0) return [];
    const rows: ListingRow[] = await this.db.query(
      `SELECT listing_id, org_id, kind, title, price_minor, currency FROM ai_listing_catalog WHERE listing_id = ANY($1::uuid[])`,
      [listingIds],
    );
    return rows.map(toListing);
  }
}

function toListing(r: ListingRow): CatalogListing {
  return { listingId: r.listing_id, orgId: r.org_id, kind: r.kind, title: r.title, priceMinor: Number(r.price_minor), currency: r.currency };
}

/** ai_item_similarities: the item-to-item collaborative model, replaced by the scheduled job. */
@Injectable()
export class SqlSimilarities implements SimilarityRepository {
  constructor(private readonly db: DataSource) {}

  async replaceAll(rows: Array<{ listingId: string; similarListingId: string; score: number; coUsers: number }>): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.query(`DELETE FROM ai_item_similarities`);
      const CHUNK = 5000;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = rows.slice(i, i + CHUNK);
        await manager.query(
          `INSERT INTO ai_item_similarities (listing_id, similar_listing_id, score, co_users)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::real[], $4::int[])`,
          [part.map((r) => r.listingId), part.map((r) => r.similarListingId), part.map((r) => r.score), part.map((r) => r.coUsers)],
        );
      }
    });
  }

  async forItems(listingIds: string[]): Promise<Map<string, Array<{ listingId: string; score: number }>>> {
    const map = new Map<string, Array<{ listingId: string; score: number }>>();
    if (listingIds.length === 0) return map;
    const rows: Array<{ listing_id: string; similar_listing_id: string; score: number }> = await this.db.query(
      `SELECT listing_id, similar_listing_id, score FROM ai_item_similarities WHERE listing_id = ANY($1::uuid[]) ORDER BY score DESC`,
      [listingIds],
    );
    for (const row of rows) {
      const list = map.get(row.listing_id) ?? [];
      list.push({ listingId: row.similar_listing_id, score: row.score });
      map.set(row.listing_id, list);
    }
    return map;
  }
}
