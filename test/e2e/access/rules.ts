/** The callers and rule helpers of the access table (access-table.ts), shared by the per-context tables in this folder. */
export const CALLERS = ['anonymous', 'customer', 'staff', 'manager', 'principal', 'admin', 'key:staff', 'key:manager', 'key:principal'] as const;
export type Caller = (typeof CALLERS)[number];

export interface AccessRule {
  /** `public`: anyone, no credentials needed. Otherwise the callers the guards admit. */
  allow: 'public' | readonly Caller[];
  /** Where the active organization comes from: the `orgId` path parameter (non-members get 404). */
  tenant?: 'path';
}

const PEOPLE: Caller[] = ['customer', 'staff', 'manager', 'principal', 'admin'];
const KEYS: Caller[] = ['key:staff', 'key:manager', 'key:principal'];

export const PUBLIC: AccessRule = { allow: 'public' };
/** Any signed-in person (what the use case then shows depends on who). */
export const SIGNED_IN: AccessRule = { allow: PEOPLE };
export const PLATFORM_ADMIN: AccessRule = { allow: ['admin'] };

/** Members of the path's organization with at least `minimum`, optionally API keys of at least that role too. */
export function member(minimum: 'staff' | 'manager' | 'principal', options: { apiKeys?: boolean } = {}): AccessRule {
  const order = ['staff', 'manager', 'principal'] as const;
  const roles = order.slice(order.indexOf(minimum));
  return { allow: [...roles, ...(options.apiKeys ? roles.map((role) => `key:${role}` as Caller) : [])], tenant: 'path' };
}

export { KEYS as API_KEY_CALLERS, PEOPLE as PERSON_CALLERS };
