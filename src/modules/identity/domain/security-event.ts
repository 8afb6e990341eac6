/** What the audit log of the organizations context will show about an account. */
export const SECURITY_EVENT_TYPES = [
  'account_created',
  'login_succeeded',
  'login_failed',
  'login_throttled',
  'refresh_reuse_detected',
  'logout',
  'logout_all',
  'session_revoked',
  'password_changed',
  'password_reset_requested',
  'password_reset_completed',
  'email_change_requested',
  'email_changed',
  'email_verified',
  'phone_verified',
  'phone_login_succeeded',
  'phone_login_failed',
  'otp_locked',
  'account_disabled',
  'account_enabled',
  'sessions_revoked_by_admin',
] as const;

export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

export interface SecurityEvent {
  type: SecurityEventType;
  userId?: string | null;
  metadata?: Record<string, unknown>;
}
