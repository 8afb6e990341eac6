import { MessagingErrors } from './messaging-errors';

export const CLIENT_TXN_ID_MAX_LENGTH = 64;
export const CLIENT_TXN_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  senderUserId: string;
  clientTxnId: string;
  /** null once deleted: the row stays as a tombstone so cursors and receipts keep their places. */
  body: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

export interface MessageEdit {
  id: string;
  messageId: string;
  previousBody: string;
  editedAt: Date;
}

/** Trims nothing (whitespace is the author's) but refuses empty and oversized bodies, counted in code points. */
export function checkBody(body: string, maxChars: number, allowEmpty = false): string {
  if (!allowEmpty && body.trim().length === 0) throw MessagingErrors.validation({ body: ['a message needs some text'] });
  if ([...body].length > maxChars) throw MessagingErrors.validation({ body: [`at most ${maxChars} characters`] });
  return body;
}

export function checkCanChange(message: Message, userId: string): void {
  if (message.senderUserId !== userId) throw MessagingErrors.notSender();
  if (message.deletedAt) throw MessagingErrors.messageDeleted();
}

/** A retried send must be the same message (a deleted one replays as its tombstone). */
export function isSameSend(message: Message, body: string): boolean {
  return message.deletedAt !== null || message.body === body;
}
