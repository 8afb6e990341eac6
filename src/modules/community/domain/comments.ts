/** What comments may be attached to: each kind has a resolver that checks the target exists and says who owns it. */
export const COMMENT_TARGET_TYPES = ['listing', 'forum_thread', 'vehicle_model'] as const;
export type CommentTargetType = (typeof COMMENT_TARGET_TYPES)[number];
