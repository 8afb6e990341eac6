/**
 * The community context's public surface: the module, its facade, the events
 * it publishes and the error codes. Nothing else is imported from outside.
 */
export { CommunityModule } from './community.module';
export { CommunityApi } from './application/community.api';
export type { CommunityFlag, CommunityFlagDetail, CommunityFlaggedContent, CommunityFlagFilter } from './application/community.api';
export {
  COMMUNITY_ERRORS,
  NOTIFICATION_TYPES,
  WATCH_LEVELS,
  FLAG_DECISIONS,
  FLAG_STATUSES,
  FLAG_TARGET_TYPES,
  FLAG_DECISION_REASON_MAX_LENGTH,
} from './domain';
export type { CommunityErrorCode, NotificationType, WatchLevel, CommentTargetType, FlagDecision, FlagReason, FlagStatus, FlagTargetType } from './domain';
export { COMMENT_CREATED } from './application/comments/comments.use-cases';
export type { CommentCreatedPayload } from './application/comments/comments.use-cases';
export { FORUM_EVENTS } from './application/forum/forum-events';
export type { PostCreatedPayload, PostReactedPayload, ThreadCreatedPayload } from './application/forum/forum-events';
