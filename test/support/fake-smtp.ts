import { createServer, Server, Socket } from 'node:net';

export interface FakeSmtp {
  port: number;
  messages: string[];
  /** Resolves when a message's DATA has been received (before it is acknowledged). */
  dataReceived: Promise<void>;
  close(): Promise<void>;
}

/**
 * A minimal SMTP peer for tests: the real nodemailer client talks to it over
 * TCP. `ackDelayMs` holds the reply to DATA, to keep a delivery in flight;
 * 'never' never answers it, so the sender stays mid-delivery until it dies.
 */
export async function startFakeSmtp(ackDelayMs: number | 'never' = 0): Promise<FakeSmtp> {
  const messages: string[] = [];
  let signalData!: () => void;
  const dataReceived = new Promise<void>((resolve) => (signalData = resolve));
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let inData = false;
    let buffer = '';
    socket.write('220 fake.smtp ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          signalData();
          if (ackDelayMs === 'never') return;
          const timer = setTimeout(() => {
            timers.delete(timer);
            if (socket.writable) socket.write('250 2.0.0 queued\r\n');
          }, ackDelayMs);
          timers.add(timer);
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline).toUpperCase();
        buffer = buffer.slice(newline + 2);
        if (line.startsWith('EHLO') || line.startsWith('HELO')) socket.write('250-fake.smtp\r\n250 8BITMIME\r\n');
        else if (line.startsWith('DATA')) {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (line.startsWith('QUIT')) {
          socket.end('221 bye\r\n');
        } else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    messages,
    dataReceived,
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
