/**
 * The community context's public surface: the module, its facade, the events
 * it publishes and the error codes. Nothing else is imported from outside.
 */
export { CommunityModule } from './community.module';
export { CommunityApi } from './application/community.api';
export { COMMUNITY_ERRORS, NOTIFICATION_TYPES, WATCH_LEVELS } from './domain';
export type { CommunityErrorCode, NotificationType, WatchLevel } from './domain';
