/**
 * Landscape and roughness of a run, from its config and parameters (and its trajectory, for the
 * PCA plane): rebuilds the run's method from the config and seed (same network, same
 * collocation points) and evaluates its own loss at the parameters asked for. Pure library: the
 * CLI reads the run folder and writes the files; a worker runs the same code for the app.
 */
import type { RunConfig } from '../config/schema';
import { Rng } from '../engine/rng';
import type { SavedParameters, SolverMethod } from '../methods/method';
import { buildProblemModel } from '../problems/problemModel';
import { createMethod } from '../run/runner';
import { filterNormalisedDirection, mlpBlocks, type BiasDirection, type ParameterBlock } from './filterNormalisedDirection';
import { lossLandscape, type GridAxis } from './lossLandscape';
import type { LossAt, SweepControl } from './lossSweep';
import { principalDirections, projectOnto } from './principalDirections';
import type { AnalysisCentre, AnalysisPoint, AnalysisRequest, LandscapeReport, RoughnessReport, TrajectoryProjection } from '../protocol/analysis';
import type { RunCheckpoint } from '../run/checkpoint';
import { roughnessAlongTrajectory, roughnessAt, type RoughnessOptions } from './roughnessIndex';
import { snapshotAt, type TrajectoryData } from './thinnedTrajectory';

export type { AnalysisCentre, AnalysisPoint, LandscapeReport, RoughnessReport };

export interface AnalysisTarget {
  lossAt: LossAt;
  /** The parameters the analysis is centred on (see AnalysisPoint). */
  theta: Float64Array;
  centre: AnalysisCentre;
  blocks: ParameterBlock[];
  trajectory?: TrajectoryData;
  dispose(): void;
}

/** What a run has saved that an analysis can be centred on. */
export interface AnalysisSources {
  /** The final parameters (parameters.json), once the run has ended. */
  parameters?: SavedParameters;
  trajectory?: TrajectoryData;
  /** The newest checkpoint (checkpoint.json). */
  checkpoint?: RunCheckpoint;
}

export function flattenParameters(parameters: SavedParameters): Float64Array {
  return Float64Array.from(parameters.values.flat());
}

function listed(iterations: readonly number[]): string {
  const shown = iterations.length <= 12 ? iterations : [...iterations.slice(0, 6), '…', ...iterations.slice(-5)];
  return shown.join(', ');
}

/** The parameters at `at` among the run's saved ones, with a description; errors say what is saved instead. */
export function pointParameters(sources: AnalysisSources, at: AnalysisPoint, method: SolverMethod): { theta: Float64Array; centre: AnalysisCentre } {
  const recorded = sources.trajectory?.iterations ?? [];
  if (at === 'final') {
    if (!sources.parameters) throw new Error(`the final parameters are not saved yet (the run has not ended): centre on 'checkpoint' or a trajectory iteration (${listed(recorded) || 'none recorded'})`);
    return { theta: flattenParameters(sources.parameters), centre: { kind: 'final', iteration: recorded.at(-1), label: 'the final parameters' } };
  }
  if (at === 'checkpoint') {
    if (!sources.checkpoint) throw new Error('this run has no checkpoint (checkpoint.json) to centre on');
    if (!method.restore || !method.flatParameters) throw new Error(`method '${method.constructor.name}' cannot read its parameters from a checkpoint`);
    method.restore(sources.checkpoint.method);
    const iteration = sources.checkpoint.iteration;
    return { theta: method.flatParameters(), centre: { kind: 'checkpoint', iteration, label: `the checkpoint of iteration ${iteration}` } };
  }
  if (!Number.isInteger(at)) throw new Error(`the centre must be 'final', 'checkpoint' or a recorded iteration, got ${JSON.stringify(at)}`);
  const k = recorded.indexOf(at);
  if (!sources.trajectory || k < 0) throw new Error(`iteration ${at} is not a recorded trajectory snapshot; recorded: ${listed(recorded) || 'none'}`);
  return { theta: Float64Array.from(snapshotAt(sources.trajectory, k)), centre: { kind: 'trajectory', iteration: at, label: `the trajectory snapshot of iteration ${at}` } };
}

/** The loss of the run's method around the saved parameters at `at`. The caller disposes the target. */
export function analysisTarget(config: RunConfig, sources: AnalysisSources, at: AnalysisPoint = 'final'): AnalysisTarget {
  const model = buildProblemModel(config.problem);
  const method: SolverMethod = createMethod(config, model, new Rng(config.seed));
  try {
    if (!method.lossAt) throw new Error(`method '${config.method.name}' cannot evaluate its loss at given parameters (no lossAt)`);
    const shapes = method.parameters().shapes;
    const { theta, centre } = pointParameters(sources, at, method);
    const count = shapes.reduce((n, [r, c]) => n + r * c, 0);
    if (theta.length !== count) throw new Error(`the saved parameters have ${theta.length} entries, the run's network ${count}`);
    const trajectory = sources.trajectory;
    if (trajectory && trajectory.parameterCount !== count) throw new Error(`trajectory has ${trajectory.parameterCount} parameters, the run ${count}`);
    const lossAt = method.lossAt.bind(method);
    return { lossAt, theta, centre, blocks: mlpBlocks(shapes), trajectory, dispose: () => method.dispose() };
  } catch (error) {
    method.dispose();
    throw error;
  }
}

