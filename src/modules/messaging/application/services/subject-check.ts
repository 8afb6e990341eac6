import { Inject, Injectable } from '@nestjs/common';
import { MessagingErrors, SubjectParties, SubjectType, checkCreatorOfSubject, checkNewcomerOfSubject, checkParticipantsOfSubject } from '../../domain';
import { CONVERSATION_SUBJECTS, ConversationSubjects, MESSAGING_DIRECTORY, MessagingDirectory } from '../ports';

type Subject = { type: SubjectType; id: string };

/**
 * The participants of a conversation about a listing, an order or a booking are checked against it: its
 * organization's active members, and its customer (an order's buyer, a booking's customer, one prospective buyer
 * of a published listing).
 */
@Injectable()
export class SubjectCheck {
  constructor(
    @Inject(CONVERSATION_SUBJECTS) private readonly subjects: ConversationSubjects,
    @Inject(MESSAGING_DIRECTORY) private readonly directory: MessagingDirectory,
  ) {}

  /** A new conversation about `subject`, started by `creatorId` with `everyone` (the creator included). */
  async checkNew(subject: Subject, creatorId: string, everyone: string[]): Promise<void> {
    const parties = await this.subjects.parties(subject);
    if (!parties) throw MessagingErrors.subjectUnavailable(subject.type);
    const members = await this.membersAmong(parties, everyone);
    checkCreatorOfSubject(parties, creatorId, members.has(creatorId));
    checkParticipantsOfSubject(parties, everyone, members);
  }

  /** `newcomerId` joins a conversation about `subject` whose active participants are `active`. */
  async checkJoining(subject: Subject, active: string[], newcomerId: string): Promise<void> {
    const parties = await this.subjects.parties(subject);
    if (!parties) throw MessagingErrors.participantOutsideSubject(subject.type, [newcomerId]);
    const members = await this.membersAmong(parties, [...active, newcomerId]);
    const outsiders = active.filter((id) => !members.has(id)).length;
    checkNewcomerOfSubject(parties, newcomerId, members.has(newcomerId), outsiders);
  }

  private async membersAmong(parties: SubjectParties, userIds: string[]): Promise<Set<string>> {
    const unique = [...new Set(userIds)];
    const checks = await Promise.all(unique.map((userId) => this.directory.isActiveMember(parties.orgId, userId)));
    return new Set(unique.filter((_, i) => checks[i]));
  }
}
