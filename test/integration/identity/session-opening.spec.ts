import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork } from '../../../src/modules/identity/application/ports';
import { Session } from '../../../src/modules/identity/domain';
import type { RequestContext } from '../../../src/platform/kernel';
import type { TestApp } from '../../support/test-app';
import { IdentityClient, identityApp } from '../../e2e/identity/identity-test-kit';

const LIFETIMES = { idleSeconds: 3600, absoluteSeconds: 86_400, graceSeconds: 10 };

/**
 * A sign-in stores its session, first refresh token and security event in one
 * statement (data-modifying CTEs) instead of a transaction of three inserts.
 * Against the real database: all three rows land, and a statement that fails
 * in any part leaves none of them.
 */
describe('opening a session in one statement', () => {
  let t: TestApp;
  let api: IdentityClient;
  let uow: IdentityUnitOfWork;
  let db: DataSource;
  beforeAll(async () => {
    t = await identityApp();
    api = new IdentityClient(t);
    uow = t.app.get(IDENTITY_UNIT_OF_WORK);
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const ctx = (userId: string): RequestContext => ({
    requestId: `open-${randomUUID()}`,
    userId,
    roles: [],
    ip: '203.0.113.9',
    userAgent: 'session-opening-spec',
  });
  const newSession = (userId: string) =>
    Session.open({ id: randomUUID(), userId, authMethod: 'password', userAgent: 'session-opening-spec', ip: '203.0.113.9' }, LIFETIMES, new Date());

  async function rowsOf(sessionId: string, requestId: string) {
    const [sessions, tokens, events] = await Promise.all([
      db.query(`SELECT user_id, generation, ip FROM sessions WHERE id = $1`, [sessionId]),
      db.query(`SELECT generation, token_hash FROM refresh_tokens WHERE family_id = $1`, [sessionId]),
      db.query(`SELECT type, user_id, ip, user_agent, metadata FROM security_events WHERE request_id = $1`, [requestId]),
    ]);
    return { sessions, tokens, events };
  }

  it('stores the session, its first refresh token and the sign-in event together', async () => {
    const user = await api.signUp();
    const session = newSession(user.userId);
    const tokenHash = randomBytes(32);
    const context = ctx(user.userId);
    await uow.repos.sessions.insertOpened(
      session,
      { tokenHash, createdAt: new Date() },
      { ctx: context, event: { type: 'login_succeeded', userId: user.userId, metadata: { session_id: session.id } } },
    );
    const rows = await rowsOf(session.id, context.requestId);
    expect(rows.sessions).toEqual([{ user_id: user.userId, generation: 0, ip: '203.0.113.9' }]);
    expect(rows.tokens).toEqual([{ generation: 0, token_hash: tokenHash }]);
    expect(rows.events).toEqual([
      { type: 'login_succeeded', user_id: user.userId, ip: '203.0.113.9', user_agent: 'session-opening-spec', metadata: { session_id: session.id } },
    ]);
  });

  it('stores no event when none is given', async () => {
    const user = await api.signUp();
    const session = newSession(user.userId);
    const context = ctx(user.userId);
    await uow.repos.sessions.insertOpened(session, { tokenHash: randomBytes(32), createdAt: new Date() });
    const rows = await rowsOf(session.id, context.requestId);
    expect([rows.sessions.length, rows.tokens.length, rows.events.length]).toEqual([1, 1, 0]);
  });

  it('leaves no session and no event behind when the refresh token cannot be stored', async () => {
    const user = await api.signUp();
    const tokenHash = randomBytes(32);
    await uow.repos.sessions.insertOpened(newSession(user.userId), { tokenHash, createdAt: new Date() });

    // The same token hash again: the refresh_tokens part violates its unique index.
    const second = newSession(user.userId);
    const context = ctx(user.userId);
    const failure = await uow.repos.sessions
      .insertOpened(second, { tokenHash, createdAt: new Date() }, { ctx: context, event: { type: 'login_succeeded', userId: user.userId } })
      .catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(/duplicate key/);
    const rows = await rowsOf(second.id, context.requestId);
    expect(rows).toEqual({ sessions: [], tokens: [], events: [] });
  });

  it('leaves nothing behind when the event cannot be stored', async () => {
    const user = await api.signUp();
    const session = newSession(user.userId);
    const context = ctx(user.userId);
    // An event without a type violates security_events.type's NOT NULL when that part executes.
    const untyped = { type: null as unknown as 'login_succeeded', userId: user.userId };
    const failure = await uow.repos.sessions
      .insertOpened(session, { tokenHash: randomBytes(32), createdAt: new Date() }, { ctx: context, event: untyped })
      .catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(/null value in column "type"/);
    expect(await rowsOf(session.id, context.requestId)).toEqual({ sessions: [], tokens: [], events: [] });
  });

  it('joins the surrounding transaction when called inside one', async () => {
    const user = await api.signUp();
    const session = newSession(user.userId);
    const context = ctx(user.userId);
    await expect(
      uow.run(async (repos) => {
        await repos.sessions.insertOpened(
          session,
          { tokenHash: randomBytes(32), createdAt: new Date() },
          { ctx: context, event: { type: 'login_succeeded', userId: user.userId } },
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await rowsOf(session.id, context.requestId)).toEqual({ sessions: [], tokens: [], events: [] });
  });
});
