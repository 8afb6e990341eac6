import type { AccessRule } from './rules';

/** Who may call each community operation (see access-table.ts). */
export const COMMUNITY_ACCESS: Record<string, AccessRule> = {};
