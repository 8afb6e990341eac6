/** Events the forum publishes (after commit) for its own notification handlers and any other subscriber. */
export const FORUM_EVENTS = {
  threadCreated: 'community.thread.created',
  postCreated: 'community.post.created',
  postReacted: 'community.post.reacted',
} as const;

export interface ThreadCreatedPayload {
  threadId: string;
  categoryId: string;
  orgId: string | null;
  authorUserId: string;
}

export interface PostCreatedPayload {
  postId: string;
  threadId: string;
  categoryId: string;
  orgId: string | null;
  postNumber: number;
  authorUserId: string;
  /** The author of the post it answers, when it answers one. */
  repliedToUserId: string | null;
}

export interface PostReactedPayload {
  postId: string;
  threadId: string;
  orgId: string | null;
  postAuthorUserId: string;
  reactorUserId: string;
  reaction: string;
}
