import { DomainError } from '../../../platform/kernel';

/** Every error code the messaging context raises on purpose. */
export const MESSAGING_ERRORS = {
  validation: 'MESSAGING.VALIDATION_FAILED',
  conversationNotFound: 'MESSAGING.CONVERSATION_NOT_FOUND',
  messageNotFound: 'MESSAGING.MESSAGE_NOT_FOUND',
  userNotFound: 'MESSAGING.USER_NOT_FOUND',
  notAdmin: 'MESSAGING.NOT_CONVERSATION_ADMIN',
  notSender: 'MESSAGING.NOT_MESSAGE_SENDER',
  directImmutable: 'MESSAGING.DIRECT_CONVERSATION_FIXED',
  alreadyParticipant: 'MESSAGING.ALREADY_PARTICIPANT',
  notParticipant: 'MESSAGING.NOT_A_PARTICIPANT',
  tooManyParticipants: 'MESSAGING.TOO_MANY_PARTICIPANTS',
  blocked: 'MESSAGING.BLOCKED',
  messageDeleted: 'MESSAGING.MESSAGE_DELETED',
  txnReused: 'MESSAGING.CLIENT_TXN_ID_REUSED',
  notOrganizationMember: 'MESSAGING.NOT_ORGANIZATION_MEMBER',
  rateLimited: 'MESSAGING.RATE_LIMITED',
  blockNotFound: 'MESSAGING.BLOCK_NOT_FOUND',
  attachmentNotFound: 'MESSAGING.ATTACHMENT_NOT_FOUND',
  attachmentRejected: 'MESSAGING.ATTACHMENT_REJECTED',
  unavailable: 'MESSAGING.UNAVAILABLE',
  subjectUnavailable: 'MESSAGING.SUBJECT_UNAVAILABLE',
  participantOutsideSubject: 'MESSAGING.PARTICIPANT_OUTSIDE_SUBJECT',
} as const;

export type MessagingErrorCode = (typeof MESSAGING_ERRORS)[keyof typeof MESSAGING_ERRORS];

const E = MESSAGING_ERRORS;

const SUBJECT_SIDES: Record<string, { name: string; customer: string; org: string }> = {
  listing: { name: 'listing', customer: 'a prospective buyer', org: 'the seller organization' },
  order: { name: 'order', customer: 'its buyer', org: 'the seller organization' },
  booking: { name: 'booking', customer: 'its customer', org: 'the repair shop' },
};

export const MessagingErrors = {
  validation: (errors: Record<string, string[]>) => new DomainError(E.validation, 'validation', 'The request has invalid fields.', { errors }),
  /** Also what a non-participant gets: a conversation's existence does not leak. */
  conversationNotFound: () => new DomainError(E.conversationNotFound, 'not_found', 'No such conversation.'),
  messageNotFound: () => new DomainError(E.messageNotFound, 'not_found', 'No such message.'),
  userNotFound: (ids: string[]) =>
    new DomainError(E.userNotFound, 'unprocessable', 'Some participants do not exist.', { errors: { participant_ids: ids.map((id) => `unknown user ${id}`) } }),
  notAdmin: () => new DomainError(E.notAdmin, 'forbidden', 'Only the conversation’s admins may do this.'),
  notSender: () => new DomainError(E.notSender, 'forbidden', 'Only the sender may change this message.'),
  directImmutable: () => new DomainError(E.directImmutable, 'unprocessable', 'A direct conversation always has the same two participants.'),
  alreadyParticipant: () => new DomainError(E.alreadyParticipant, 'conflict', 'This user already takes part in the conversation.'),
  notParticipant: () => new DomainError(E.notParticipant, 'unprocessable', 'This user does not take part in the conversation.'),
  tooManyParticipants: (max: number) => new DomainError(E.tooManyParticipants, 'unprocessable', `A conversation has at most ${max} participants.`),
  blocked: () => new DomainError(E.blocked, 'forbidden', 'A block between these users does not allow this.'),
  messageDeleted: () => new DomainError(E.messageDeleted, 'conflict', 'This message was deleted.'),
  txnReused: () => new DomainError(E.txnReused, 'conflict', 'This client_txn_id was already used for another message.'),
  notOrganizationMember: () =>
    new DomainError(E.notOrganizationMember, 'unprocessable', 'Every participant of an organization conversation must be an active member of it.'),
  rateLimited: (retryAfterSeconds: number) =>
    new DomainError(E.rateLimited, 'rate_limited', 'Too many requests: slow down.', { retryAfterSeconds: Math.max(1, retryAfterSeconds) }),
  blockNotFound: () => new DomainError(E.blockNotFound, 'not_found', 'You do not block this user.'),
  attachmentNotFound: () => new DomainError(E.attachmentNotFound, 'not_found', 'No such attachment.'),
  attachmentRejected: (reason: string) => new DomainError(E.attachmentRejected, 'unprocessable', reason),
  unavailable: () => new DomainError(E.unavailable, 'unavailable', 'Messaging is temporarily unavailable.'),
  /** The subject does not exist, or the caller is neither its customer nor a member of its organization: one answer for both. */
  subjectUnavailable: (type: string) => {
    const side = SUBJECT_SIDES[type] ?? SUBJECT_SIDES.listing;
    return new DomainError(
      E.subjectUnavailable,
      'unprocessable',
      `No ${side.name} with this id that you may talk about: only ${side.customer} and members of ${side.org} open a conversation about it.`,
      { errors: { subject_id: [`no such ${side.name} for you`] } },
    );
  },
  participantOutsideSubject: (type: string, userIds: string[]) => {
    const side = SUBJECT_SIDES[type] ?? SUBJECT_SIDES.listing;
    return new DomainError(
      E.participantOutsideSubject,
      'unprocessable',
      `A conversation about this ${side.name} is between ${side.customer} and members of ${side.org} only.`,
      { errors: { participant_ids: userIds.map((id) => `${id} takes no part in this ${side.name}`) } },
    );
  },
};
