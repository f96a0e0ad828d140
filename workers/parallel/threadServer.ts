/**
 * The thread side of syncThread.ts: answers each request on the port with the handler's result,
 * then flags the reply so the blocked owner wakes. A request without a reply that fails keeps its
 * error for the next request that wants a reply, which gets that error instead of running.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { REPLIED, type Envelope, type Reply, type ThreadData } from './syncThread';

export interface Handled {
  value?: unknown;
  transfer?: ArrayBuffer[];
}

export function serveRequests<Request>(handle: (request: Request) => Handled | void): void {
  const { port, flag } = workerData as ThreadData & { port: MessagePort };
  const replied = new Int32Array(flag);
  let pendingError: string | undefined;
  const reply = (message: Reply<unknown>, transfer: ArrayBuffer[] = []) => {
    port.postMessage(message, transfer);
    Atomics.store(replied, 0, REPLIED);
    Atomics.notify(replied, 0);
  };
  port.on('message', ({ body, wantsReply }: Envelope<Request>) => {
    if (wantsReply && pendingError !== undefined) {
      // The earlier failure first: this request is not run on a state that failed to build.
      reply({ ok: false, message: pendingError });
      pendingError = undefined;
      return;
    }
    try {
      const handled = handle(body);
      if (wantsReply) reply({ ok: true, value: handled?.value }, handled?.transfer);
    } catch (error) {
      const message = (error as Error).message;
      if (wantsReply) reply({ ok: false, message });
      else pendingError ??= message;
    }
  });
}
