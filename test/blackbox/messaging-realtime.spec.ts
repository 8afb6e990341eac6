import { randomUUID } from 'node:crypto';
import { freePort } from '../../src/platform/infra/free-port';
import { NodeProcess, spawnBuilt } from '../support/processes';
import { connectSocket, connected, disconnected, RecordingSocket } from '../support/socket-clients';
import { testConfig, testEnv } from '../support/test-config';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Person {
  userId: string;
  token: string;
  refreshToken: string;
}

/**
 * The built API run twice against one Postgres and one Redis, driven by real Socket.IO clients as a frontend
 * would: events emitted on one instance reach sockets connected to the other through the Redis adapter.
 */
describe('messaging real time across two API instances (dist/main.js)', () => {
  const instances: NodeProcess[] = [];
  let urlA: string;
  let urlB: string;
  const sockets: RecordingSocket[] = [];

  async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; json: Json }> {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Json) : {} };
  }

  async function person(): Promise<Person> {
    const res = await call(urlA, 'POST', '/auth/signup', undefined, {
      full_name: 'Live Rider',
      email: `live-${randomUUID()}@example.test`,
      password: 'Velvet#Orbit42',
      date_of_birth: '1990-01-15',
    });
    expect(res.status).toBe(201);
    return { userId: res.json.user.id, token: res.json.access_token, refreshToken: res.json.refresh_token };
  }

  async function socketFor(base: string, who: Person): Promise<RecordingSocket> {
    const client = connectSocket(base, who.token);
    sockets.push(client);
    await connected(client);
    return client;
  }

  beforeAll(async () => {
    const config = testConfig();
    for (let i = 0; i < 2; i += 1) {
      const port = await freePort();
      const api = spawnBuilt(
        'main.js',
        testEnv(config, { PORT: String(port), HOST: '127.0.0.1', PROCESS_ROLE: 'all', AUTH_RATE_LIMIT_MAX: '100000', RATE_LIMIT_MAX: '100000' }),
      );
      instances.push(api);
      await api.waitForOutput(/api listening/, 60_000);
      if (i === 0) urlA = `http://127.0.0.1:${port}`;
      else urlB = `http://127.0.0.1:${port}`;
    }
  }, 120_000);

  afterAll(async () => {
    for (const client of sockets) client.close();
    const exits = await Promise.all(instances.map((api) => api.kill('SIGTERM')));
    for (const exit of exits) expect(exit.code).toBe(0);
  });

  it('refuses a handshake without a valid access token', async () => {
    const none = connectSocket(urlA, undefined);
    sockets.push(none);
    await expect(connected(none)).rejects.toMatchObject({ data: { code: 'AUTH.TOKEN_MISSING' } });
    const bad = connectSocket(urlB, 'not-a-token');
    sockets.push(bad);
    await expect(connected(bad)).rejects.toMatchObject({ message: 'unauthenticated' });
  });

  it('delivers new, edited and deleted messages, receipts and typing to sockets on the other instance', async () => {
    const [alice, bob] = await Promise.all([person(), person()]);
    const bobSocket = await socketFor(urlB, bob);
    const aliceSocket = await socketFor(urlA, alice);
    const conversation = await call(urlA, 'POST', '/conversations', alice.token, { conversation_type: 'direct', participant_ids: [bob.userId] });
    expect(conversation.status).toBe(201);
    const id = conversation.json.id as string;
    await bobSocket.next('conversation.created', (p) => p.id === id);

    const sent = await call(urlA, 'POST', `/conversations/${id}/messages`, alice.token, { client_txn_id: 'live-1', body: 'on my way' });
    expect(sent.status).toBe(201);
    const created = await bobSocket.next('message.created', (p) => p.id === sent.json.id);
    expect(created).toMatchObject({ conversation_id: id, body: 'on my way', sender_user_id: alice.userId, seq: 1 });
    // The sender's other devices get it too.
    await aliceSocket.next('message.created', (p) => p.id === sent.json.id);

    await call(urlA, 'PUT', `/messages/${sent.json.id}/edit`, alice.token, { body: 'almost there' });
    expect(await bobSocket.next('message.edited', (p) => p.id === sent.json.id)).toMatchObject({ body: 'almost there' });

    const read = await call(urlB, 'POST', `/conversations/${id}/mark_as_read`, bob.token, {});
    expect(read.json).toMatchObject({ last_read_seq: 1, unread_count: 0 });
    expect(await aliceSocket.next('receipt.updated', (p) => p.user_id === bob.userId)).toMatchObject({ conversation_id: id, last_read_seq: 1 });

    const ack = (await bobSocket.socket.timeout(3000).emitWithAck('typing', { conversation_id: id })) as Json;
    expect(ack.ok).toBe(true);
    expect(await aliceSocket.next('typing.started', (p) => p.user_id === bob.userId)).toMatchObject({ conversation_id: id });
    const typing = await call(urlA, 'GET', `/conversations/${id}/typing`, alice.token);
    expect(typing.json.data.map((t: Json) => t.user_id)).toEqual([bob.userId]);
    const refused = (await bobSocket.socket.timeout(3000).emitWithAck('typing', { conversation_id: randomUUID() })) as Json;
    expect(refused).toMatchObject({ ok: false, code: 'MESSAGING.CONVERSATION_NOT_FOUND' });

    await call(urlA, 'DELETE', `/messages/${sent.json.id}/delete_message`, alice.token);
    expect(await bobSocket.next('message.deleted', (p) => p.id === sent.json.id)).toMatchObject({ body: null, deleted: true });
  });

  it('stops delivering to a removed participant at once and tells the group', async () => {
    const [admin, member, leaver] = await Promise.all([person(), person(), person()]);
    const group = await call(urlA, 'POST', '/conversations', admin.token, {
      conversation_type: 'group',
      name: 'Pit crew',
      participant_ids: [member.userId, leaver.userId],
    });
    const id = group.json.id as string;
    const memberSocket = await socketFor(urlA, member);
    const leaverSocket = await socketFor(urlB, leaver);
    await call(urlA, 'POST', `/conversations/${id}/remove_participant`, admin.token, { user_id: leaver.userId });
    await memberSocket.next('participant.removed', (p) => p.user_id === leaver.userId);
    await leaverSocket.next('participant.removed', (p) => p.user_id === leaver.userId);
    const after = await call(urlB, 'POST', `/conversations/${id}/messages`, admin.token, { client_txn_id: 'after-removal', body: 'secret' });
    await memberSocket.next('message.created', (p) => p.id === after.json.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(leaverSocket.events.filter((e) => e.event === 'message.created')).toEqual([]);

    await call(urlA, 'POST', `/conversations/${id}/add_participant`, admin.token, { user_id: leaver.userId });
    await leaverSocket.next('participant.added', (p) => p.user_id === leaver.userId);
  });

  it('drops the sockets of a revoked session at once, on every instance', async () => {
    const rider = await person();
    const onA = await socketFor(urlA, rider);
    const onB = await socketFor(urlB, rider);
    const started = Date.now();
    const closedA = disconnected(onA, 3000);
    const closedB = disconnected(onB, 3000);
    expect((await call(urlA, 'POST', '/auth/logout', rider.token, {})).status).toBe(200);
    expect(await closedA).toBe('io server disconnect');
    expect(await closedB).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(2000);
    const again = connectSocket(urlB, rider.token);
    sockets.push(again);
    await expect(connected(again)).rejects.toMatchObject({ message: 'unauthenticated' });
  });

  it('catches up over the REST cursor after a reconnect', async () => {
    const [alice, bob] = await Promise.all([person(), person()]);
    const conversation = await call(urlA, 'POST', '/conversations', alice.token, { conversation_type: 'direct', participant_ids: [bob.userId] });
    const id = conversation.json.id as string;
    let bobSocket = await socketFor(urlB, bob);
    const first = await call(urlA, 'POST', `/conversations/${id}/messages`, alice.token, { client_txn_id: 'c1', body: 'one' });
    const seen = await bobSocket.next('message.created', (p) => p.id === first.json.id);
    bobSocket.close();
    for (const n of ['two', 'three']) await call(urlA, 'POST', `/conversations/${id}/messages`, alice.token, { client_txn_id: `c-${n}`, body: n });
    bobSocket = await socketFor(urlA, bob);
    const missed = await call(urlA, 'GET', `/conversations/${id}/messages?after=${seen.seq as number}`, bob.token);
    expect(missed.json.data.map((m: Json) => m.body)).toEqual(['two', 'three']);
    const live = await call(urlB, 'POST', `/conversations/${id}/messages`, alice.token, { client_txn_id: 'c4', body: 'four' });
    await bobSocket.next('message.created', (p) => p.id === live.json.id);
  });
});
