/** What the audit log records. Actions of this context; identity's security events appear as `identity.<type>`. */
export const AUDIT_ACTIONS = [
  'organization.created',
  'organization.updated',
  'organization.suspended',
  'organization.reactivated',
  'member.added',
  'member.role_changed',
  'member.removed',
  'member.left',
  'member.deactivated',
  'member.reactivated',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'invitation.declined',
  'api_key.created',
  'api_key.revoked',
  'user.created',
  'user.updated',
  'user.deleted',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const IDENTITY_AUDIT_PREFIX = 'identity.';

export type AuditTargetType = 'organization' | 'member' | 'invitation' | 'api_key' | 'account';

export interface AuditEntry {
  orgId: string | null;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  /** Ids and reasons only: never secrets, tokens or passwords. */
  metadata?: Record<string, unknown>;
}

export interface AuditEvent {
  id: string;
  orgId: string | null;
  occurredAt: Date;
  action: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  metadata: Record<string, unknown>;
  source: 'organizations' | 'identity';
}
