import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Server } from 'socket.io';
import { APP_CONFIG } from '../../../../platform/config/config.module';
import type { AppConfig } from '../../../../platform/config/config.schema';
import { createDetachedEmitter } from '../../../../platform/realtime/redis-io.adapter';
import type { LiveChannel } from '../../application/ports';

/** Every socket of a user joins this room, on whichever API instance it is connected. */
export const userRoom = (userId: string): string => `user:${userId}`;
/** Every socket of a session joins this room: a revoked session's sockets are dropped through it. */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

/**
 * The platform's live channel. In an API process the gateway hands over its Socket.IO server; elsewhere (the
 * worker, where event handlers run) a port-less server on the same Redis adapter publishes to the API instances.
 */
@Injectable()
export class SocketLiveChannel implements LiveChannel, OnApplicationShutdown {
  private readonly logger = new Logger('LiveChannel');
  private server?: Server;
  private detached?: Promise<{ server: Server; close(): Promise<void> } | undefined>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  attach(server: Server): void {
    this.server = server;
  }

  toUsers(userIds: string[], event: string, payload: object): void {
    if (userIds.length === 0) return;
    const rooms = [...new Set(userIds)].map(userRoom);
    // Live delivery is best effort: what it carries is stored (messages, notifications) and a client
    // catches up over REST. A Redis connection closing (shutdown, outage) must not fail the caller.
    try {
      if (this.server) {
        this.server.to(rooms).emit(event, payload);
        return;
      }
      void this.emitter()
        .then((emitter) => emitter?.server.to(rooms).emit(event, payload))
        .catch((error: unknown) => this.dropped(event, error));
    } catch (error) {
      this.dropped(event, error);
    }
  }

  private dropped(event: string, error: unknown): void {
    this.logger.warn({ msg: 'live event not delivered', event, error: (error as Error).message });
  }

  private emitter(): Promise<{ server: Server; close(): Promise<void> } | undefined> {
    const url = this.config.redis.url;
    this.detached ??= url
      ? createDetachedEmitter(url, this.config.redis.keyPrefix).catch((error: Error) => {
          this.logger.warn({ msg: 'live channel unavailable', error: error.message });
          this.detached = undefined;
          return undefined;
        })
      : Promise.resolve(undefined);
    return this.detached;
  }

  async onApplicationShutdown(): Promise<void> {
    await (await this.detached)?.close();
  }
}
