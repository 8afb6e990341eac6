import type { RequestContext, UnitOfWork } from '../../../platform/kernel';
import type { ChannelPreference, EmailDelivery, NotificationType } from '../domain';
import type { FlagRepository, ForumRepository } from './forum/forum.ports';
import type { CommentRepository } from './comments/comments.ports';

// ---------------------------------------------------------------- notifications

export interface NotificationRecord {
  id: string;
  userId: string;
  orgId: string | null;
  type: NotificationType;
  groupKey: string | null;
  actorIds: string[];
  lastActorName: string | null;
  eventCount: number;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
  readAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One notification for many recipients: the same facts, one row (or group update) each. */
export interface NotificationDraft {
  type: NotificationType;
  /** Like notifications with the same key are one while unread ("Ana and 4 others replied"). Null: never grouped. */
  groupKey: string | null;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
}

export interface RecipientChannels {
  userId: string;
  inApp: boolean;
  emailPending: boolean;
}

export interface NotificationCursor {
  updatedAt: Date;
  id: string;
}

export interface NotificationRepository {
  /** Records the fact `sourceKey` as turned into notifications; false when it was already (a re-run does nothing). */
  claimSource(sourceKey: string): Promise<boolean>;
  /** Adds each recipient's notification or updates their open group; says which rows are new. */
  upsertMany(draft: NotificationDraft, recipients: RecipientChannels[], now: Date): Promise<Array<{ id: string; userId: string; created: boolean }>>;
  list(userId: string, options: { after?: NotificationCursor; limit: number; unreadOnly: boolean }): Promise<NotificationRecord[]>;
  countUnread(userId: string): Promise<number>;
  markRead(userId: string, id: string, now: Date): Promise<NotificationRecord | undefined>;
  markAllRead(userId: string, now: Date): Promise<number>;
  /** People with notifications waiting for their digest e-mail. */
  usersAwaitingDigest(limit: number): Promise<string[]>;
  /** The notifications waiting for the user's digest, no longer waiting once returned (within the transaction). */
  takeDigest(userId: string): Promise<NotificationRecord[]>;
}

export interface PreferenceRepository {
  /** Stored preferences of these people for a type (absent: the type's defaults). */
  forUsers(type: NotificationType, userIds: string[]): Promise<Map<string, ChannelPreference>>;
  emailDeliveries(userIds: string[]): Promise<Map<string, EmailDelivery>>;
  list(userId: string): Promise<Map<NotificationType, ChannelPreference>>;
  save(userId: string, type: NotificationType, preference: ChannelPreference): Promise<void>;
  saveEmailDelivery(userId: string, delivery: EmailDelivery): Promise<void>;
}

export interface CommunityRepositories {
  notifications: NotificationRepository;
  preferences: PreferenceRepository;
  forum: ForumRepository;
  flags: FlagRepository;
  comments: CommentRepository;
}

export const COMMUNITY_UNIT_OF_WORK = Symbol('COMMUNITY_UNIT_OF_WORK');
export type CommunityUnitOfWork = UnitOfWork<CommunityRepositories>;

// ---------------------------------------------------------------- outside services

export interface AuthorView {
  name: string;
  pictureUrl: string | null;
}

/** People and organizations, read through the identity and organizations facades. */
export interface PeopleDirectory {
  names(ctx: RequestContext, userIds: string[]): Promise<Map<string, string>>;
  /** Authors as shown next to what they wrote: name and profile picture URL (identity's public, cacheable link; null without one), in one read. */
  authors(ctx: RequestContext, userIds: string[]): Promise<Map<string, AuthorView>>;
  /** E-mail addresses of accounts that can receive mail (disabled accounts are left out). */
  emails(ctx: RequestContext, userIds: string[]): Promise<Map<string, string>>;
  /** Active members of an active organization with at least `minimum`. */
  organizationMembers(ctx: RequestContext, orgId: string, minimum: 'staff' | 'manager' | 'principal'): Promise<string[]>;
  isActiveMember(ctx: RequestContext, orgId: string, userId: string): Promise<boolean>;
  organizationExists(ctx: RequestContext, orgId: string): Promise<boolean>;
}
export const PEOPLE_DIRECTORY = Symbol('PEOPLE_DIRECTORY');

/** Pushes an event to a person's open connections (the messaging gateway), if any. */
export interface LivePush {
  push(ctx: RequestContext, userId: string, event: string, payload: Record<string, unknown>): Promise<void>;
  /** Whether the person has an open connection now. */
  isOnline(ctx: RequestContext, userId: string): Promise<boolean>;
}
export const LIVE_PUSH = Symbol('LIVE_PUSH');

/** Signed, single-purpose links that work without signing in. */
export interface LinkSigner {
  sign(purpose: string, claims: Record<string, string>, ttlSeconds: number): string;
  /** The claims when the token is intact, unexpired and was made for `purpose`; otherwise undefined. */
  verify(purpose: string, token: string): Record<string, string> | undefined;
}
export const LINK_SIGNER = Symbol('LINK_SIGNER');

/** Markdown to HTML safe to show: no script, no event handlers, no javascript: links. */
export interface MarkdownRenderer {
  render(markdown: string): string;
}
export const MARKDOWN_RENDERER = Symbol('MARKDOWN_RENDERER');

export interface CommunityConfig {
  /** Where links in e-mails point (the frontend). */
  appUrl: string;
  /** Key material for unsubscribe links. */
  linkSecret: string;
  unsubscribeLinkTtlSeconds: number;
  digestIntervalMinutes: number;
  /** Open flags that hide a post or comment until a moderator looks at it. */
  autoHideFlagCount: number;
}
export const COMMUNITY_CONFIG = Symbol('COMMUNITY_CONFIG');
