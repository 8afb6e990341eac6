import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { Message, MessagingErrors, checkBody, checkCanChange } from '../../domain';
import { LIVE_CHANNEL, LiveChannel, MESSAGING_SETTINGS, MESSAGING_UNIT_OF_WORK, MessagingRepositories, MessagingSettings, MessagingUnitOfWork } from '../ports';
import { LIVE_EVENTS, messageWire } from '../live-events';
import { actorOf, participation } from '../services/conversation-access';

/** The message, locked, if the caller takes part in its conversation; otherwise not-found. */
async function lockedMessage(repos: MessagingRepositories, messageId: string, userId: string): Promise<Message> {
  const message = await repos.messages.findForUpdate(messageId);
  if (!message || !(await repos.participants.findActive(message.conversationId, userId))) throw MessagingErrors.messageNotFound();
  return message;
}

/** Who sees a change of `sender`'s message: the participants, less those who block the sender. */
async function audience(repos: MessagingRepositories, conversationId: string, sender: string): Promise<string[]> {
  const ids = (await repos.participants.listActive(conversationId)).map((p) => p.userId);
  const blockers = new Set(await repos.blocks.blockersOf(sender, ids));
  return ids.filter((id) => !blockers.has(id));
}

/** The sender edits a message; the previous text goes to its history, which the participants can read. */
@Injectable()
export class EditMessageUseCase {
  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    @Inject(LIVE_CHANNEL) private readonly live: LiveChannel,
  ) {}

  async execute(ctx: RequestContext, input: { messageId: string; body: string }): Promise<Message> {
    const me = actorOf(ctx);
    const body = checkBody(input.body, this.settings.maxBodyChars);
    const result = await this.uow.run(async (repos) => {
      const message = await lockedMessage(repos, input.messageId, me);
      checkCanChange(message, me);
      if (message.body === body) return { message, recipients: [] as string[] };
      const now = new Date();
      await repos.messages.insertEdit({ id: randomUUID(), messageId: message.id, previousBody: message.body ?? '', editedAt: now });
      await repos.messages.updateBody(message.id, body, now);
      return { message: { ...message, body, editedAt: now }, recipients: await audience(repos, message.conversationId, me) };
    });
    if (result.recipients.length > 0) this.live.toUsers(result.recipients, LIVE_EVENTS.messageEdited, messageWire(result.message));
    return result.message;
  }
}

/** The sender deletes a message: its text and history go, a tombstone keeps its place. Deleting twice is a no-op. */
@Injectable()
export class DeleteMessageUseCase {
  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    @Inject(LIVE_CHANNEL) private readonly live: LiveChannel,
  ) {}

  async execute(ctx: RequestContext, input: { messageId: string }): Promise<void> {
    const me = actorOf(ctx);
    const result = await this.uow.run(async (repos) => {
      const message = await lockedMessage(repos, input.messageId, me);
      if (message.senderUserId !== me) throw MessagingErrors.notSender();
      if (message.deletedAt) return undefined;
      const now = new Date();
      await repos.messages.tombstone(message.id, now);
      return { message: { ...message, body: null, deletedAt: now }, recipients: await audience(repos, message.conversationId, me) };
    });
    if (result) this.live.toUsers(result.recipients, LIVE_EVENTS.messageDeleted, messageWire(result.message));
  }
}

/**
 * Moves the caller's read cursor up to a message (or the latest), never back. Returns the cursor and the exact
 * unread count after the move.
 */
@Injectable()
export class MarkReadUseCase {
  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    @Inject(LIVE_CHANNEL) private readonly live: LiveChannel,
  ) {}

  async execute(
    ctx: RequestContext,
    input: { conversationId?: string; messageId?: string },
  ): Promise<{ conversationId: string; lastReadSeq: number; unreadCount: number }> {
    const me = actorOf(ctx);
    const repos = this.uow.repos;
    let conversationId: string;
    let seq: number;
    if (input.messageId) {
      const message = await repos.messages.findById(input.messageId);
      if (!message || (input.conversationId && message.conversationId !== input.conversationId)) throw MessagingErrors.messageNotFound();
      if (!(await repos.participants.findActive(message.conversationId, me))) throw MessagingErrors.messageNotFound();
      conversationId = message.conversationId;
      seq = message.seq;
    } else {
      const { conversation } = await participation(repos, input.conversationId!, me);
      conversationId = conversation.id;
      seq = conversation.lastSeq;
    }
    const lastReadSeq = await repos.participants.markRead(conversationId, me, seq);
    const unreadCount = await repos.participants.unreadCount(conversationId, me);
    const participants = (await repos.participants.listActive(conversationId)).map((p) => p.userId);
    this.live.toUsers(participants, LIVE_EVENTS.receiptUpdated, { conversation_id: conversationId, user_id: me, last_read_seq: lastReadSeq });
    return { conversationId, lastReadSeq, unreadCount };
  }
}
