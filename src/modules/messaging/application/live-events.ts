import type { Conversation, Message, Participant } from '../domain';

/**
 * The events the live channel sends to a user's sockets (Socket.IO event name -> payload, snake_case like the
 * REST API). A client that missed some (offline, reconnecting) catches up with GET .../messages?after=<seq>.
 */
export const LIVE_EVENTS = {
  conversationCreated: 'conversation.created',
  messageCreated: 'message.created',
  messageEdited: 'message.edited',
  messageDeleted: 'message.deleted',
  receiptUpdated: 'receipt.updated',
  typingStarted: 'typing.started',
  typingStopped: 'typing.stopped',
  participantAdded: 'participant.added',
  participantRemoved: 'participant.removed',
} as const;

export type LiveEventName = (typeof LIVE_EVENTS)[keyof typeof LIVE_EVENTS];

export interface MessageWire {
  id: string;
  conversation_id: string;
  seq: number;
  sender_user_id: string;
  client_txn_id: string;
  body: string | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  deleted: boolean;
}

export function messageWire(message: Message): MessageWire {
  return {
    id: message.id,
    conversation_id: message.conversationId,
    seq: message.seq,
    sender_user_id: message.senderUserId,
    client_txn_id: message.clientTxnId,
    body: message.body,
    created_at: message.createdAt.toISOString(),
    edited_at: message.editedAt?.toISOString() ?? null,
    deleted_at: message.deletedAt?.toISOString() ?? null,
    deleted: message.deletedAt !== null,
  };
}

export function conversationWire(conversation: Conversation, participants: Participant[]): object {
  return {
    id: conversation.id,
    conversation_type: conversation.type,
    name: conversation.name,
    organization_id: conversation.orgId,
    subject: conversation.subject,
    created_by: conversation.createdBy,
    participants: participants.map((p) => ({ user_id: p.userId, role: p.role })),
  };
}