export interface LandscapeRequest {
  /** 'random': two filter-normalised Gaussian directions; 'pca': the trajectory's top two principal directions. */
  directions: 'random' | 'pca';
  alpha: GridAxis;
  beta: GridAxis;
  seed?: number;
  biases?: BiasDirection;
  /** PCA only: replace the α, β ranges by the trajectory's extent plus a 15% margin (the point counts stay). */
  fitTrajectory?: boolean;
}

function fitted(values: number[], n: number): GridAxis {
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const margin = 0.15 * (hi - lo || 1);
  return { min: lo - margin, max: hi + margin, n };
}

export async function analyseLandscape(target: AnalysisTarget, request: LandscapeRequest, control: SweepControl = {}): Promise<LandscapeReport> {
  const started = performance.now();
  const seed = request.seed ?? 1;
  const biases = request.biases ?? 'zero';
  let d: [Float64Array, Float64Array];
  let description: Record<string, unknown>;
  let trajectory: LandscapeReport['trajectory'];
  if (request.directions === 'pca') {
    if (!target.trajectory || target.trajectory.iterations.length < 3) throw new Error('PCA directions need a recorded trajectory of at least 3 snapshots (config "trajectory")');
    const pca = principalDirections(target.trajectory, 2, 'final');
    const [v1, v2] = pca.directions;
    d = [v1, v2];
    description = { kind: 'pca', explained: pca.explained, definition: 'top two right singular vectors of the snapshots minus the last one (Li et al. 2018, §7); unit norm; the plane is moved to pass through the centre' };
    const data = target.trajectory;
    // Coordinates relative to the landscape's centre: ⟨θ_k − θ_centre, v⟩.
    const planar = data.iterations.map((_, k) => projectOnto({ ...pca, centre: target.theta }, snapshotAt(data, k)));
    trajectory = {
      iterations: data.iterations,
      alpha: planar.map((p) => p[0]),
      beta: planar.map((p) => p[1]),
      loss: data.iterations.map((_, k) => target.lossAt(Float64Array.from(snapshotAt(data, k)))),
    };
  } else {
    const rng = new Rng(seed);
    d = [filterNormalisedDirection(target.theta, target.blocks, rng, biases), filterNormalisedDirection(target.theta, target.blocks, rng, biases)];
    description = {
      kind: 'filter-normalised random',
      seed,
      biases,
      definition: 'Gaussian d, then per neuron j of each dense layer (column W[:, j]) d_j ← d_j·‖θ_j‖/‖d_j‖ (Li et al. 2018, §4); bias directions ' + (biases === 'zero' ? 'zero' : 'equal to the biases'),
    };
  }
  const grid = trajectory && request.fitTrajectory ? { alpha: fitted(trajectory.alpha, request.alpha.n), beta: fitted(trajectory.beta, request.beta.n) } : request;
  const landscape = await lossLandscape(target.lossAt, target.theta, d, grid, control);
  return {
    format: 'pde-workbench-landscape/1',
    centre: target.centre,
    parameterCount: target.theta.length,
    directions: description,
    alpha: landscape.alpha,
    beta: landscape.beta,
    losses: Array.from(landscape.losses, (v) => (Number.isFinite(v) ? v : null)),
    lossAtCentre: target.lossAt(Float64Array.from(target.theta)),
    trajectory,
    seconds: (performance.now() - started) / 1000,
  };
}

export async function analyseRoughness(target: AnalysisTarget, options: RoughnessOptions & { points?: number } = {}, control: SweepControl = {}): Promise<RoughnessReport> {
  const started = performance.now();
  const settings = { directions: options.directions ?? 16, samples: options.samples ?? 41, radius: options.radius ?? 1, seed: options.seed ?? 1, biases: options.biases ?? 'zero' as const };
  const atCentre = await roughnessAt(target.lossAt, target.theta, target.blocks, settings, control);
  const history = target.trajectory ? await roughnessAlongTrajectory(target.lossAt, target.trajectory, target.blocks, { ...settings, points: options.points }, control) : undefined;
  return {
    format: 'pde-workbench-roughness/1',
    centre: target.centre,
    definition: 'mean (roughnessIndex) and variance of τ = (TV(f) − |f(−r) − min f| − |f(r) − min f|) / (max f − min f) over filter-normalised random directions d, f(t) = loss(θ + t·d), t ∈ [−r, r]',
    ...settings,
    roughnessIndex: atCentre.roughnessIndex,
    variance: atCentre.variance,
    perDirection: atCentre.perDirection,
    history,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The trajectory on its principal plane (centred on the last snapshot). */
export function projectTrajectory(data: TrajectoryData): TrajectoryProjection {
  const pca = principalDirections(data, 2, 'final');
  return {
    iterations: data.iterations,
    alpha: pca.coordinates.map((c) => c[0]),
    beta: pca.coordinates.map((c) => c[1] ?? 0),
    explained: pca.explained,
    parameterCount: data.parameterCount,
  };
}

export interface AnalysisInput extends AnalysisSources {
  config: RunConfig;
}

/** One request of the app's analysis panel, with the same defaults as the CLI. */
export async function runAnalysisRequest(input: AnalysisInput, request: AnalysisRequest, control: SweepControl = {}): Promise<LandscapeReport | RoughnessReport> {
  const target = analysisTarget(input.config, input, request.at ?? 'final');
  try {
    if (request.kind === 'landscape') {
      const range = request.range ?? 1;
      const axis = { min: -range, max: range, n: request.grid };
      return await analyseLandscape(target, { directions: request.directions, alpha: axis, beta: axis, seed: request.seed, fitTrajectory: request.range === undefined }, control);
    }
    return await analyseRoughness(target, request, control);
  } finally {
    target.dispose();
  }
}
