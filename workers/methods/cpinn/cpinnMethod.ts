/**
 * CPINN as a SolverMethod (`"method": { "name": "cpinn", ... }`, float64 only): the PINN and a
 * discriminator play the zero-sum game of cpinnGame.ts, stepped by ACGD (default), CGD,
 * gradient descent–ascent or Adam–ascent. Reports the PINN's own loss terms (mean squared
 * residual per kind, comparable with a PINN run) and the Krylov iterations of each step.
 */
import type { GameOptimizerSpec, RunConfig } from '../../config/schema';
import type { Rng } from '../../engine/rng';
import { parameterShapes, type InputMap, type MlpShape } from '../../engine/taylorMlp';
import { jetForward } from '../../float64/jetMlp64';
import { acgdInit, acgdUpdate, type AcgdState } from '../../optimizers/acgd';
import { adamAscentInit, adamAscentUpdate, type AdamAscentState } from '../../optimizers/adamAscent';
import { cgdUpdate, type CgdState } from '../../optimizers/cgd';
import { gdaStep } from '../../optimizers/gda';
import type { GameStep, ZeroSumGamePoint } from '../../optimizers/zeroSumGame';
import { initialTheta, inputMap, networkShape, sampleCollocation } from '../../problems/collocation';
import type { ProblemModel } from '../../problems/problemModel';
import type { AuxiliaryField } from '../../protocol/service';
import { DivergenceError, findDivergence, type SavedParameters, type SolverMethod, type StepReport } from '../method';
import { checkKind, type MethodState, type StateValue } from '../methodState';
import { localKinds, ShardedCpinnGame } from '../../parallel/shardedCpinnGame';
import { pinnThreads } from '../../parallel/threadCount';
import { Discriminator } from './discriminator';
import { gameStateFrom, gameStateTo } from './gameOptimizerState';

const STATE_KIND = 'cpinn/1';

type OptimizerState = AcgdState | CgdState | AdamAscentState | undefined;

/** One player's flat parameter vector, for trajectory views. */
export interface TrajectoryVector {
  name: string;
  theta: Float64Array;
}

export class CpinnMethod implements SolverMethod {
  readonly totalIterations: number;
  iteration = 0;
  private readonly shape: MlpShape;
  private readonly map: InputMap;
  private readonly game: ShardedCpinnGame;
  private readonly spec: GameOptimizerSpec;
  private readonly unknowns: number;
  private theta: Float64Array;
  private thetaDiscriminator: Float64Array;
  private state: OptimizerState;

  constructor(config: RunConfig, model: ProblemModel, rng: Rng) {
    if (config.method.name !== 'cpinn') throw new Error(`internal: CpinnMethod given method '${config.method.name}'`);
    this.spec = config.method.optimizer;
    this.shape = networkShape(config, model);
    this.map = inputMap(model);
    this.unknowns = model.unknowns.length;
    this.theta = initialTheta(this.shape, rng);
    const points = sampleCollocation(config, model, rng);
    // Data-parallel over the interior points on several cores where there are enough of them (workers/parallel).
    const threads = pinnThreads(config.threads, points.interior.length / model.coordinates.length);
    const { kinds, slices, interiorCount } = localKinds(model, points, config.loss, threads);
    const { hidden, activation } = config.method.discriminator;
    const discriminator = new Discriminator({ inputs: model.coordinates.length, hidden, outputs: kinds.length, activation }, this.map);
    this.thetaDiscriminator = initialTheta(discriminator.shape, rng);
    this.game = new ShardedCpinnGame(config, this.shape, this.map, discriminator, kinds, slices, interiorCount);
    this.totalIterations = this.spec.iterations;
  }

  get finished(): boolean {
    return this.iteration >= this.totalIterations;
  }

  /** Residual kinds, in the discriminator's output order. */
  get kindNames(): string[] {
    return this.game.kinds.map((kind) => kind.name);
  }

