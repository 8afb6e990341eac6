import type { AccessRule } from './rules';

/** Who may call each marketplace operation (see access-table.ts). */
export const MARKETPLACE_ACCESS: Record<string, AccessRule> = {};
