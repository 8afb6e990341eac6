/** Who the access token (or API key) says the caller is. */
export interface Principal {
  userId: string;
  sessionId?: string;
  orgId?: string;
  roles: string[];
  apiKeyId?: string;
}

/**
 * Implemented by the identity context. Throws a DomainError of kind
 * `unauthenticated` when the credential is not acceptable.
 */
export interface AccessTokenVerifier {
  verify(token: string): Promise<Principal>;
}

export const ACCESS_TOKEN_VERIFIER = Symbol('ACCESS_TOKEN_VERIFIER');
