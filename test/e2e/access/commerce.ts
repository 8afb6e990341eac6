import type { AccessRule } from './rules';

/** Who may call each commerce operation (see access-table.ts). */
export const COMMERCE_ACCESS: Record<string, AccessRule> = {};
