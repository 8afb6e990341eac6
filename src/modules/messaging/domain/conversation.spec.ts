import { checkCanAdd, checkCanRemove, checkGroupName, Conversation, directKey, initialParticipants, Participant } from './conversation';
import { checkBody, checkCanChange, isSameSend, Message } from './message';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

function conversation(type: Conversation['type']): Conversation {
  return {
    id: 'c',
    type,
    name: type === 'group' ? 'g' : null,
    directKey: type === 'direct' ? directKey(A, B) : null,
    orgId: null,
    subject: null,
    createdBy: A,
    createdAt: new Date(),
    lastSeq: 0,
    lastMessageAt: null,
  };
}

function participant(userId: string, role: Participant['role']): Participant {
  return { conversationId: 'c', userId, role, joinedAt: new Date(), leftAt: null, lastReadSeq: 0, archivedAt: null, muted: false };
}

function message(overrides: Partial<Message> = {}): Message {
  return {
    id: 'm',
    conversationId: 'c',
    seq: 1,
    senderUserId: A,
    clientTxnId: 't',
    body: 'hi',
    createdAt: new Date(),
    editedAt: null,
    deletedAt: null,
    attachments: [],
    ...overrides,
  };
}

describe('conversation rules', () => {
  it('keys a direct conversation by the sorted pair', () => {
    expect(directKey(B, A)).toBe(directKey(A, B));
  });

  it('starts with the creator plus distinct others, one for a direct conversation', () => {
    expect(initialParticipants('group', A, [B, B.toUpperCase(), A, C], 10)).toEqual([B, C]);
    expect(() => initialParticipants('direct', A, [B, C], 10)).toThrow(expect.objectContaining({ code: 'MESSAGING.VALIDATION_FAILED' }));
    expect(() => initialParticipants('direct', A, [A], 10)).toThrow();
    expect(() => initialParticipants('group', A, [], 10)).toThrow();
    expect(() => initialParticipants('group', A, [B, C], 2)).toThrow(expect.objectContaining({ code: 'MESSAGING.TOO_MANY_PARTICIPANTS' }));
  });

  it('names groups and only groups', () => {
    expect(checkGroupName('group', '  Pit crew ')).toBe('Pit crew');
    expect(checkGroupName('direct', undefined)).toBeNull();
    expect(() => checkGroupName('group', ' ')).toThrow();
    expect(() => checkGroupName('direct', 'x')).toThrow();
  });

  it('lets admins add to groups, never to direct conversations, within the size limit', () => {
    expect(() => checkCanAdd(conversation('group'), participant(A, 'admin'), 2, 10)).not.toThrow();
    expect(() => checkCanAdd(conversation('group'), participant(B, 'member'), 2, 10)).toThrow(
      expect.objectContaining({ code: 'MESSAGING.NOT_CONVERSATION_ADMIN' }),
    );
    expect(() => checkCanAdd(conversation('group'), participant(A, 'admin'), 10, 10)).toThrow(
      expect.objectContaining({ code: 'MESSAGING.TOO_MANY_PARTICIPANTS' }),
    );
    expect(() => checkCanAdd(conversation('direct'), participant(A, 'admin'), 2, 10)).toThrow(
      expect.objectContaining({ code: 'MESSAGING.DIRECT_CONVERSATION_FIXED' }),
    );
  });

  it('lets anyone leave a group and admins remove others', () => {
    expect(() => checkCanRemove(conversation('group'), participant(B, 'member'), B)).not.toThrow();
    expect(() => checkCanRemove(conversation('group'), participant(B, 'member'), C)).toThrow();
    expect(() => checkCanRemove(conversation('group'), participant(A, 'admin'), C)).not.toThrow();
    expect(() => checkCanRemove(conversation('direct'), participant(A, 'member'), A)).toThrow();
  });
});

describe('message rules', () => {
  it('counts the body in code points and refuses blank ones', () => {
    expect(checkBody('👩‍🔧', 3)).toBe('👩‍🔧');
    expect(() => checkBody('👩‍🔧x', 3)).toThrow();
    expect(() => checkBody(' \n ', 10)).toThrow();
  });

  it('lets only the sender change a live message', () => {
    expect(() => checkCanChange(message(), A)).not.toThrow();
    expect(() => checkCanChange(message(), B)).toThrow(expect.objectContaining({ code: 'MESSAGING.NOT_MESSAGE_SENDER' }));
    expect(() => checkCanChange(message({ deletedAt: new Date(), body: null }), A)).toThrow(expect.objectContaining({ code: 'MESSAGING.MESSAGE_DELETED' }));
  });

  it('recognizes a retried send by its text (a deleted one replays as its tombstone)', () => {
    expect(isSameSend(message(), 'hi')).toBe(true);
    expect(isSameSend(message(), 'other')).toBe(false);
    expect(isSameSend(message({ deletedAt: new Date(), body: null }), 'hi')).toBe(true);
  });
});
