import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CatalogListing, IndexedListing, ListingCatalogRepository, SimilarityRepository } from '../../application/ports';

interface ListingRow {
  listing_id: string;
  org_id: string;
  kind: string;
  title: string;
  description: string;
  model_ids: string[];
  price_minor: string;
  currency: string;
}

interface IndexedRow extends ListingRow {
  published: boolean;
  version: string;
  embedding_model: string | null;
}

const LISTING_COLUMNS = 'listing_id, org_id, kind, title, description, model_ids, price_minor, currency';
/** Vectors kept in memory per process (a few KB each); the least recently loaded go first. */
const MAX_CACHED_VECTORS = 5000;

/** What the embedding is computed from changed (price and status do not count). */
const CONTENT_CHANGED = `(ai_listing_catalog.title IS DISTINCT FROM EXCLUDED.title OR ai_listing_catalog.description IS DISTINCT FROM EXCLUDED.description
  OR ai_listing_catalog.kind IS DISTINCT FROM EXCLUDED.kind OR ai_listing_catalog.model_ids IS DISTINCT FROM EXCLUDED.model_ids)`;

/** ai_listing_catalog: the published listings recommendations choose from (a read model fed by marketplace events). */
@Injectable()
export class SqlListingCatalog implements ListingCatalogRepository {
  /** listing id -> its vector, the model and when it was embedded (a new embedding has a new embedded_at). */
  private readonly vectors = new Map<string, { model: string; embeddedAt: number; vector: Float32Array }>();

  constructor(private readonly db: DataSource) {}

  async upsert(l: CatalogListing, published: boolean): Promise<void> {
    await this.db.query(
      `INSERT INTO ai_listing_catalog (listing_id, org_id, kind, title, description, model_ids, price_minor, currency, published, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (listing_id) DO UPDATE SET org_id = EXCLUDED.org_id, kind = EXCLUDED.kind, title = EXCLUDED.title,
         description = EXCLUDED.description, model_ids = EXCLUDED.model_ids,
         price_minor = EXCLUDED.price_minor, currency = EXCLUDED.currency, published = EXCLUDED.published, updated_at = now(),
         embedding = CASE WHEN ${CONTENT_CHANGED} THEN NULL ELSE ai_listing_catalog.embedding END,
         embedding_model = CASE WHEN ${CONTENT_CHANGED} THEN NULL ELSE ai_listing_catalog.embedding_model END,
         embedded_at = CASE WHEN ${CONTENT_CHANGED} THEN NULL ELSE ai_listing_catalog.embedded_at END`,
      [l.listingId, l.orgId, l.kind, l.title, l.description, l.modelIds, l.priceMinor, l.currency, published],
    );
  }

  async unpublish(listingId: string): Promise<void> {
    await this.db.query(`UPDATE ai_listing_catalog SET published = false, updated_at = now() WHERE listing_id = $1`, [listingId]);
  }

  async published(limit: number): Promise<CatalogListing[]> {
    const rows: ListingRow[] = await this.db.query(
      `SELECT ${LISTING_COLUMNS} FROM ai_listing_catalog WHERE published ORDER BY updated_at DESC, listing_id LIMIT $1`,
      [limit],
    );
    return rows.map(toListing);
  }

  async byIds(listingIds: string[]): Promise<CatalogListing[]> {
    if (listingIds.length === 0) return [];
    const rows: ListingRow[] = await this.db.query(`SELECT ${LISTING_COLUMNS} FROM ai_listing_catalog WHERE listing_id = ANY($1::uuid[])`, [listingIds]);
    return rows.map(toListing);
  }

  async indexed(listingId: string): Promise<IndexedListing | undefined> {
    const rows: IndexedRow[] = await this.db.query(
      `SELECT ${LISTING_COLUMNS}, published, updated_at::text AS version, embedding_model FROM ai_listing_catalog WHERE listing_id = $1`,
      [listingId],
    );
    return rows[0] && toIndexed(rows[0]);
  }

  async unembedded(model: string, limit: number): Promise<IndexedListing[]> {
    const rows: IndexedRow[] = await this.db.query(
      `SELECT ${LISTING_COLUMNS}, published, updated_at::text AS version, embedding_model FROM ai_listing_catalog
       WHERE published AND (embedding IS NULL OR embedding_model <> $1) ORDER BY updated_at, listing_id LIMIT $2`,
      [model, limit],
    );
    return rows.map(toIndexed);
  }

  async storeEmbedding(listingId: string, version: string, vector: number[], model: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `UPDATE ai_listing_catalog SET embedding = $3::real[], embedding_model = $4, embedded_at = clock_timestamp()
       WHERE listing_id = $1 AND updated_at = $2::timestamptz RETURNING listing_id`,
      [listingId, version, vector, model],
    );
    return rows.length > 0;
  }

  /**
   * Candidates' vectors for scoring in memory: one light query tells which
   * listings have a vector of this model and since when; only the ones this
   * process has not loaded yet (or that were embedded again) are fetched.
   */
  async embeddings(listingIds: string[], model: string): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    if (listingIds.length === 0) return out;
    const current: Array<{ listing_id: string; embedded_at: Date }> = await this.db.query(
      `SELECT listing_id, embedded_at FROM ai_listing_catalog WHERE listing_id = ANY($1::uuid[]) AND embedding_model = $2`,
      [listingIds, model],
    );
    const missing: string[] = [];
    for (const row of current) {
      const cached = this.vectors.get(row.listing_id);
      if (cached && cached.model === model && cached.embeddedAt === row.embedded_at.getTime()) out.set(row.listing_id, cached.vector);
      else missing.push(row.listing_id);
    }
    if (missing.length > 0) {
      const rows: Array<{ listing_id: string; embedded_at: Date; embedding: number[] }> = await this.db.query(
        `SELECT listing_id, embedded_at, embedding FROM ai_listing_catalog WHERE listing_id = ANY($1::uuid[]) AND embedding_model = $2`,
        [missing, model],
      );
      for (const row of rows) {
        const vector = Float32Array.from(row.embedding);
        this.vectors.delete(row.listing_id);
        this.vectors.set(row.listing_id, { model, embeddedAt: row.embedded_at.getTime(), vector });
        out.set(row.listing_id, vector);
      }
      for (const id of this.vectors.keys()) {
        if (this.vectors.size <= MAX_CACHED_VECTORS) break;
        this.vectors.delete(id);
      }
    }
    return out;
  }
}

function toListing(r: ListingRow): CatalogListing {
  return {
    listingId: r.listing_id,
    orgId: r.org_id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    modelIds: r.model_ids,
    priceMinor: Number(r.price_minor),
    currency: r.currency,
  };
}

function toIndexed(r: IndexedRow): IndexedListing {
  return { ...toListing(r), published: r.published, version: r.version, embeddingModel: r.embedding_model };
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
