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
import { SubjectCheck } from '../services/subject-check';

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
 * A conversation about a subject (a listing, an order, a booking) is between the subject's organization's members
 * and its customer (an order's buyer, a booking's customer, whoever asks about a published listing): a stranger
 * cannot open one about someone else's order (MESSAGING.SUBJECT_UNAVAILABLE), nor bring in someone who takes no
 * part in it (MESSAGING.PARTICIPANT_OUTSIDE_SUBJECT). A direct conversation stays unique per pair: asking again
 * about another subject returns the existing one.
 */
@Injectable()
export class CreateConversationUseCase {
  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    @Inject(MESSAGING_DIRECTORY) private readonly directory: MessagingDirectory,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    @Inject(LIVE_CHANNEL) private readonly live: LiveChannel,
    private readonly subjects: SubjectCheck,
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
    if (input.subject) await this.subjects.checkNew(input.subject, me, [me, ...others]);

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
