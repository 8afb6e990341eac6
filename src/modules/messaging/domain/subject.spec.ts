import { MESSAGING_ERRORS } from './messaging-errors';
import { SubjectParties, checkCreatorOfSubject, checkNewcomerOfSubject, checkParticipantsOfSubject } from './subject';

const order: SubjectParties = { type: 'order', orgId: 'seller', customerUserId: 'buyer', openToAnyCustomer: false };
const listing: SubjectParties = { type: 'listing', orgId: 'seller', customerUserId: null, openToAnyCustomer: true };
const draft: SubjectParties = { ...listing, openToAnyCustomer: false };

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('conversation subjects', () => {
  it('lets the customer and the members open one; a stranger gets SUBJECT_UNAVAILABLE', () => {
    expect(codeOf(() => checkCreatorOfSubject(order, 'buyer', false))).toBeUndefined();
    expect(codeOf(() => checkCreatorOfSubject(order, 'staff', true))).toBeUndefined();
    expect(codeOf(() => checkCreatorOfSubject(order, 'stranger', false))).toBe(MESSAGING_ERRORS.subjectUnavailable);
    expect(codeOf(() => checkCreatorOfSubject(listing, 'anyone', false))).toBeUndefined();
    expect(codeOf(() => checkCreatorOfSubject(draft, 'anyone', false))).toBe(MESSAGING_ERRORS.subjectUnavailable);
  });

  it('keeps participants to the members and the one customer', () => {
    const members = new Set(['staff', 'manager']);
    expect(codeOf(() => checkParticipantsOfSubject(order, ['buyer', 'staff', 'manager'], members))).toBeUndefined();
    expect(codeOf(() => checkParticipantsOfSubject(order, ['buyer', 'stranger'], members))).toBe(MESSAGING_ERRORS.participantOutsideSubject);
    expect(codeOf(() => checkParticipantsOfSubject(listing, ['asker', 'staff'], members))).toBeUndefined();
    expect(codeOf(() => checkParticipantsOfSubject(listing, ['asker', 'another', 'staff'], members))).toBe(MESSAGING_ERRORS.participantOutsideSubject);
    expect(codeOf(() => checkParticipantsOfSubject(draft, ['asker', 'staff'], members))).toBe(MESSAGING_ERRORS.participantOutsideSubject);
    expect(codeOf(() => checkParticipantsOfSubject(draft, ['manager', 'staff'], members))).toBeUndefined();
  });

  it('admits a newcomer who is a member, or the customer while no other outside person is in', () => {
    expect(codeOf(() => checkNewcomerOfSubject(order, 'staff', true, 1))).toBeUndefined();
    expect(codeOf(() => checkNewcomerOfSubject(order, 'buyer', false, 0))).toBeUndefined();
    expect(codeOf(() => checkNewcomerOfSubject(order, 'stranger', false, 0))).toBe(MESSAGING_ERRORS.participantOutsideSubject);
    expect(codeOf(() => checkNewcomerOfSubject(listing, 'asker', false, 0))).toBeUndefined();
    expect(codeOf(() => checkNewcomerOfSubject(listing, 'second', false, 1))).toBe(MESSAGING_ERRORS.participantOutsideSubject);
  });
});
