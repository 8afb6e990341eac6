import { Logger, type INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server, ServerOptions } from 'socket.io';
import { closeRedis } from '../infra/close-redis';

/** Metadata @WebSocketGateway() puts on a class (@nestjs/websockets' GATEWAY_METADATA). */
const GATEWAY_METADATA = 'websockets:is_gateway';

/** The Redis channel prefix Socket.IO broadcasts on, per deployment (the key prefix keeps test runs apart). */
export function socketIoChannel(keyPrefix: string): string {
  return `${keyPrefix}:socket.io`;
}

const realtimeLogger = new Logger('Realtime');

interface AdapterClients {
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

/** Two Redis connections (publish, subscribe) for @socket.io/redis-adapter, ready before the caller goes on. */
async function connectAdapter(url: string, keyPrefix: string, name: string): Promise<AdapterClients> {
  const pub = new Redis(url, { connectionName: `${name}-pub`, maxRetriesPerRequest: null });
  const sub = pub.duplicate({ connectionName: `${name}-sub` });
  await Promise.all(
    [pub, sub].map(
      (client) =>
        new Promise<void>((resolve, reject) => {
          client.once('ready', () => resolve());
          client.once('error', reject);
        }),
    ),
  );
  // After the start, Redis errors (an outage, a restart) are logged; ioredis reconnects by itself.
  for (const client of [pub, sub]) client.on('error', (error: Error) => realtimeLogger.warn({ msg: 'realtime Redis connection error', error: error.message }));
  // The adapter publishes without awaiting: once this client is closed (shutdown) a late emit would be an
  // unhandled rejection. Live events are best effort, so a refused publish is dropped here.
  const publish = pub.publish.bind(pub) as (channel: string, message: string | Buffer) => Promise<number>;
  pub.publish = ((channel: string, message: string | Buffer) => publish(channel, message).catch(() => 0)) as typeof pub.publish;
  return {
    adapter: createAdapter(pub, sub, { key: socketIoChannel(keyPrefix) }),
    close: async () => {
      await Promise.all([closeRedis(pub), closeRedis(sub)]);
    },
  };
}

/**
 * Socket.IO on the API's HTTP port with the Redis adapter, so that an event emitted on one API instance reaches
 * sockets connected to any other. The adapter is connected before the server is created (before listen): set
 * later, early connections would get the in-memory adapter.
 */
export class RedisIoAdapter extends IoAdapter {
  private clients?: AdapterClients;

  async connect(url: string, keyPrefix: string): Promise<void> {
    this.clients = await connectAdapter(url, keyPrefix, 'socket-io');
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.clients) server.adapter(this.clients.adapter);
    return server;
  }

  /** Called by Nest once every gateway's server is closed (the adapter unsubscribes on close, so Redis goes last). */
  override async dispose(): Promise<void> {
    await super.dispose();
    const clients = this.clients;
    this.clients = undefined;
    await clients?.close();
  }
}

/** Whether any provider of the application is a @WebSocketGateway (only then does it need Socket.IO). */
export function hasGateways(app: INestApplication): boolean {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const type = wrapper.metatype as unknown;
      if (typeof type === 'function' && Reflect.getMetadata(GATEWAY_METADATA, type)) return true;
    }
  }
  return false;
}

/**
 * Installs the Redis-backed Socket.IO adapter on an application that has gateways (call before listen). Without
 * Redis the in-memory adapter of @nestjs/platform-socket.io stays: events then reach this instance's sockets only.
 */
export async function installRealtime(app: INestApplication, redisUrl: string | undefined, keyPrefix: string): Promise<void> {
  if (!redisUrl || !hasGateways(app)) return;
  const adapter = new RedisIoAdapter(app);
  await adapter.connect(redisUrl, keyPrefix);
  app.useWebSocketAdapter(adapter);
}

/**
 * A Socket.IO server bound to no port, for processes without HTTP (the worker): what it emits to a room goes
 * through Redis to the sockets of every API instance.
 */
export async function createDetachedEmitter(redisUrl: string, keyPrefix: string): Promise<{ server: Server; close(): Promise<void> }> {
  const clients = await connectAdapter(redisUrl, keyPrefix, 'socket-io-emitter');
  const server = new Server();
  server.adapter(clients.adapter);
  return {
    server,
    // Not server.close(): a server never attached has no engine to close.
    close: () => clients.close(),
  };
}