  step(): StepReport {
    const point = this.game.at(this.thetaDiscriminator, this.theta);
    const terms: Record<string, number> = {};
    this.game.kinds.forEach((kind, k) => (terms[kind.name] = point.meanSquaredResiduals[k]));
    const loss = this.game.kinds.reduce((sum, kind, k) => sum + kind.weight * point.meanSquaredResiduals[k], 0);
    const previousState = this.state;
    let step: GameStep;
    try {
      const divergence = findDivergence([loss, ...point.meanSquaredResiduals], this.kindNames, this.iteration + 1, this.spec.name);
      if (divergence) throw divergence;
      if (!Number.isFinite(point.value)) {
        throw new DivergenceError(`diverged at iteration ${this.iteration + 1} (${this.spec.name}): the game value (discriminator outputs × residuals) is ${point.value}; parameters kept at the last finite ones`);
      }
      if (!point.gradMin.every(Number.isFinite) || !point.gradMax.every(Number.isFinite)) {
        throw new DivergenceError(`diverged at iteration ${this.iteration + 1} (${this.spec.name}): the gradient of the ${point.gradMin.every(Number.isFinite) ? 'discriminator' : 'PINN'} is not finite; parameters kept at the last finite ones`);
      }
      step = this.update(point);
    } finally {
      point.release();
    }
    const nextMin = this.theta.map((v, i) => v + step.deltaMin[i]);
    const nextMax = this.thetaDiscriminator.map((v, i) => v + step.deltaMax[i]);
    if (!nextMin.every(Number.isFinite) || !nextMax.every(Number.isFinite)) {
      this.state = previousState;
      throw new DivergenceError(`diverged at iteration ${this.iteration + 1} (${this.spec.name}): the ${nextMin.every(Number.isFinite) ? 'discriminator' : 'PINN'} parameters' update is not finite; parameters kept at the last finite ones`);
    }
    this.theta = nextMin;
    this.thetaDiscriminator = nextMax;
    this.iteration++;
    return { optimizer: this.spec.name, loss, terms, krylovIterations: step.krylovIterations };
  }

  private update(point: ZeroSumGamePoint): GameStep {
    const spec = this.spec;
    const sizeMax = this.thetaDiscriminator.length;
    const sizeMin = this.theta.length;
    switch (spec.name) {
      case 'acgd': {
        const result = acgdUpdate(spec, (this.state as AcgdState | undefined) ?? acgdInit(sizeMax, sizeMin), point);
        this.state = result.state;
        return result.step;
      }
      case 'cgd': {
        const result = cgdUpdate(spec, (this.state as CgdState | undefined) ?? {}, point);
        this.state = result.state;
        return result.step;
      }
      case 'gda':
        return gdaStep(spec, point);
      case 'adam-ascent': {
        const result = adamAscentUpdate(spec, (this.state as AdamAscentState | undefined) ?? adamAscentInit(sizeMax, sizeMin), point);
        this.state = result.state;
        return result.step;
      }
    }
  }

  predict(points: Float64Array): Float32Array[] {
    const value = jetForward(this.shape, this.map, this.theta, points).jet.get('')!;
    const Q = this.unknowns;
    return Array.from({ length: Q }, (_, q) => Float32Array.from({ length: value.length / Q }, (_, i) => value[i * Q + q]));
  }

  /** The discriminator's outputs at n points, one field per residual kind (where it thinks the PINN is wrong). */
  auxiliaryFields(points: Float64Array): AuxiliaryField[] {
    const discriminator = this.game.discriminator;
    const pass = discriminator.forward(this.thetaDiscriminator, points);
    return this.game.kinds.map((kind, k) => ({ name: `discriminator:${kind.name}`, values: Float32Array.from(discriminator.output(pass, k)) }));
  }

  /** Both players' current parameters (copies). */
  trajectoryVectors(): TrajectoryVector[] {
    return [
      { name: 'pinn', theta: Float64Array.from(this.theta) },
      { name: 'discriminator', theta: Float64Array.from(this.thetaDiscriminator) },
    ];
  }

  parameters(): SavedParameters {
    let offset = 0;
    const shapes = parameterShapes(this.shape);
    return { shapes, values: shapes.map(([rows, cols]) => Array.from(this.theta.subarray(offset, (offset += rows * cols)))) };
  }

  /** How many threads share a step. */
  get threads(): number {
    return this.game.threads;
  }

  // --- checkpoint / resume (methodState.ts) ---

  checkpoint(): MethodState {
    const data: { [key: string]: StateValue } = { theta: Float64Array.from(this.theta), thetaDiscriminator: Float64Array.from(this.thetaDiscriminator), optimizer: this.spec.name };
    if (this.state) data.state = gameStateTo(this.state);
    return { kind: STATE_KIND, iteration: this.iteration, data };
  }

  restore(state: MethodState): void {
    checkKind(state, STATE_KIND);
    const data = state.data as { theta: Float64Array; thetaDiscriminator: Float64Array; optimizer: string; state?: StateValue };
    if (data.optimizer !== this.spec.name) throw new Error(`the checkpoint was written with optimizer '${data.optimizer}', the config asks for '${this.spec.name}'`);
    if (data.theta.length !== this.theta.length || data.thetaDiscriminator.length !== this.thetaDiscriminator.length) {
      throw new Error(`the checkpoint has ${data.theta.length} + ${data.thetaDiscriminator.length} parameters, the networks ${this.theta.length} + ${this.thetaDiscriminator.length}`);
    }
    this.theta = Float64Array.from(data.theta);
    this.thetaDiscriminator = Float64Array.from(data.thetaDiscriminator);
    this.state = data.state === undefined ? undefined : gameStateFrom(data.state);
    this.iteration = state.iteration;
  }

  dispose(): void {
    this.game.dispose();
  }
}
