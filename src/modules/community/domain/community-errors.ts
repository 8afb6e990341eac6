import { DomainError } from '../../../platform/kernel';

/** Every error code the community context raises on purpose. */
export const COMMUNITY_ERRORS = {
  notificationNotFound: 'COMMUNITY.NOTIFICATION_NOT_FOUND',
  unknownNotificationType: 'COMMUNITY.UNKNOWN_NOTIFICATION_TYPE',
  invalidCursor: 'COMMUNITY.INVALID_CURSOR',
  invalidLink: 'COMMUNITY.INVALID_LINK',
  categoryNotFound: 'COMMUNITY.CATEGORY_NOT_FOUND',
  slugTaken: 'COMMUNITY.SLUG_TAKEN',
  threadNotFound: 'COMMUNITY.THREAD_NOT_FOUND',
  threadLocked: 'COMMUNITY.THREAD_LOCKED',
  postNotFound: 'COMMUNITY.POST_NOT_FOUND',
  commentNotFound: 'COMMUNITY.COMMENT_NOT_FOUND',
  targetNotFound: 'COMMUNITY.TARGET_NOT_FOUND',
  replyDepth: 'COMMUNITY.REPLY_TOO_DEEP',
  flagNotFound: 'COMMUNITY.FLAG_NOT_FOUND',
  flagAlreadyResolved: 'COMMUNITY.FLAG_ALREADY_RESOLVED',
  alreadyFlagged: 'COMMUNITY.ALREADY_FLAGGED',
  forbidden: 'COMMUNITY.FORBIDDEN',
  emptyContent: 'COMMUNITY.EMPTY_CONTENT',
  organizationNotFound: 'COMMUNITY.ORGANIZATION_NOT_FOUND',
} as const;

export type CommunityErrorCode = (typeof COMMUNITY_ERRORS)[keyof typeof COMMUNITY_ERRORS];

const E = COMMUNITY_ERRORS;

export const CommunityErrors = {
  notificationNotFound: () => new DomainError(E.notificationNotFound, 'not_found', 'No such notification.'),
  unknownNotificationType: (type: string) =>
    new DomainError(E.unknownNotificationType, 'validation', 'The request has invalid fields.', { errors: { type: [`unknown notification type ${type}`] } }),
  invalidCursor: () => new DomainError(E.invalidCursor, 'validation', 'The request has invalid fields.', { errors: { cursor: ['cursor is not valid'] } }),
  invalidLink: () => new DomainError(E.invalidLink, 'unprocessable', 'This link is not valid (it was altered, has expired, or is meant for something else).'),
  categoryNotFound: () => new DomainError(E.categoryNotFound, 'not_found', 'No such category.'),
  slugTaken: () => new DomainError(E.slugTaken, 'conflict', 'Another category has this slug.'),
  threadNotFound: () => new DomainError(E.threadNotFound, 'not_found', 'No such thread.'),
  threadLocked: () => new DomainError(E.threadLocked, 'conflict', 'This thread is locked: it takes no new replies or comments.'),
  postNotFound: () => new DomainError(E.postNotFound, 'not_found', 'No such post.'),
  commentNotFound: () => new DomainError(E.commentNotFound, 'not_found', 'No such comment.'),
  targetNotFound: () => new DomainError(E.targetNotFound, 'not_found', 'No such item to comment on.'),
  replyDepth: () => new DomainError(E.replyDepth, 'unprocessable', 'Replies go to top-level comments only (one level).'),
  flagNotFound: () => new DomainError(E.flagNotFound, 'not_found', 'No such flag.'),
  flagAlreadyResolved: () => new DomainError(E.flagAlreadyResolved, 'conflict', 'This flag was already decided.'),
  alreadyFlagged: () => new DomainError(E.alreadyFlagged, 'conflict', 'You have flagged this already.'),
  forbidden: (message = 'You may not do this here.') => new DomainError(E.forbidden, 'forbidden', message),
  emptyContent: () =>
    new DomainError(E.emptyContent, 'validation', 'The request has invalid fields.', { errors: { body: ['body has nothing left to show once cleaned'] } }),
  organizationNotFound: () =>
    new DomainError(E.organizationNotFound, 'validation', 'The request has invalid fields.', { errors: { organization_id: ['no such organization'] } }),
};
