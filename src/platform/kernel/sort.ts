/**
 * A list's order, from a `sort` query value such as `-created_at` (a leading `-` for descending). Lists accept only
 * the fields of their allow-list (validate with `@IsIn(sortChoices(FIELDS))`, so anything else is a 400 problem), and
 * each repository maps a field to its own column: the value never reaches SQL.
 */
export interface SortOrder<F extends string = string> {
  field: F;
  descending: boolean;
}

/** Every value `sort` may take for these fields: each field, ascending and descending. */
export function sortChoices(fields: readonly string[]): string[] {
  return fields.flatMap((field) => [field, `-${field}`]);
}

/** The order a validated `sort` value names, or `fallback` when there is none. */
export function toSortOrder<F extends string>(value: string | undefined, fallback: SortOrder<F>): SortOrder<F> {
  if (!value) return fallback;
  return value.startsWith('-') ? { field: value.slice(1) as F, descending: true } : { field: value as F, descending: false };
}

/** `column ASC|DESC` for an order whose field maps to a column of the allow-list; the tie-breaker keeps pages stable. */
export function orderBy<F extends string>(sort: SortOrder<F>, columns: Record<F, string>, tieBreaker: string): string {
  const column = columns[sort.field];
  if (!column) throw new Error(`not a sortable field: ${sort.field}`);
  return `${column} ${sort.descending ? 'DESC' : 'ASC'} NULLS LAST, ${tieBreaker}`;
}
