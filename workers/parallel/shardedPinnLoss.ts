/**
 * The jet PINN's loss spread over several cores, data-parallel: the interior points are cut into
 * slices, each compute thread (lossShardThread.ts) holds one slice's PDE terms on its own jet
 * engine, and this thread keeps the first slice and every boundary and periodic term. An
 * evaluation posts θ to the threads, computes its own part meanwhile, then waits (Atomics) for
 * theirs and adds them up. Each slice's means divide by the whole interior count, so the parts
 * add up to the whole loss and gradient; the sum runs in a fixed order, so a run is
 * deterministic for a given thread count (not bit-identical across thread counts).
 *
 * The optimizers call the loss synchronously (L-BFGS's line search too), hence the blocking wait
 * instead of promises: the caller's thread is a compute worker, never a UI thread.
 */
import type { RunConfig } from '../config/schema';
import type { InputMap, MlpShape } from '../engine/taylorMlp';
import type { JetPrecision } from '../engine/wasmJet/kernels';
import type { JetEngine } from '../float64/jetEngine64';
import type { Collocation } from '../problems/collocation';
import { PinnLoss64 } from '../problems/pinnLoss64';
import type { ProblemModel } from '../problems/problemModel';
import type { LossShardRequest, LossShardResult } from './lossShardThread';
import { sliceInterior } from './interiorSlices';
import { SyncThread } from './syncThread';

export class ShardedPinnLoss {
  private local: PinnLoss64;
  private readonly remotes: SyncThread<LossShardRequest, LossShardResult | number>[] = [];
  private slices: Float64Array[] = [];
  private interiorCount = 0;

  constructor(
    private readonly config: RunConfig,
    private readonly model: ProblemModel,
    private readonly shape: MlpShape,
    private readonly map: InputMap,
    points: Collocation,
    private readonly precision: JetPrecision,
    threads: number,
  ) {
    this.local = this.split(points, threads);
    for (let s = 1; s < threads; s++) {
      const remote = new SyncThread<LossShardRequest, LossShardResult | number>('lossShardThread', `compute thread ${s}`);
      remote.post({ kind: 'init', config, precision, interior: this.slices[s], interiorCount: this.interiorCount });
      this.remotes.push(remote);
    }
  }

  /** Slices the interior for `threads` shards; returns this thread's loss (slice 0 and the boundary). */
  private split(points: Collocation, threads: number): PinnLoss64 {
    ({ slices: this.slices, interiorCount: this.interiorCount } = sliceInterior(points, this.model.coordinates.length, threads));
    return new PinnLoss64(this.model, this.shape, this.map, { ...points, interior: this.slices[0] }, this.config.loss, this.precision, this.interiorCount);
  }

  get termNames(): string[] {
    return this.local.termNames;
  }

  get engine(): JetEngine {
    return this.local.engine;
  }

  /** How many threads share the work, this one included. */
  get threads(): number {
    return this.remotes.length + 1;
  }

  /** New collocation points (adaptive refinement): the threads rebuild their slices. */
  setPoints(points: Collocation): void {
    this.local = this.split(points, this.threads);
    this.remotes.forEach((remote, s) => remote.post({ kind: 'points', interior: this.slices[s + 1], interiorCount: this.interiorCount }));
  }

  /** Loss, its unweighted terms, and ∂loss/∂θ, over all the points. */
  evaluate(theta: Float64Array): { loss: number; terms: number[]; grad: Float64Array } {
    for (const remote of this.remotes) remote.send({ kind: 'evaluate', theta });
    // This thread's part is freshly allocated: the other parts are added into it.
    const own = this.local.evaluate(theta);
    const { grad, terms } = own;
    let loss = own.loss;
    this.remotes.forEach((remote) => {
      const part = remote.result() as LossShardResult;
      loss += part.loss;
      for (let i = 0; i < grad.length; i++) grad[i] += part.grad[i];
      for (const [name, value] of Object.entries(part.terms)) terms[this.termNames.indexOf(name)] += value;
    });
    return { loss, terms, grad };
  }

  /** The loss alone over all the points (no reverse passes): landscapes and roughness profiles. */
  lossOnly(theta: Float64Array): number {
    for (const remote of this.remotes) remote.send({ kind: 'lossOnly', theta });
    let loss = this.local.lossOnly(theta);
    for (const remote of this.remotes) loss += remote.result() as number;
    return loss;
  }

  pointwiseResidual(theta: Float64Array, candidates: Float64Array): Float64Array {
    return this.local.pointwiseResidual(theta, candidates);
  }

  predict(theta: Float64Array, points: Float64Array): Float32Array[] {
    return this.local.predict(theta, points);
  }

  dispose(): void {
    for (const remote of this.remotes) remote.dispose();
    this.remotes.length = 0;
  }
}
