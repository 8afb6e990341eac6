import type { SubjectType } from './conversation';
import { MessagingErrors } from './messaging-errors';

/**
 * Who a conversation's subject involves: the organization on the selling or serving side, and the one person on the
 * other side when the subject names them (an order's buyer, a booking's customer). A published listing has no such
 * person yet: any one prospective buyer may ask about it.
 */
export interface SubjectParties {
  type: SubjectType;
  orgId: string;
  customerUserId: string | null;
  openToAnyCustomer: boolean;
}

/**
 * Whether `userId` may open a conversation about the subject: a member of its organization, its customer, or
 * anyone for a published listing. Otherwise the subject is "unavailable" (the same answer as for one that does not
 * exist, so an order's existence does not leak to a stranger).
 */
export function checkCreatorOfSubject(parties: SubjectParties, userId: string, isMember: boolean): void {
  if (isMember) return;
  if (parties.customerUserId === userId) return;
  if (parties.openToAnyCustomer) return;
  throw MessagingErrors.subjectUnavailable(parties.type);
}

/**
 * The participants of a conversation about a subject: members of its organization, plus at most one outside person
 * who is the subject's customer (for a listing: whoever asks about it).
 */
export function checkParticipantsOfSubject(parties: SubjectParties, participantIds: string[], members: ReadonlySet<string>): void {
  const outsiders = [...new Set(participantIds)].filter((id) => !members.has(id));
  const allowed = (id: string) => (parties.customerUserId !== null ? id === parties.customerUserId : parties.openToAnyCustomer);
  const refused = outsiders.filter((id) => !allowed(id));
  if (refused.length > 0 || outsiders.length > 1)
    throw MessagingErrors.participantOutsideSubject(parties.type, refused.length > 0 ? refused : outsiders.slice(1));
}

/** Someone added to a conversation about the subject: a member, or its customer when no other outside person is in. */
export function checkNewcomerOfSubject(parties: SubjectParties, newcomerId: string, isMember: boolean, outsidersAlreadyIn: number): void {
  if (isMember) return;
  const allowed = parties.customerUserId !== null ? newcomerId === parties.customerUserId : parties.openToAnyCustomer;
  if (!allowed || outsidersAlreadyIn > 0) throw MessagingErrors.participantOutsideSubject(parties.type, [newcomerId]);
}
