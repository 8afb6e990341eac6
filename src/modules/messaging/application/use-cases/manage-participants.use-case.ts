import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { MessagingErrors, checkCanAdd, checkCanRemove } from '../../domain';
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
import { LIVE_EVENTS } from '../live-events';
import { actorOf, participation } from '../services/conversation-access';
import { SubjectCheck } from '../services/subject-check';

/**
 * A group's admin adds someone: not a user who blocks the admin, in an organization conversation only its members,
 * in a conversation about a subject only someone who takes part in it.
 */
@Injectable()
export class AddParticipantUseCase {
  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    @Inject(MESSAGING_DIRECTORY) private readonly directory: MessagingDirectory,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    @Inject(LIVE_CHANNEL) private readonly live: LiveChannel,
    private readonly subjects: SubjectCheck,
  ) {}

  async execute(ctx: RequestContext, input: { conversationId: string; userId: string }): Promise<void> {
    const me = actorOf(ctx);
    const target = input.userId.toLowerCase();
    const before = await participation(this.uow.repos, input.conversationId, me);
    if ((await this.directory.unknownUsers([target])).length > 0) throw MessagingErrors.userNotFound([target]);
    if (before.conversation.orgId && !(await this.directory.isActiveMember(before.conversation.orgId, target))) throw MessagingErrors.notOrganizationMember();
    if (before.conversation.subject && before.conversation.type === 'group') {
      const active = await this.uow.repos.participants.listActive(before.conversation.id);
      if (!active.some((p) => p.userId === target)) {
        await this.subjects.checkJoining(
          before.conversation.subject,
          active.map((p) => p.userId),
          target,
        );
      }
    }
    const recipients = await this.uow.run(async (repos) => {
      const { conversation, me: actor } = await participation(repos, input.conversationId, me, { lock: true });
      const active = await repos.participants.listActive(conversation.id);
      checkCanAdd(conversation, actor, active.length, this.settings.maxParticipants);
      if (active.some((p) => p.userId === target)) throw MessagingErrors.alreadyParticipant();
      if (await repos.blocks.exists(target, me)) throw MessagingErrors.blocked();
      const now = new Date();
      if (await repos.participants.findAny(conversation.id, target)) await repos.participants.rejoin(conversation.id, target, 'member', now);
      else
        await repos.participants.insertMany([
          { conversationId: conversation.id, userId: target, role: 'member', joinedAt: now, leftAt: null, lastReadSeq: 0, archivedAt: null, muted: false },
        ]);
      // The newcomer starts with everything up to now read.
      await repos.participants.markRead(conversation.id, target, conversation.lastSeq);
      return [...active.map((p) => p.userId), target];
    });
    this.live.toUsers(recipients, LIVE_EVENTS.participantAdded, { conversation_id: input.conversationId, user_id: target, added_by: me });
  }
}

/**
 * A group's admin removes someone, or anyone leaves. Their sockets stop getting the conversation's events at
 * once: events go to the current participants' user rooms, computed at each send.
 */
@Injectable()
export class RemoveParticipantUseCase {
  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    @Inject(LIVE_CHANNEL) private readonly live: LiveChannel,
  ) {}

  async execute(ctx: RequestContext, input: { conversationId: string; userId: string }): Promise<void> {
    const me = actorOf(ctx);
    const target = input.userId.toLowerCase();
    const recipients = await this.uow.run(async (repos) => {
      const { conversation, me: actor } = await participation(repos, input.conversationId, me, { lock: true });
      checkCanRemove(conversation, actor, target);
      const active = await repos.participants.listActive(conversation.id);
      if (!active.some((p) => p.userId === target)) throw MessagingErrors.notParticipant();
      await repos.participants.leave(conversation.id, target, new Date());
      await repos.participants.ensureAdmin(conversation.id);
      return active.map((p) => p.userId);
    });
    this.live.toUsers(recipients, LIVE_EVENTS.participantRemoved, { conversation_id: input.conversationId, user_id: target, removed_by: me });
  }
}

/** Archive and mute belong to each participant: they change nothing for the others. */
@Injectable()
export class UpdateParticipationUseCase {
  constructor(@Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork) {}

  async execute(ctx: RequestContext, input: { conversationId: string; archived?: boolean; muted?: boolean }): Promise<void> {
    const me = actorOf(ctx);
    await participation(this.uow.repos, input.conversationId, me);
    if (input.archived !== undefined) await this.uow.repos.participants.setArchived(input.conversationId, me, input.archived ? new Date() : null);
    if (input.muted !== undefined) await this.uow.repos.participants.setMuted(input.conversationId, me, input.muted);
  }
}
