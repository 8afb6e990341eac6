import type { DataSource, EntityManager } from 'typeorm';
import { Page, PageRequest, pageOffset, toPage } from '../../../../platform/kernel';

export type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** Collects bind parameters and hands out their placeholders ($1, $2…). */
export class SqlParams {
  readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** What Postgres said about a failed statement (TypeORM copies the driver error's fields). */
export function pgError(error: unknown): { code?: string; constraint?: string } {
  const source = (error as { driverError?: unknown }).driverError ?? error;
  const { code, constraint } = (source ?? {}) as { code?: unknown; constraint?: unknown };
  return { code: typeof code === 'string' ? code : undefined, constraint: typeof constraint === 'string' ? constraint : undefined };
}

export const UNIQUE_VIOLATION = '23505';

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
 * One page of a list whose SELECT carries `count(*) OVER () AS total`: one
 * round trip, plus a COUNT only when the page is past the end.
 */
export async function selectPage<Row, View>(
  db: Queryable,
  select: (limit: string, offset: string) => string,
  count: string,
  params: SqlParams,
  page: PageRequest,
  map: (row: Row) => View,
): Promise<Page<View>> {
  const filterValues = [...params.values];
  const rows: Array<Row & { total: string }> = await db.query(select(params.bind(page.limit), params.bind(pageOffset(page))), params.values);
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && page.page > 1) {
    const [counted] = (await db.query(count, filterValues)) as Array<{ total: string }>;
    total = Number(counted.total);
  }
  return toPage(rows.map(map), total, page);
}

/** Escapes LIKE wildcards in user input. */
export function likeContains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
