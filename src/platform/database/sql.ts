import type { DataSource, EntityManager } from 'typeorm';
import { Page, PageRequest, pageOffset, toPage } from '../kernel';

export type Queryable = Pick<DataSource | EntityManager, 'query'>;

/**
 * Small helpers for the plain-SQL repositories of the contexts (hot reads and
 * lists where TypeORM's query building costs more than the query).
 */

/** Collects bind parameters and hands out their placeholders ($1, $2…). */
export class SqlParams {
  readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `column = $n` for each change that is not undefined (null is a value: it clears the column). */
export function assignments(changes: Record<string, unknown>, params: SqlParams): string[] {
  return Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => `${column} = ${params.bind(value)}`);
}

/** What Postgres said about a failed statement (TypeORM copies the driver error's fields). */
export function pgError(error: unknown): { code?: string; constraint?: string } {
  const source = (error as { driverError?: unknown }).driverError ?? error;
  const { code, constraint } = (source ?? {}) as { code?: unknown; constraint?: unknown };
  return { code: typeof code === 'string' ? code : undefined, constraint: typeof constraint === 'string' ? constraint : undefined };
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

/** Runs `work`, turning a unique violation of `constraint` into `error()`. */
export async function uniqueAs<T>(work: () => Promise<T>, constraint: string, error: () => Error): Promise<T> {
  try {
    return await work();
  } catch (caught) {
    const { code, constraint: violated } = pgError(caught);
    if (code === UNIQUE_VIOLATION && violated === constraint) throw error();
    throw caught;
  }
}

/**
 * One page of a list whose SELECT carries `count(*) OVER () AS total` and ends
 * with `LIMIT $limit OFFSET $offset`: one round trip, plus a COUNT only when the
 * page is past the end (no row to read the total from).
 */
export async function selectPage<Row, View>(
  db: Queryable,
  sql: (limit: string, offset: string) => string,
  countSql: string,
  params: SqlParams,
  page: PageRequest,
  map: (row: Row) => View,
): Promise<Page<View>> {
  const filterValues = [...params.values];
  const rows: Array<Row & { total: string }> = await db.query(sql(params.bind(page.limit), params.bind(pageOffset(page))), params.values);
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && page.page > 1) {
    const [count] = (await db.query(countSql, filterValues)) as Array<{ total: string }>;
    total = Number(count.total);
  }
  return toPage(rows.map(map), total, page);
}

/** Escapes LIKE wildcards in user input. */
export function likeContains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
