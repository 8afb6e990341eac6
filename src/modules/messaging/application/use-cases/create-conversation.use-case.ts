import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { UNIQUE_VIOLATION, pgError } from '../../../../platform/database/sql';
import type { RequestContext } from '../../../../platform/kernel';
import { Conversation, ConversationType, MessagingErrors, Participant, SubjectType, checkGroupName, directKey, initialParticipants } from '../../domain';
import {
  LIVE_CHANNEL,
  LiveChannel,
  MESSAGING_DIRECTORY,
  MESSAGING_SETTINGS,
  MESSAGING_UNIT_OF_WORK,
  MessagingDirectory,
  MessagingSettings,
  MessagingUnitOfWork,
} from '../ports';
import { LIVE_EVENTS, conversationWire } from '../live-events';
import { actorOf } from '../services/conversation-access';

export interface CreateConversationInput {
  type: ConversationType;
  participantIds: string[];
  name?: string;
  subject?: { type: SubjectType; id: string };
  orgId?: string;
}

/**
 * Starts a conversation. A direct conversation is unique per pair: asking again returns the existing one
 * (`created: false`). A user who is blocked by another cannot start a direct conversation with them nor put them
 * in a group. An organization conversation (`orgId`) is only between active members of that organization.
 *
 * The subject (a listing, an order, a booking) is recorded as given: checking the participants against it needs
 * the marketplace, commerce and bookings facades, which do not exist yet.
 */
@Injectable()
export class CreateConversationUseCase {
  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    @Inject(MESSAGING_DIRECTORY) private readonly directory: MessagingDirectory,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    @Inject(LIVE_CHANNEL) private readonly live: LiveChannel,
  ) {}

  async execute(ctx: RequestContext, input: CreateConversationInput): Promise<{ conversation: Conversation; created: boolean }> {
    const me = actorOf(ctx);
    const others = initialParticipants(input.type, me, input.participantIds, this.settings.maxParticipants);
    const name = checkGroupName(input.type, input.name);
    if (input.type === 'direct' && input.orgId) throw MessagingErrors.validation({ organization_id: ['only group conversations belong to an organization'] });

    const unknown = await this.directory.unknownUsers(others);
    if (unknown.length > 0) throw MessagingErrors.userNotFound(unknown);
    if ((await this.uow.repos.blocks.blockersOf(me, others)).length > 0) throw MessagingErrors.blocked();
    if (input.orgId) {
      const orgId = input.orgId;
      const checks = await Promise.all([me, ...others].map((userId) => this.directory.isActiveMember(orgId, userId)));
      if (!checks[0]) throw MessagingErrors.conversationNotFound();
      if (checks.some((ok) => !ok)) throw MessagingErrors.notOrganizationMember();
    }

    const key = input.type === 'direct' ? directKey(me, others[0]) : null;
    if (key) {
      const existing = await this.uow.repos.conversations.findDirect(key);
      if (existing) return { conversation: existing, created: false };
    }

    const now = new Date();
    const conversation: Conversation = {
      id: randomUUID(),
      type: input.type,
      name,
      directKey: key,
      orgId: input.orgId ?? null,
      subject: input.subject ?? null,
      createdBy: me,
      createdAt: now,
      lastSeq: 0,
      lastMessageAt: null,
    };
    const participants: Participant[] = [me, ...others].map((userId) => ({
      conversationId: conversation.id,
      userId,
      role: input.type === 'group' && userId === me ? 'admin' : 'member',
      joinedAt: now,
      leftAt: null,
      lastReadSeq: 0,
      archivedAt: null,
      muted: false,
    }));
    try {
      await this.uow.run(async (repos) => {
        await repos.conversations.insert(conversation);
        await repos.participants.insertMany(participants);
      });
    } catch (error) {
      // Both users opened their direct conversation at the same moment: the other insert won.
      if (key && pgError(error).code === UNIQUE_VIOLATION) {
        const existing = await this.uow.repos.conversations.findDirect(key);
        if (existing) return { conversation: existing, created: false };
      }
      throw error;
    }
    this.live.toUsers(
      participants.map((p) => p.userId),
      LIVE_EVENTS.conversationCreated,
      conversationWire(conversation, participants),
    );
    return { conversation, created: true };
  }
}
