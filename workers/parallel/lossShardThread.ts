/**
 * A compute thread of a data-parallel PINN loss (shardedPinnLoss.ts): it holds the PDE terms of
 * one slice of the interior points (PinnLoss64 on its own jet engine) and answers 'evaluate' with
 * its part of the loss, the terms and the gradient.
 */
import type { RunConfig } from '../config/schema';
import type { JetPrecision } from '../engine/wasmJet/kernels';
import { inputMap, networkShape } from '../problems/collocation';
import { PinnLoss64 } from '../problems/pinnLoss64';
import { buildProblemModel } from '../problems/problemModel';
import { serveRequests } from './threadServer';

export type LossShardRequest =
  | { kind: 'init'; config: RunConfig; precision: JetPrecision; interior: Float64Array; interiorCount: number }
  | { kind: 'points'; interior: Float64Array; interiorCount: number }
  | { kind: 'evaluate' | 'lossOnly'; theta: Float64Array };

export interface LossShardResult {
  loss: number;
  terms: Record<string, number>;
  grad: Float64Array;
}

let setup: { config: RunConfig; precision: JetPrecision } | undefined;
let loss: PinnLoss64 | undefined;

function build(interior: Float64Array, interiorCount: number): void {
  loss = undefined;
  if (!setup) throw new Error('points came before the set-up');
  const { config, precision } = setup;
  const model = buildProblemModel(config.problem);
  const slice = { interior, boundary: [], normals: [], periodic: [] };
  loss = new PinnLoss64(model, networkShape(config, model), inputMap(model), slice, config.loss, precision, interiorCount);
}

serveRequests<LossShardRequest>((request) => {
  if (request.kind === 'init') {
    setup = { config: request.config, precision: request.precision };
    build(request.interior, request.interiorCount);
  } else if (request.kind === 'points') {
    build(request.interior, request.interiorCount);
  } else {
    if (!loss) throw new Error('no loss set up');
    if (request.kind === 'lossOnly') return { value: loss.lossOnly(request.theta) };
    const { loss: value, terms, grad } = loss.evaluate(request.theta);
    const result: LossShardResult = { loss: value, terms: Object.fromEntries(loss.termNames.map((name, i) => [name, terms[i]])), grad };
    return { value: result, transfer: [grad.buffer as ArrayBuffer] };
  }
});
