/** Who the access token (or API key) says the caller is. */
export interface Principal {
  /** The signed-in account; absent when an API key authenticated the request. */
  userId?: string;
  sessionId?: string;
  /** The active organization, once the TenantGuard (or the API key) established it. */
  orgId?: string;
  /**
   * Platform roles from the access token (`admin`) plus, once an organization is
   * active, the organization role claims (`org:<role>`, declared by the context that owns memberships; see tenancy.ts).
   */
  roles: string[];
  apiKeyId?: string;
}

/**
 * Implemented by the context that owns accounts and sessions (it provides ACCESS_TOKEN_VERIFIER). Throws a DomainError of kind
 * `unauthenticated` when the credential is not acceptable.
 */
export interface AccessTokenVerifier {
  verify(token: string): Promise<Principal>;
}

export const ACCESS_TOKEN_VERIFIER = Symbol('ACCESS_TOKEN_VERIFIER');

/**
 * Implemented by the context that owns API keys (it provides API_KEY_VERIFIER): checks an `X-API-Key` secret and
 * returns a principal acting in the key's organization with the key's role
 * (orgId, apiKeyId and the organization role claims set, no userId). Throws a
 * DomainError of kind `unauthenticated` for unknown, revoked or expired keys
 * (distinct codes) and `forbidden` when the organization is suspended.
 */
export interface ApiKeyVerifier {
  verify(key: string): Promise<Principal>;
}

export const API_KEY_VERIFIER = Symbol('API_KEY_VERIFIER');

/** Where the request named its active organization. */
export type OrganizationSource = 'path' | 'header';

/**
 * Implemented by the context that owns memberships (it provides TENANT_RESOLVER): makes `orgId` the principal's
 * active organization after checking, on every request, that the caller is an
 * active member (or that the API key belongs to it) and that the organization
 * is not suspended. Returns the principal with `orgId` and the organization
 * role claims added. A non-member gets `not_found` when the organization came
 * from the path (its existence does not leak) and `forbidden` when it came from
 * the X-Organization-Id header.
 */
export interface TenantResolver {
  activate(principal: Principal, orgId: string, source: OrganizationSource): Promise<Principal>;
}

export const TENANT_RESOLVER = Symbol('TENANT_RESOLVER');
