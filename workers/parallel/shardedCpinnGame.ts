/**
 * The CPINN game spread over several cores, data-parallel like shardedPinnLoss.ts: compute
 * threads (cpinnShardThread.ts) hold the PDE kinds of interior slices, this thread the first
 * slice and every boundary and periodic kind. The game's value and gradients, and each mixed
 * Hessian–vector product of the Krylov solve, are sums over points: every thread computes its
 * part at the same time, and the parts are added in a fixed order (deterministic for a given
 * thread count).
 */
import type { RunConfig } from '../config/schema';
import type { InputMap, MlpShape } from '../engine/taylorMlp';
import { CpinnGame, type CpinnGamePoint } from '../methods/cpinn/cpinnGame';
import type { Discriminator } from '../methods/cpinn/discriminator';
import { residualKinds, type ResidualKind } from '../methods/cpinn/residualKinds';
import type { Collocation } from '../problems/collocation';
import type { ProblemModel } from '../problems/problemModel';
import type { CpinnShardPoint, CpinnShardRequest } from './cpinnShardThread';
import { sliceInterior } from './interiorSlices';
import { SyncThread } from './syncThread';

type Remote = SyncThread<CpinnShardRequest, CpinnShardPoint | Float64Array | undefined>;

function addInto(target: Float64Array, values: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i] += values[i];
}

/** The residual kinds of a game over `points`, with the interior cut for `threads` (the first slice here). */
export function localKinds(model: ProblemModel, points: Collocation, weights: RunConfig['loss'], threads: number): { kinds: ResidualKind[]; slices: Float64Array[]; interiorCount: number } {
  const { slices, interiorCount } = sliceInterior(points, model.coordinates.length, threads);
  return { kinds: residualKinds(model, { ...points, interior: slices[0] }, weights, interiorCount), slices, interiorCount };
}

export class ShardedCpinnGame {
  private readonly local: CpinnGame;
  private readonly remotes: Remote[] = [];
  /** Counts points: the threads keep only the latest, so an older point's products are refused. */
  private generation = 0;

  constructor(
    config: RunConfig,
    pinnShape: MlpShape,
    map: InputMap,
    discriminator: Discriminator,
    kinds: readonly ResidualKind[],
    slices: Float64Array[],
    interiorCount: number,
  ) {
    this.local = new CpinnGame(pinnShape, map, discriminator, kinds);
    for (let s = 1; s < slices.length; s++) {
      const remote: Remote = new SyncThread('cpinnShardThread', `compute thread ${s}`);
      remote.post({ kind: 'init', config, interior: slices[s], interiorCount, discriminatorOutputs: kinds.length });
      this.remotes.push(remote);
    }
  }

  get kinds(): readonly ResidualKind[] {
    return this.local.kinds;
  }

  get discriminator(): Discriminator {
    return this.local.discriminator;
  }

  /** How many threads share the work, this one included. */
  get threads(): number {
    return this.remotes.length + 1;
  }

  at(thetaMax: Float64Array, thetaMin: Float64Array): CpinnGamePoint {
    if (this.remotes.length === 0) return this.local.at(thetaMax, thetaMin);
    const generation = ++this.generation;
    for (const remote of this.remotes) remote.send({ kind: 'at', thetaMax, thetaMin });
    // This thread's parts are freshly allocated: the other threads' parts are added into them.
    const own = this.local.at(thetaMax, thetaMin);
    const { gradMax, gradMin, meanSquaredResiduals } = own;
    let value = own.value;
    for (const remote of this.remotes) {
      const part = remote.result() as CpinnShardPoint;
      value += part.value;
      addInto(gradMax, part.gradMax);
      addInto(gradMin, part.gradMin);
      for (const [name, msr] of Object.entries(part.meanSquaredResiduals)) meanSquaredResiduals[this.kinds.findIndex((kind) => kind.name === name)] += msr;
    }
    const product = (kind: 'mixedMaxMin' | 'mixedMinMax', v: Float64Array): Float64Array => {
      if (generation !== this.generation) throw new Error(`internal: ${kind} of a game point after the next point was built`);
      for (const remote of this.remotes) remote.send({ kind, v });
      const out = own[kind](v);
      for (const remote of this.remotes) addInto(out, remote.result() as Float64Array);
      return out;
    };
    return {
      value,
      gradMax,
      gradMin,
      meanSquaredResiduals,
      mixedMaxMin: (v) => product('mixedMaxMin', v),
      mixedMinMax: (v) => product('mixedMinMax', v),
      release: () => {
        own.release();
        for (const remote of this.remotes) remote.post({ kind: 'release' });
      },
    };
  }

  dispose(): void {
    for (const remote of this.remotes) remote.dispose();
    this.remotes.length = 0;
  }
}
