/** TypeORM gives `[rows, count]` for UPDATE/DELETE … RETURNING on Postgres, and the rows for INSERT … RETURNING. */
export function returnedRows<Row>(result: unknown): Row[] {
  const value = result as unknown[];
  return (Array.isArray(value) && value.length === 2 && Array.isArray(value[0]) && typeof value[1] === 'number' ? value[0] : value) as Row[];
}
