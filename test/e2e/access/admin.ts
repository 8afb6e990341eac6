import type { AccessRule } from './rules';

/** Who may call each admin operation (see access-table.ts). */
export const ADMIN_ACCESS: Record<string, AccessRule> = {};
