import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { UNIQUE_VIOLATION, pgError } from '../../../../platform/database/sql';
import type { RequestContext } from '../../../../platform/kernel';
import { Message, MessagingErrors, checkBody, isSameSend } from '../../domain';
import {
  LIVE_CHANNEL,
  LiveChannel,
  MESSAGING_SETTINGS,
  MESSAGING_UNIT_OF_WORK,
  MessagingSettings,
  MessagingUnitOfWork,
  RATE_LIMITER,
  RateLimiter,
} from '../ports';
import { LIVE_EVENTS, messageWire } from '../live-events';
import { actorOf, participation } from '../services/conversation-access';

export const MESSAGE_SENT_EVENT = 'messaging.message.sent';

/** Payload of `messaging.message.sent`: recipients are the participants to notify (not muted, not blocking the sender). */
export interface MessageSentPayload {
  conversationId: string;
  messageId: string;
  senderUserId: string;
  recipientUserIds: string[];
}

/**
 * Sends a message. The client's transaction id makes a retry safe: the same id with the same body returns the
 * message already stored (`replayed: true`), with another body is 409. Sequence numbers are taken under the
 * conversation's row lock, so they are gap-free within the transaction and give the cursor order.
 */
@Injectable()
export class SendMessageUseCase {
  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(LIVE_CHANNEL) private readonly live: LiveChannel,
  ) {}

  async execute(ctx: RequestContext, input: { conversationId: string; clientTxnId: string; body: string }): Promise<{ message: Message; replayed: boolean }> {
    const me = actorOf(ctx);
    const body = checkBody(input.body, this.settings.maxBodyChars);
    const replay = await this.replay(input.conversationId, me, input.clientTxnId, body);
    if (replay) return replay;
    const retryAfter = await this.limiter.hit(`send:${me}`, this.settings.sendLimit, this.settings.sendWindowMs);
    if (retryAfter > 0) throw MessagingErrors.rateLimited(retryAfter);

    let delivered: { message: Message; recipients: string[] };
    try {
      delivered = await this.uow.run(async (repos, events) => {
        const { conversation } = await participation(repos, input.conversationId, me, { lock: true });
        const active = (await repos.participants.listActive(conversation.id)).filter((p) => p.userId !== me);
        const others = active.map((p) => p.userId);
        const blockers = new Set(await repos.blocks.blockersOf(me, others));
        if (conversation.type === 'direct' && blockers.size > 0) throw MessagingErrors.blocked();
        const now = new Date();
        const message: Message = {
          id: randomUUID(),
          conversationId: conversation.id,
          seq: await repos.conversations.nextSeq(conversation.id, now),
          senderUserId: me,
          clientTxnId: input.clientTxnId,
          body,
          createdAt: now,
          editedAt: null,
          deletedAt: null,
        };
        await repos.messages.insert(message);
        await repos.participants.markRead(conversation.id, me, message.seq);
        const recipients = others.filter((id) => !blockers.has(id));
        const payload: MessageSentPayload = {
          conversationId: conversation.id,
          messageId: message.id,
          senderUserId: me,
          recipientUserIds: active.filter((p) => !p.muted && !blockers.has(p.userId)).map((p) => p.userId),
        };
        events.publish(ctx, { type: MESSAGE_SENT_EVENT, orgId: conversation.orgId, payload });
        return { message, recipients };
      });
    } catch (error) {
      // The same send retried concurrently: the other attempt stored it.
      if (pgError(error).code === UNIQUE_VIOLATION) {
        const again = await this.replay(input.conversationId, me, input.clientTxnId, body);
        if (again) return again;
      }
      throw error;
    }
    this.live.toUsers([me, ...delivered.recipients], LIVE_EVENTS.messageCreated, messageWire(delivered.message));
    return { message: delivered.message, replayed: false };
  }

  private async replay(conversationId: string, me: string, clientTxnId: string, body: string): Promise<{ message: Message; replayed: boolean } | undefined> {
    const existing = await this.uow.repos.messages.findByTxn(conversationId, me, clientTxnId);
    if (!existing) return undefined;
    if (!isSameSend(existing, body)) throw MessagingErrors.txnReused();
    // A former participant replaying learns nothing new, but must still be one to read it back.
    await participation(this.uow.repos, conversationId, me);
    return { message: existing, replayed: true };
  }
}
