import { io, Socket } from 'socket.io-client';

/** A real Socket.IO client as a browser would open it, with a recorder of what it receives. */
export interface RecordingSocket {
  socket: Socket;
  events: Array<{ event: string; payload: Record<string, unknown>; at: number }>;
  next(event: string, match?: (payload: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): void;
}

export function connectSocket(baseUrl: string, token: string | undefined, options: { connect?: boolean } = {}): RecordingSocket {
  const socket = io(baseUrl, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    autoConnect: options.connect ?? true,
  });
  const events: RecordingSocket['events'] = [];
  const waiters: Array<{ event: string; match: (p: Record<string, unknown>) => boolean; resolve: (p: Record<string, unknown>) => void }> = [];
  socket.onAny((event: string, payload: Record<string, unknown>) => {
    events.push({ event, payload, at: Date.now() });
    for (const waiter of [...waiters]) {
      if (waiter.event === event && waiter.match(payload)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(payload);
      }
    }
  });
  return {
    socket,
    events,
    next(event, match = () => true, timeoutMs = 5000) {
      const seen = events.find((e) => e.event === event && match(e.payload));
      if (seen) return Promise.resolve(seen.payload);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))}`)), timeoutMs);
        waiters.push({ event, match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    close: () => void socket.close(),
  };
}

/** Resolves once connected, or rejects with the server's connect_error (its `data` carries the code). */
export function connected(client: RecordingSocket, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (client.socket.connected) return resolve();
    const timer = setTimeout(() => reject(new Error('socket did not connect')), timeoutMs);
    client.socket.once('ready', () => (clearTimeout(timer), resolve()));
    client.socket.once('connect_error', (error: Error & { data?: unknown }) => (clearTimeout(timer), reject(error)));
  });
}

export function disconnected(client: RecordingSocket, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!client.socket.connected) return resolve('already');
    const timer = setTimeout(() => reject(new Error('socket was not disconnected')), timeoutMs);
    client.socket.once('disconnect', (reason: string) => (clearTimeout(timer), resolve(reason)));
  });
}
