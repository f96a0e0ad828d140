/**
 * A compute thread that its owner calls synchronously: the owner posts a request, goes on with
 * its own share of the work, then blocks (Atomics.wait) until the thread flags its reply and reads
 * it off the port (receiveMessageOnPort). For work whose callers are synchronous (an optimizer's
 * loss, a Krylov solver's products) and run on a compute worker, never on a UI thread.
 * The thread side is threadServer.ts.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { spawnThread, type ThreadEntry } from './spawnThread';

/** How long a reply may take (the first one includes the thread's start). */
const REPLY_TIMEOUT_MS = 120_000;
export const WORKING = 0;
export const REPLIED = 1;

/** What goes over the port: the request, and whether the owner will wait for a reply. */
export interface Envelope<Request> {
  body: Request;
  wantsReply: boolean;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; message: string };

/** What a thread is started with: its end of the channel and the reply flag. */
export interface ThreadData {
  port: MessagePort;
  /** Int32Array(1) over a SharedArrayBuffer: REPLIED once a reply is on the port. */
  flag: SharedArrayBuffer;
}

export class SyncThread<Request, Result> {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;

  /** `name` says which thread, in errors ("compute thread 1"). */
  constructor(
    entry: ThreadEntry,
    private readonly name: string,
  ) {
    const { port1, port2 } = new MessageChannel();
    const flag = new SharedArrayBuffer(4);
    const data: ThreadData = { port: port2 as MessagePort, flag };
    this.worker = spawnThread(entry, { workerData: data, transferList: [port2] });
    // Neither keeps a process alive that has finished its work without disposing.
    this.worker.unref();
    port1.unref();
    this.port = port1;
    this.flag = new Int32Array(flag);
  }

  /** A request without a reply; a failure surfaces at the next reply. */
  post(body: Request, transfer: ArrayBuffer[] = []): void {
    this.port.postMessage({ body, wantsReply: false } satisfies Envelope<Request>, transfer);
  }

  /** Starts a request whose reply `result()` waits for. */
  send(body: Request, transfer: ArrayBuffer[] = []): void {
    Atomics.store(this.flag, 0, WORKING);
    this.port.postMessage({ body, wantsReply: true } satisfies Envelope<Request>, transfer);
  }

  /** Blocks until the reply to the last `send` is in; throws the thread's error. */
  result(): Result {
    const deadline = performance.now() + REPLY_TIMEOUT_MS;
    let received: { message: Reply<Result> } | undefined;
    while (!(received = receiveMessageOnPort(this.port) as { message: Reply<Result> } | undefined)) {
      if (performance.now() > deadline) throw new Error(`${this.name} did not answer within ${REPLY_TIMEOUT_MS / 1000} s`);
      // Sleeps until the thread flags its reply (or 50 ms pass, in case the flag came before the message).
      Atomics.wait(this.flag, 0, WORKING, 50);
    }
    if (!received.message.ok) throw new Error(`${this.name}: ${received.message.message}`);
    return received.message.value;
  }

  call(body: Request, transfer: ArrayBuffer[] = []): Result {
    this.send(body, transfer);
    return this.result();
  }

  dispose(): void {
    this.port.close();
    void this.worker.terminate();
  }
}
