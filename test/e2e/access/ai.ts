import { member, SIGNED_IN, type AccessRule } from './rules';

const TRAINING = member('manager');

/** Who may call each ai operation (see access-table.ts). */
export const AI_ACCESS: Record<string, AccessRule> = {
  'POST /api/v1/ai/onboarding': SIGNED_IN,
  'GET /api/v1/ai/profile': SIGNED_IN,
  'PATCH /api/v1/ai/profile': SIGNED_IN,
  'POST /api/v1/ai/interactions': SIGNED_IN,
  'GET /api/v1/ai/recommendations': SIGNED_IN,
  'GET /api/v1/ai/user-insights': SIGNED_IN,
  'POST /api/v1/organizations/{orgId}/training/scenarios': TRAINING,
  'POST /api/v1/organizations/{orgId}/training/scenarios/starter-set': TRAINING,
  'GET /api/v1/organizations/{orgId}/training/scenarios': TRAINING,
  'GET /api/v1/organizations/{orgId}/training/scenarios/{scenarioId}': TRAINING,
  'PATCH /api/v1/organizations/{orgId}/training/scenarios/{scenarioId}': TRAINING,
  'DELETE /api/v1/organizations/{orgId}/training/scenarios/{scenarioId}': TRAINING,
  'POST /api/v1/organizations/{orgId}/training/sessions': TRAINING,
  'GET /api/v1/organizations/{orgId}/training/sessions': TRAINING,
  'GET /api/v1/organizations/{orgId}/training/progress': TRAINING,
  'GET /api/v1/organizations/{orgId}/training/sessions/{sessionId}': TRAINING,
  'POST /api/v1/organizations/{orgId}/training/sessions/{sessionId}/messages': TRAINING,
  'POST /api/v1/organizations/{orgId}/training/sessions/{sessionId}/finish': TRAINING,
};
