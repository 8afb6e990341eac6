import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { Conversation, Message, MessageEdit, MessagingErrors, Participant } from '../../domain';
import {
  Block,
  ConversationListRow,
  MESSAGING_DIRECTORY,
  MESSAGING_UNIT_OF_WORK,
  MessageCursor,
  MessagingDirectory,
  MessagingUnitOfWork,
  TYPING_STORE,
  TypingStore,
} from '../ports';
import { actorOf, participation } from '../services/conversation-access';

export interface ConversationDetails {
  conversation: Conversation;
  me: Participant;
  participants: Participant[];
  unreadCount: number;
  /** Participants' profile picture URLs; those without one are absent. */
  pictures: Map<string, string>;
}

/** Reads of the messaging context, each as the calling participant sees it. */
@Injectable()
export class MessagingQueries {
  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    @Inject(TYPING_STORE) private readonly typingStore: TypingStore,
    @Inject(MESSAGING_DIRECTORY) private readonly directory: MessagingDirectory,
  ) {}

  listConversations(ctx: RequestContext, filter: { archived: boolean }, page: PageRequest): Promise<Page<ConversationListRow>> {
    return this.uow.repos.conversations.listForUser(actorOf(ctx), filter, page);
  }

  async conversation(ctx: RequestContext, conversationId: string): Promise<ConversationDetails> {
    const me = actorOf(ctx);
    const { conversation, me: participant } = await participation(this.uow.repos, conversationId, me);
    const [participants, unreadCount] = await Promise.all([
      this.uow.repos.participants.listActive(conversationId),
      this.uow.repos.participants.unreadCount(conversationId, me),
    ]);
    const pictures = await this.directory.pictures(participants.map((p) => p.userId));
    return { conversation, me: participant, participants, unreadCount, pictures };
  }

  /** A page of messages, with their senders' profile picture URLs (identity's facade; senders without one are absent). */
  async messages(
    ctx: RequestContext,
    conversationId: string,
    cursor: MessageCursor,
  ): Promise<{ messages: Message[]; hasMore: boolean; pictures: Map<string, string> }> {
    const me = actorOf(ctx);
    await participation(this.uow.repos, conversationId, me);
    const page = await this.uow.repos.messages.page(conversationId, me, cursor);
    const pictures = await this.directory.pictures([...new Set(page.messages.map((m) => m.senderUserId))]);
    return { ...page, pictures };
  }

  /** The earlier texts of a message, oldest first; empty once it is deleted (the tombstone keeps no text). */
  async edits(ctx: RequestContext, messageId: string): Promise<{ message: Message; edits: MessageEdit[] }> {
    const me = actorOf(ctx);
    const message = await this.uow.repos.messages.findById(messageId);
    if (!message || !(await this.uow.repos.participants.findActive(message.conversationId, me))) throw MessagingErrors.messageNotFound();
    return { message, edits: message.deletedAt ? [] : await this.uow.repos.messages.listEdits(messageId) };
  }

  blocks(ctx: RequestContext, page: PageRequest): Promise<Page<Block>> {
    return this.uow.repos.blocks.list(actorOf(ctx), page);
  }

  async typing(ctx: RequestContext, conversationId: string): Promise<Array<{ userId: string; expiresAt: Date }>> {
    const me = actorOf(ctx);
    await participation(this.uow.repos, conversationId, me);
    const entries = (await this.typingStore.list(conversationId, Date.now())).filter((entry) => entry.userId !== me);
    // Users the caller blocks are not shown, like their messages (a handful of typers at most).
    const blocked = await Promise.all(entries.map((entry) => this.uow.repos.blocks.exists(me, entry.userId)));
    return entries.filter((_, i) => !blocked[i]).map((entry) => ({ userId: entry.userId, expiresAt: new Date(entry.expiresAt) }));
  }
}
