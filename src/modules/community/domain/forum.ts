/** Limits and vocabularies of the forum and comments (plain data: the HTTP layer and the use cases share them). */
export const TITLE_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 20_000;
export const COMMENT_MAX_LENGTH = 5_000;
export const CATEGORY_NAME_MAX_LENGTH = 80;
export const CATEGORY_DESCRIPTION_MAX_LENGTH = 500;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 60;
export const SEARCH_MAX_LENGTH = 200;

/** Reactions people may leave on a post (names, not free emoji: a closed set keeps counts meaningful). */
export const REACTIONS = ['like', 'heart', 'laugh', 'wow', 'thanks', 'fire'] as const;
export type Reaction = (typeof REACTIONS)[number];

export const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'unsafe', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const FLAG_NOTE_MAX_LENGTH = 500;

export const FLAG_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];
/** What a moderator decides: uphold (the content stays hidden) or dismiss (it shows again). */
export const FLAG_RESOLUTIONS = ['uphold', 'dismiss'] as const;
export type FlagResolution = (typeof FLAG_RESOLUTIONS)[number];

/** What a platform admin decides in the operators' console: hide the content, show it again, or close the flags leaving it as it is. */
export const FLAG_DECISIONS = ['hide', 'restore', 'dismiss'] as const;
export type FlagDecision = (typeof FLAG_DECISIONS)[number];
export const FLAG_DECISION_REASON_MAX_LENGTH = 1000;

/** Forum posts and comments (community's own), and marketplace reviews (reported by members, decided by operators). */
export const FLAG_TARGET_TYPES = ['post', 'comment', 'review'] as const;
export type FlagTargetType = (typeof FLAG_TARGET_TYPES)[number];
