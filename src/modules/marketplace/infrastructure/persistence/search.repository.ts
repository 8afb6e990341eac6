import type { Queryable } from '../../../../platform/database/sql';
import { SqlParams } from '../../../../platform/database/sql';
import type { ListingSearch, SearchFilter, SearchHit, SearchPage } from '../../application/ports';
import { toState } from './listing.repository';

const COLUMNS = `l.id, l.org_id, l.kind, l.status, l.title, l.description, l.price_minor, l.currency, l.stock, l.details, l.published_at, l.created_at, l.updated_at, l.version, l.rating_sum, l.rating_count`;
const ACTIVE = `f.starts_at <= now() AND f.ends_at > now()`;

function sortOf(filter: SearchFilter, query: string | null): { expr: string; dir: 'ASC' | 'DESC' } {
  switch (filter.sort) {
    case 'price_asc':
      return { expr: 'l.price_minor', dir: 'ASC' };
    case 'price_desc':
      return { expr: 'l.price_minor', dir: 'DESC' };
    case 'rating':
      return { expr: 'coalesce(l.rating_sum::float8 / nullif(l.rating_count, 0), 0)', dir: 'DESC' };
    case 'relevance':
      if (query)
        return { expr: `(ts_rank(l.search_vector, websearch_to_tsquery('simple', ${query}))::float8 + similarity(l.title, ${query})::float8)`, dir: 'DESC' };
      return { expr: 'l.published_at', dir: 'DESC' };
    default:
      return { expr: 'l.published_at', dir: 'DESC' };
  }
}

type Row = Parameters<typeof toState>[0] & { rating_sum: number; rating_count: number; featured?: boolean; sort_value: unknown };

function hit(row: Row, featured: boolean): SearchHit {
  return { listing: toState(row), featured, ratingSum: row.rating_sum, ratingCount: row.rating_count, sortValue: row.sort_value };
}

/**
 * The public search: published listings only, one statement per block (the
 * featured block on the first page, then a keyset page), on partial indexes
 * of published listings (GIN tsvector, GIN trigram, btree per sort).
 */
export class SqlListingSearch implements ListingSearch {
  constructor(private readonly db: Queryable) {}

  async search(filter: SearchFilter): Promise<SearchPage> {
    const params = new SqlParams();
    const where = [`l.status = 'published'`];
    let query: string | null = null;
    if (filter.q) {
      query = params.bind(filter.q);
      where.push(`(l.search_vector @@ websearch_to_tsquery('simple', ${query}) OR l.title % ${query})`);
    }
    if (filter.kind) where.push(`l.kind = ${params.bind(filter.kind)}`);
    if (filter.orgId) where.push(`l.org_id = ${params.bind(filter.orgId)}`);
    if (filter.modelId) where.push(`l.model_ids @> ARRAY[${params.bind(filter.modelId)}]::uuid[]`);
    if (filter.condition) where.push(`l.condition = ${params.bind(filter.condition)}`);
    if (filter.currency) where.push(`l.currency = ${params.bind(filter.currency)}`);
    if (filter.priceMin !== undefined) where.push(`l.price_minor >= ${params.bind(filter.priceMin)}`);
    if (filter.priceMax !== undefined) where.push(`l.price_minor <= ${params.bind(filter.priceMax)}`);
    if (filter.yearMin !== undefined) where.push(`l.year >= ${params.bind(filter.yearMin)}`);
    if (filter.yearMax !== undefined) where.push(`l.year <= ${params.bind(filter.yearMax)}`);
    const sort = sortOf(filter, query);
    const base = where.join(' AND ');

    let featured: SearchHit[] = [];
    if (!filter.cursor && filter.featuredSlots > 0) {
      const rows = (await this.db.query(
        `SELECT ${COLUMNS}, fr.rank AS sort_value FROM marketplace_listings l
         JOIN (SELECT f.listing_id, min(f.rank) AS rank FROM marketplace_featured f WHERE ${ACTIVE} GROUP BY f.listing_id) fr ON fr.listing_id = l.id
         WHERE ${base} ORDER BY fr.rank, l.id LIMIT ${filter.featuredSlots}`,
        params.values,
      )) as Row[];
      featured = rows.map((row) => hit(row, true));
    }

    const pageParams = [...params.values];
    const bind = (value: unknown) => {
      pageParams.push(value);
      return `$${pageParams.length}`;
    };
    const keyset = filter.cursor
      ? ` AND (${sort.expr}, l.id) ${sort.dir === 'DESC' ? '<' : '>'} (${bind(filter.cursor.value)}${sort.expr === 'l.published_at' ? '::timestamptz' : ''}, ${bind(filter.cursor.id)}::uuid)`
      : '';
    const rows = (await this.db.query(
      `SELECT ${COLUMNS}, ${sort.expr} AS sort_value,
         EXISTS (SELECT 1 FROM marketplace_featured f WHERE f.listing_id = l.id AND ${ACTIVE}) AS featured
       FROM marketplace_listings l WHERE ${base}${keyset}
       ORDER BY ${sort.expr} ${sort.dir}, l.id ${sort.dir} LIMIT ${bind(filter.limit + 1)}`,
      pageParams,
    )) as Row[];
    const more = rows.length > filter.limit;
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    const shown = new Set(featured.map((f) => f.listing.id));
    return {
      featured,
      data: page.filter((row) => !shown.has(row.id)).map((row) => hit(row, row.featured === true)),
      next: more && last ? { value: last.sort_value instanceof Date ? last.sort_value.toISOString() : Number(last.sort_value), id: last.id } : null,
    };
  }
}
