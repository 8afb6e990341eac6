/** Who is asking and on whose behalf: the first argument of every use case and job. */
export interface RequestContext {
  requestId: string;
  userId?: string;
  sessionId?: string;
  orgId?: string;
  roles: string[];
  apiKeyId?: string;
  ip?: string;
  userAgent?: string;
}

export function systemContext(requestId: string): RequestContext {
  return { requestId, roles: ['system'] };
}
