import { SIGNED_IN, type AccessRule } from './rules';

/** Who may call each ai operation (see access-table.ts). */
export const AI_ACCESS: Record<string, AccessRule> = {
  'POST /api/v1/ai/onboarding': SIGNED_IN,
  'GET /api/v1/ai/profile': SIGNED_IN,
  'PATCH /api/v1/ai/profile': SIGNED_IN,
  'POST /api/v1/ai/interactions': SIGNED_IN,
};
