import type { AccessRule } from './rules';

/** Who may call each bookings operation (see access-table.ts). */
export const BOOKINGS_ACCESS: Record<string, AccessRule> = {};
