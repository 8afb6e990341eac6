import type { CatalogListStatus } from '../../application/ports';

/** The WHERE condition of a list's status filter on the table aliased by `prefix` ('b.', 'm.' or ''); active by default. */
export function retiredCondition(prefix: string, status: CatalogListStatus = 'active'): string {
  if (status === 'all') return 'true';
  return status === 'retired' ? `${prefix}retired_at IS NOT NULL` : `${prefix}retired_at IS NULL`;
}
