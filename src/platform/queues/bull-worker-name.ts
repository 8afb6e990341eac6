import Bull from 'bull';

type Naming = { setWorkerName(): Promise<void>; emit(event: string, ...args: unknown[]): boolean };

const guarded = Symbol.for('revsync.bull.workerNameGuarded');
const CLOSED = 'Connection is closed.';

/**
 * Bull 4 names a queue's blocking connection (CLIENT SETNAME) when a processor
 * is registered, and drops the promise. A queue closed while that command is
 * in flight (a worker stopped during start-up, an application closed right
 * after it started) rejects it with "Connection is closed." and nothing
 * handles the rejection, which stops Node. The name only labels the
 * connection in CLIENT LIST, so a closed connection needs none; any other
 * failure goes to the queue's `error` event, which QueueMonitor logs.
 * Applied once per process, before any queue exists.
 */
export function guardWorkerNaming(): void {
  const prototype = Bull.prototype as unknown as Naming & { [guarded]?: true };
  if (prototype[guarded]) return;
  const setWorkerName = prototype.setWorkerName;
  prototype.setWorkerName = function (this: Naming) {
    return setWorkerName.call(this).catch((error: Error) => {
      if (error?.message !== CLOSED) this.emit('error', error);
    });
  };
  prototype[guarded] = true;
}
