/**
 * A compute thread of a data-parallel PINN loss: it holds the PDE terms of one slice of the
 * interior points (PinnLoss64 on its own jet engine) and answers 'evaluate' with its part of the
 * loss and gradient. Replies go on the port, then the flag wakes the blocked owner
 * (shardedPinnLoss.ts), which reads the reply synchronously.
 */
import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'node:worker_threads';
import type { RunConfig } from '../config/schema';
import type { JetPrecision } from '../engine/wasmJet/kernels';
import { inputMap, networkShape } from '../problems/collocation';
import { PinnLoss64 } from '../problems/pinnLoss64';
import { buildProblemModel } from '../problems/problemModel';
import { REPLIED, type ShardReply, type ShardRequest, type ShardThreadData } from './shardProtocol';

const { port, flag } = workerData as ShardThreadData & { port: MessagePort };
const replied = new Int32Array(flag);

let setup: { config: RunConfig; precision: JetPrecision } | undefined;
let loss: PinnLoss64 | undefined;
let setupError: string | undefined;

function build(interior: Float64Array, interiorCount: number): void {
  try {
    const { config, precision } = setup!;
    const model = buildProblemModel(config.problem);
    const shard = { interior, boundary: [], normals: [], periodic: [] };
    loss = new PinnLoss64(model, networkShape(config, model), inputMap(model), shard, config.loss, precision, interiorCount);
    setupError = undefined;
  } catch (error) {
    loss = undefined;
    setupError = (error as Error).message;
  }
}

function reply(message: ShardReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.store(replied, 0, REPLIED);
  Atomics.notify(replied, 0);
}

port.on('message', (request: ShardRequest) => {
  if (request.kind === 'init') {
    setup = { config: request.config, precision: request.precision };
    build(request.interior, request.interiorCount);
  } else if (request.kind === 'points') {
    build(request.interior, request.interiorCount);
  } else if (!loss) {
    reply({ kind: 'failed', message: setupError ?? 'not set up' });
  } else {
    try {
      const { loss: value, terms, grad } = loss.evaluate(request.theta);
      const named = Object.fromEntries(loss.termNames.map((name, i) => [name, terms[i]]));
      const copy = Float64Array.from(grad);
      reply({ kind: 'evaluated', loss: value, terms: named, grad: copy }, [copy.buffer]);
    } catch (error) {
      reply({ kind: 'failed', message: (error as Error).message });
    }
  }
});
