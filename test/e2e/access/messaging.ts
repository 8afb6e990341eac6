import type { AccessRule } from './rules';

/** Who may call each messaging operation (see access-table.ts). */
export const MESSAGING_ACCESS: Record<string, AccessRule> = {};
