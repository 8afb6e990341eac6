import type { Queryable } from '../../../../platform/database/sql';
import { SqlParams } from '../../../../platform/database/sql';
import type { ListingSearch, SearchFilter, SearchHit, SearchPage } from '../../application/ports';
import { toState } from './listing.repository';

const COLUMNS = `l.id, l.org_id, l.kind, l.status, l.title, l.description, l.price_minor, l.currency, l.stock, l.details, l.published_at, l.created_at, l.updated_at, l.version, l.rating_sum, l.rating_count`;
const ACTIVE = `f.starts_at <= now() AND f.ends_at > now()`;
/** The rating sort's expression (indexed as is by marketplace_listings_rating_idx). */
const RATING = 'coalesce(l.rating_sum::float8 / nullif(l.rating_count, 0), 0)';

interface Sort {
  expr: string;
  dir: 'ASC' | 'DESC';
  type: 'timestamptz' | 'bigint' | 'float8';
}

function sortOf(filter: SearchFilter, query: string | null): Sort {
  switch (filter.sort) {
    case 'price_asc':
      return { expr: 'l.price_minor', dir: 'ASC', type: 'bigint' };
    case 'price_desc':
      return { expr: 'l.price_minor', dir: 'DESC', type: 'bigint' };
    case 'rating':
      return { expr: RATING, dir: 'DESC', type: 'float8' };
    case 'relevance':
      if (query)
        return {
          expr: `(ts_rank(l.search_vector, websearch_to_tsquery('simple', ${query}))::float8 + similarity(l.title, ${query})::float8)`,
          dir: 'DESC',
          type: 'float8',
        };
      return { expr: 'l.published_at', dir: 'DESC', type: 'timestamptz' };
    default:
      return { expr: 'l.published_at', dir: 'DESC', type: 'timestamptz' };
  }
}

type Row = Parameters<typeof toState>[0] & { rating_sum: number; rating_count: number; featured: boolean; sort_value: unknown; block: number };

function hit(row: Row): SearchHit {
  return { listing: toState(row), featured: row.featured, ratingSum: row.rating_sum, ratingCount: row.rating_count, sortValue: row.sort_value };
}

/**
 * The SQL of one search (also what the bench's baseline runs): published
 * listings matching the filters, in one statement. Active featured listings
 * that match (at most `featuredSlots`, by rank) come first on the first page,
 * marked, and are left out of the keyset pages so no page repeats them; the
 * pages are count-free keyset pages (`limit + 1` rows tell whether another
 * follows). Every filter and sort has a partial index of published listings
 * (GIN tsvector, GIN trigram, GIN model/brand/type ids, btree per sort).
 */
export function searchStatement(filter: SearchFilter): { sql: string; params: unknown[]; sort: Sort } {
  const params = new SqlParams();
  const where = [`l.status = 'published'`];
  let query: string | null = null;
  if (filter.q) {
    query = params.bind(filter.q);
    where.push(`(l.search_vector @@ websearch_to_tsquery('simple', ${query}) OR l.title % ${query})`);
  }
  if (filter.kind) where.push(`l.kind = ${params.bind(filter.kind)}`);
  if (filter.orgId) where.push(`l.org_id = ${params.bind(filter.orgId)}::uuid`);
  if (filter.modelId) where.push(`l.model_ids @> ARRAY[${params.bind(filter.modelId)}]::uuid[]`);
  if (filter.brandId) where.push(`l.brand_ids @> ARRAY[${params.bind(filter.brandId)}]::uuid[]`);
  if (filter.vehicleTypeId) where.push(`l.vehicle_type_ids @> ARRAY[${params.bind(filter.vehicleTypeId)}]::uuid[]`);
  if (filter.condition) where.push(`l.condition = ${params.bind(filter.condition)}`);
  if (filter.currency) where.push(`l.currency = ${params.bind(filter.currency)}`);
  if (filter.priceMin !== undefined) where.push(`l.price_minor >= ${params.bind(filter.priceMin)}`);
  if (filter.priceMax !== undefined) where.push(`l.price_minor <= ${params.bind(filter.priceMax)}`);
  if (filter.yearMin !== undefined) where.push(`l.year >= ${params.bind(filter.yearMin)}`);
  if (filter.yearMax !== undefined) where.push(`l.year <= ${params.bind(filter.yearMax)}`);
  const sort = sortOf(filter, query);
  const base = where.join(' AND ');
  const keyset = filter.cursor
    ? ` AND (${sort.expr}, l.id) ${sort.dir === 'DESC' ? '<' : '>'} (${params.bind(filter.cursor.value)}::${sort.type}, ${params.bind(filter.cursor.id)}::uuid)`
    : '';
  const slots = filter.featuredSlots > 0;
  const featured = slots
    ? `WITH top AS MATERIALIZED (
         SELECT l.id, fr.rank FROM marketplace_listings l
         JOIN (SELECT f.listing_id, min(f.rank) AS rank FROM marketplace_featured f WHERE ${ACTIVE} GROUP BY f.listing_id) fr ON fr.listing_id = l.id
         WHERE ${base} ORDER BY fr.rank, l.id LIMIT ${params.bind(filter.featuredSlots)})
       `
    : '';
  const firstBlock =
    slots && !filter.cursor
      ? `SELECT ${COLUMNS}, NULL::${sort.type} AS sort_value, true AS featured, 0 AS block, row_number() OVER (ORDER BY top.rank, l.id) AS ord
         FROM top JOIN marketplace_listings l ON l.id = top.id
         UNION ALL
         `
      : '';
  const sql = `${featured}SELECT * FROM (
       ${firstBlock}(SELECT ${COLUMNS}, ${sort.expr} AS sort_value,
          EXISTS (SELECT 1 FROM marketplace_featured f WHERE f.listing_id = l.id AND ${ACTIVE}) AS featured,
          1 AS block, row_number() OVER (ORDER BY ${sort.expr} ${sort.dir}, l.id ${sort.dir}) AS ord
        FROM marketplace_listings l WHERE ${base}${keyset}${slots ? ' AND l.id NOT IN (SELECT top.id FROM top)' : ''}
        ORDER BY ${sort.expr} ${sort.dir}, l.id ${sort.dir} LIMIT ${params.bind(filter.limit + 1)})
     ) r ORDER BY block, ord`;
  return { sql, params: params.values, sort };
}

/** The public search: one statement per request (see searchStatement). */
export class SqlListingSearch implements ListingSearch {
  constructor(private readonly db: Queryable) {}

  async search(filter: SearchFilter): Promise<SearchPage> {
    const { sql, params } = searchStatement(filter);
    const rows = (await this.db.query(sql, params)) as Row[];
    const featured = rows.filter((row) => row.block === 0).map(hit);
    const results = rows.filter((row) => row.block !== 0);
    const more = results.length > filter.limit;
    const page = results.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      featured,
      data: page.map(hit),
      next: more && last ? { value: last.sort_value instanceof Date ? last.sort_value.toISOString() : Number(last.sort_value), id: last.id } : null,
    };
  }
}
