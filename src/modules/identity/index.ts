/** The identity context's public surface: nothing else is imported from outside. */
export { IdentityModule } from './identity.module';
export { IdentityApi, ACCOUNT_SORTS } from './application/identity.api';
export type { AccountSortField } from './application/identity.api';
export type { CreateAccountInput, IdentityAccountSummary, NewIdentityAccount, PublicProfile } from './application/identity.api';
export { SECURITY_EVENT_RECORDED } from './application/events';
export type { SecurityEventRecordedPayload } from './application/events';
export { SECURITY_EVENT_TYPES } from './domain/security-event';
export type { SecurityEventType } from './domain/security-event';
export { IDENTITY_ERRORS } from './domain/identity-errors';
export type { IdentityErrorCode } from './domain/identity-errors';
export { sessionRevocationChannel } from './application/session-revocations';
