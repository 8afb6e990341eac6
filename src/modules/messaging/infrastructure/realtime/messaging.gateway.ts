import { randomUUID } from 'node:crypto';
import { Inject, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import Redis from 'ioredis';
import type { Server, Socket } from 'socket.io';
import { ACCESS_TOKEN_VERIFIER, AccessTokenVerifier } from '../../../../platform/auth/principal';
import { APP_CONFIG } from '../../../../platform/config/config.module';
import type { AppConfig } from '../../../../platform/config/config.schema';
import { DomainError, RequestContext } from '../../../../platform/kernel';
import { sessionRevocationChannel } from '../../../identity';
import { MESSAGING_SETTINGS, MessagingSettings } from '../../application/ports';
import { TypingUseCase } from '../../application/use-cases/typing.use-case';
import { SocketLiveChannel, sessionRoom, userRoom } from './socket-live-channel';
import { closeRedis } from '../../../../platform/infra/close-redis';

interface SocketData {
  userId: string;
  sessionId?: string;
  roles: string[];
  token: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The access token from `auth.token` (browsers) or an `Authorization: Bearer` header (other clients). */
function tokenOf(socket: Socket): string | undefined {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string' && auth.token) return auth.token.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  return typeof header === 'string' && /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '') : undefined;
}

function problem(error: unknown): { ok: false; code: string; message: string; retry_after?: number } {
  if (error instanceof DomainError) return { ok: false, code: error.code, message: error.message, retry_after: error.details?.retryAfterSeconds };
  return { ok: false, code: 'MESSAGING.UNAVAILABLE', message: 'Could not do this now.' };
}

/**
 * The WebSocket side of the API (Socket.IO on the HTTP port, path /socket.io). A client connects with its access
 * token; the handshake is refused without a valid one. Each socket joins its user's room: messaging (and any
 * context using MessagingApi.pushToUser) emits there, on every instance through the Redis adapter. A revoked
 * session's sockets are dropped at once (identity's revocation channel), and every socket's token is checked
 * again periodically (expiry, or revocations missed while Redis was away).
 */
@WebSocketGateway({ cors: { origin: true }, transports: ['websocket', 'polling'] })
export class MessagingGateway implements OnGatewayInit, OnGatewayConnection, OnApplicationShutdown {
  private readonly logger = new Logger('MessagingGateway');
  private server?: Server;
  private subscriber?: Redis;
  private recheck?: NodeJS.Timeout;

  constructor(
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    private readonly live: SocketLiveChannel,
    private readonly typing: TypingUseCase,
  ) {}

  afterInit(server: Server): void {
    this.server = server;
    this.live.attach(server);
    server.use((socket, next) => {
      const token = tokenOf(socket);
      if (!token) return next(Object.assign(new Error('unauthenticated'), { data: { code: 'AUTH.TOKEN_MISSING' } }));
      this.verifier
        .verify(token)
        .then((principal) => {
          if (!principal.userId) throw new Error('not a person');
          socket.data = { userId: principal.userId, sessionId: principal.sessionId, roles: principal.roles, token } satisfies SocketData;
          next();
        })
        .catch((error: unknown) =>
          next(Object.assign(new Error('unauthenticated'), { data: { code: error instanceof DomainError ? error.code : 'AUTH.TOKEN_INVALID' } })),
        );
    });
    this.listenForRevocations();
    this.recheck = setInterval(() => void this.recheckSockets(), this.settings.socketRecheckMs);
    this.recheck.unref();
  }

  async handleConnection(socket: Socket): Promise<void> {
    const data = socket.data as SocketData;
    await socket.join(data.sessionId ? [userRoom(data.userId), sessionRoom(data.sessionId)] : [userRoom(data.userId)]);
    socket.emit('ready', { user_id: data.userId });
  }

  /** `typing` {conversation_id, typing?: boolean} with an acknowledgement: {ok, expires_at} or {ok: false, code, message}. */
  @SubscribeMessage('typing')
  async onTyping(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<object> {
    const input = (body ?? {}) as { conversation_id?: unknown; typing?: unknown };
    if (typeof input.conversation_id !== 'string' || !UUID.test(input.conversation_id)) {
      return { ok: false, code: 'MESSAGING.VALIDATION_FAILED', message: 'conversation_id must be a UUID' };
    }
    try {
      const result = await this.typing.execute(this.contextOf(socket), { conversationId: input.conversation_id.toLowerCase(), typing: input.typing !== false });
      return { ok: true, expires_at: result.expiresAt?.toISOString() ?? null };
    } catch (error) {
      return problem(error);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.recheck);
    await closeRedis(this.subscriber);
  }

  private contextOf(socket: Socket): RequestContext {
    const data = socket.data as SocketData;
    return { requestId: randomUUID(), userId: data.userId, sessionId: data.sessionId, roles: data.roles };
  }

  private listenForRevocations(): void {
    const url = this.config.redis.url;
    if (!url) return;
    const channel = sessionRevocationChannel(this.config.redis.keyPrefix);
    const subscriber = new Redis(url, { connectionName: 'messaging-revocations', maxRetriesPerRequest: null });
    subscriber.on('error', (error: Error) => this.logger.warn({ msg: 'revocation channel error', error: error.message }));
    subscriber.on('ready', () => void subscriber.subscribe(channel).catch(() => undefined));
    subscriber.on('message', (from: string, message: string) => {
      if (from !== channel) return;
      try {
        const ids = (JSON.parse(message) as { ids?: unknown }).ids;
        if (!Array.isArray(ids)) return;
        const rooms = ids.filter((id): id is string => typeof id === 'string').map(sessionRoom);
        // Every instance receives the message: each drops its own sockets.
        if (rooms.length > 0) this.server?.local.in(rooms).disconnectSockets(true);
      } catch {
        // not ours
      }
    });
    this.subscriber = subscriber;
  }

  private async recheckSockets(): Promise<void> {
    if (!this.server) return;
    for (const socket of this.server.sockets.sockets.values()) {
      const data = socket.data as SocketData | undefined;
      if (!data?.token) continue;
      try {
        await this.verifier.verify(data.token);
      } catch {
        socket.disconnect(true);
      }
    }
  }
}
