import type { AccessRule } from './rules';

/** Who may call each ai operation (see access-table.ts). */
export const AI_ACCESS: Record<string, AccessRule> = {};
