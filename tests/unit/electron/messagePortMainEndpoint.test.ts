import * as Comlink from 'comlink';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { messagePortMainEndpoint, type MessagePortMainLike } from '../../../main/electron/messagePortMainEndpoint';
import { exposeService } from '../../../main/serve/exposeService';
import type { WorkbenchService } from '../../../workers/protocol/service';
import { fakeWorkbench, INVALID_CONFIG_MESSAGE } from '../serve/fakeWorkbench';

/**
 * A pair of ports shaped like Electron's MessagePortMain: EventEmitters that deliver structured
 * clones asynchronously, and queue messages until start() as MessagePortMain does.
 */
function fakeChannel(): [MessagePortMainLike, MessagePortMainLike] {
  class FakePort extends EventEmitter implements MessagePortMainLike {
    peer!: FakePort;
    started = false;
    queue: unknown[] = [];
    postMessage(message: unknown) {
      const data = structuredClone(message);
      setImmediate(() => this.peer.deliver(data));
    }
    deliver(data: unknown) {
      if (this.started) this.emit('message', { data, ports: [] });
      else this.queue.push(data);
    }
    start() {
      this.started = true;
      for (const data of this.queue.splice(0)) this.emit('message', { data, ports: [] });
    }
  }
  const a = new FakePort();
  const b = new FakePort();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

describe('messagePortMainEndpoint', () => {
  it('carries Comlink calls both ways: values, typed arrays and rejected errors', async () => {
    const [port1, port2] = fakeChannel();
    exposeService(fakeWorkbench(), messagePortMainEndpoint(port1));
    const remote = Comlink.wrap<WorkbenchService>(messagePortMainEndpoint(port2));
    expect((await remote.info()).version).toBe('0.0.0-test');
    const update = await remote.poll('run-1', 0, 0);
    expect(update.snapshot?.prediction).toBeInstanceOf(Float32Array);
    expect(update.snapshot?.prediction[1]).toBe(-1.25);
    await expect(remote.startRun({ bad: true })).rejects.toThrow(INVALID_CONFIG_MESSAGE);
  });

  it('starts the port and stops listening after removeEventListener', () => {
    const [port] = fakeChannel();
    const endpoint = messagePortMainEndpoint(port);
    const seen: unknown[] = [];
    const listener = (event: Event) => seen.push((event as MessageEvent).data);
    endpoint.addEventListener('message', listener);
    endpoint.start?.();
    (port as unknown as EventEmitter).emit('message', { data: 1 });
    endpoint.removeEventListener('message', listener);
    (port as unknown as EventEmitter).emit('message', { data: 2 });
    expect(seen).toEqual([1]);
    expect((port as unknown as { started: boolean }).started).toBe(true);
  });
});
