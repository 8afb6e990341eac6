import type { Page, PageRequest, UnitOfWork } from '../../../platform/kernel';
import type { Attachment, AttachmentRef, Conversation, Message, MessageEdit, Participant, ParticipantRole, SubjectParties, SubjectType } from '../domain';

export interface ConversationListFilter {
  archived: boolean;
}

/** A conversation as one participant sees it in a list. */
export interface ConversationListRow {
  conversation: Conversation;
  me: Participant;
  unreadCount: number;
}

export interface ConversationRepository {
  insert(conversation: Conversation): Promise<void>;
  findById(id: string): Promise<Conversation | undefined>;
  /** Locks the row: serializes sends (sequence numbers) and membership changes of one conversation. */
  findForUpdate(id: string): Promise<Conversation | undefined>;
  findDirect(key: string): Promise<Conversation | undefined>;
  /** Takes the next message sequence number (the row must be locked by the caller's transaction). */
  nextSeq(id: string, at: Date): Promise<number>;
  listForUser(userId: string, filter: ConversationListFilter, page: PageRequest): Promise<Page<ConversationListRow>>;
}

export interface ParticipantRepository {
  insertMany(participants: Participant[]): Promise<void>;
  /** Active participation only (not left or removed). */
  findActive(conversationId: string, userId: string): Promise<Participant | undefined>;
  findAny(conversationId: string, userId: string): Promise<Participant | undefined>;
  listActive(conversationId: string): Promise<Participant[]>;
  rejoin(conversationId: string, userId: string, role: ParticipantRole, at: Date): Promise<void>;
  leave(conversationId: string, userId: string, at: Date): Promise<void>;
  /** Makes the longest-standing member an admin when no admin is left. */
  ensureAdmin(conversationId: string): Promise<string | undefined>;
  setArchived(conversationId: string, userId: string, at: Date | null): Promise<void>;
  setMuted(conversationId: string, userId: string, muted: boolean): Promise<void>;
  /** Moves the read cursor forward only (concurrent reads never move it back); returns the cursor after the update. */
  markRead(conversationId: string, userId: string, seq: number): Promise<number>;
  /** Messages after the cursor, not the user's own, not deleted, not from users they block: exact, counted over the index. */
  unreadCount(conversationId: string, userId: string): Promise<number>;
}

export interface MessageCursor {
  before?: number;
  after?: number;
  limit: number;
}

export interface MessageRepository {
  insert(message: Message): Promise<void>;
  findByTxn(conversationId: string, senderUserId: string, clientTxnId: string): Promise<Message | undefined>;
  findById(id: string): Promise<Message | undefined>;
  findForUpdate(id: string): Promise<Message | undefined>;
  findLatestSeq(conversationId: string): Promise<number>;
  updateBody(id: string, body: string, editedAt: Date): Promise<void>;
  tombstone(id: string, at: Date): Promise<void>;
  /** Ascending by seq, as `viewerId` sees them (messages from users the viewer blocked, sent after the block, are left out). */
  page(conversationId: string, viewerId: string, cursor: MessageCursor): Promise<{ messages: Message[]; hasMore: boolean }>;
  insertEdit(edit: MessageEdit): Promise<void>;
  listEdits(messageId: string): Promise<MessageEdit[]>;
  insertAttachment(attachment: Attachment): Promise<void>;
  findAttachment(id: string): Promise<Attachment | undefined>;
  /** Attaches the caller's unattached uploads of this conversation to the message; returns those it attached. */
  attach(ids: string[], conversationId: string, uploaderUserId: string, messageId: string): Promise<AttachmentRef[]>;
}

export interface Block {
  blockerUserId: string;
  blockedUserId: string;
  createdAt: Date;
}

export interface BlockRepository {
  /** false when the block already existed. */
  insert(block: Block): Promise<boolean>;
  delete(blockerUserId: string, blockedUserId: string): Promise<boolean>;
  list(blockerUserId: string, page: PageRequest): Promise<Page<Block>>;
  exists(blockerUserId: string, blockedUserId: string): Promise<boolean>;
  /** Which of `userIds` block `userId`. */
  blockersOf(userId: string, userIds: string[]): Promise<string[]>;
}

export interface MessagingRepositories {
  conversations: ConversationRepository;
  participants: ParticipantRepository;
  messages: MessageRepository;
  blocks: BlockRepository;
}

export type MessagingUnitOfWork = UnitOfWork<MessagingRepositories>;
export const MESSAGING_UNIT_OF_WORK = Symbol('MESSAGING_UNIT_OF_WORK');

/** Who exists, and who belongs to an organization: the identity and organizations facades behind a port. */
export interface MessagingDirectory {
  /** The ids among `userIds` that are not active accounts. */
  unknownUsers(userIds: string[]): Promise<string[]>;
  isActiveMember(orgId: string, userId: string): Promise<boolean>;
  /** Profile picture URLs (identity's public, cacheable links); users without one are absent. */
  pictures(userIds: string[]): Promise<Map<string, string>>;
}
export const MESSAGING_DIRECTORY = Symbol('MESSAGING_DIRECTORY');

/** What a conversation may be about, read through the marketplace, commerce and bookings facades. */
export interface ConversationSubjects {
  /** Who the subject involves; undefined when it does not exist. */
  parties(subject: { type: SubjectType; id: string }): Promise<SubjectParties | undefined>;
}
export const CONVERSATION_SUBJECTS = Symbol('MESSAGING_CONVERSATION_SUBJECTS');

/** The live channel: events to every socket of the given users, on every API instance. */
export interface LiveChannel {
  toUsers(userIds: string[], event: string, payload: object): void;
}
export const LIVE_CHANNEL = Symbol('LIVE_CHANNEL');

/** Fixed-window counters and short-lived presence (Redis). */
export interface RateLimiter {
  /** Counts one hit; returns the seconds to wait when the limit of the window is passed, else 0. */
  hit(key: string, limit: number, windowMs: number): Promise<number>;
}
export const RATE_LIMITER = Symbol('MESSAGING_RATE_LIMITER');

export interface TypingStore {
  /** Records that the user types until `expiresAt`. */
  start(conversationId: string, userId: string, expiresAt: number): Promise<void>;
  stop(conversationId: string, userId: string): Promise<void>;
  /** Users still typing, with when their indicator expires. */
  list(conversationId: string, now: number): Promise<Array<{ userId: string; expiresAt: number }>>;
}
export const TYPING_STORE = Symbol('MESSAGING_TYPING_STORE');

export interface MessagingSettings {
  maxBodyChars: number;
  maxParticipants: number;
  sendLimit: number;
  sendWindowMs: number;
  typingTtlMs: number;
  typingMinIntervalMs: number;
  socketRecheckMs: number;
  maxAttachmentBytes: number;
  attachmentLinkSeconds: number;
}
export const MESSAGING_SETTINGS = Symbol('MESSAGING_SETTINGS');
