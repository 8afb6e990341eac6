import { MessagingErrors } from './messaging-errors';

export const CONVERSATION_TYPES = ['direct', 'group'] as const;
export type ConversationType = (typeof CONVERSATION_TYPES)[number];
export const SUBJECT_TYPES = ['listing', 'order', 'booking'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export type ParticipantRole = 'admin' | 'member';

export const CONVERSATION_NAME_MAX_LENGTH = 120;

export interface Conversation {
  id: string;
  type: ConversationType;
  name: string | null;
  /** Both user ids, sorted and joined: one direct conversation per pair. */
  directKey: string | null;
  orgId: string | null;
  subject: { type: SubjectType; id: string } | null;
  createdBy: string;
  createdAt: Date;
  lastSeq: number;
  lastMessageAt: Date | null;
}

export interface Participant {
  conversationId: string;
  userId: string;
  role: ParticipantRole;
  joinedAt: Date;
  leftAt: Date | null;
  lastReadSeq: number;
  archivedAt: Date | null;
  muted: boolean;
}

export function directKey(a: string, b: string): string {
  return [a, b].sort().join(':');
}

/** The participant list a new conversation starts with: the creator (admin of a group) plus the others, de-duplicated. */
export function initialParticipants(type: ConversationType, creatorId: string, others: string[], maxParticipants: number): string[] {
  const unique = [...new Set(others.map((id) => id.toLowerCase()))].filter((id) => id !== creatorId);
  if (type === 'direct' && unique.length !== 1) {
    throw MessagingErrors.validation({ participant_ids: ['a direct conversation has exactly one other participant'] });
  }
  if (type === 'group' && unique.length < 1) throw MessagingErrors.validation({ participant_ids: ['a group needs at least one other participant'] });
  if (unique.length + 1 > maxParticipants) throw MessagingErrors.tooManyParticipants(maxParticipants);
  return unique;
}

export function checkGroupName(type: ConversationType, name: string | undefined): string | null {
  if (type === 'direct') {
    if (name !== undefined) throw MessagingErrors.validation({ name: ['a direct conversation has no name'] });
    return null;
  }
  const trimmed = (name ?? '').trim();
  if (!trimmed) throw MessagingErrors.validation({ name: ['a group conversation needs a name'] });
  if (trimmed.length > CONVERSATION_NAME_MAX_LENGTH) throw MessagingErrors.validation({ name: [`at most ${CONVERSATION_NAME_MAX_LENGTH} characters`] });
  return trimmed;
}

/** Who may add `target`: only a group's admins; direct conversations never change. */
export function checkCanAdd(conversation: Conversation, actor: Participant, activeCount: number, maxParticipants: number): void {
  if (conversation.type === 'direct') throw MessagingErrors.directImmutable();
  if (actor.role !== 'admin') throw MessagingErrors.notAdmin();
  if (activeCount + 1 > maxParticipants) throw MessagingErrors.tooManyParticipants(maxParticipants);
}

/** Anyone may leave a group; only admins remove others. */
export function checkCanRemove(conversation: Conversation, actor: Participant, targetUserId: string): void {
  if (conversation.type === 'direct') throw MessagingErrors.directImmutable();
  if (actor.userId !== targetUserId && actor.role !== 'admin') throw MessagingErrors.notAdmin();
}
