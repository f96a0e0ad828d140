/**
 * The benchmarked problem, 2D Poisson on [0,1]² (the example `poisson2d-pinn.json`), as a run
 * config, and the exact initial parameters and collocation points our PinnMethod draws from that
 * config's seed, so the PyTorch peer trains the very same network from the very same start.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RunConfig } from '../../workers/config/schema';
import { resolveConfig } from '../../workers/config/validate';
import { Rng } from '../../workers/engine/rng';
import { initialParameters, parameterShapes, type MlpShape } from '../../workers/engine/taylorMlp';
import { buildProblemModel } from '../../workers/problems/problemModel';
import { sampleFaces, sampleInterior } from '../../workers/problems/sampler';
import { PROJECT_ROOT } from '../../main/runs/examples';

export const POISSON_EXAMPLE = path.join(PROJECT_ROOT, 'assets/examples/poisson2d-pinn.json');

export interface StepCase {
  name: string;
  width: number;
  interior: number;
}

/** What the Python scripts read: parameters in our layout (W as fanIn×fanOut, x·W + b) and points, row-major. */
export interface PeerProblem {
  name: string;
  shapes: [number, number][];
  params: number[][];
  interior: number[];
  boundary: number[];
}

export async function poissonExample(): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(POISSON_EXAMPLE, 'utf8'));
}

/** One Adam phase long enough never to end while it is timed. */
export function stepConfig(example: Record<string, unknown>, c: StepCase, backend: RunConfig['backend']): RunConfig {
  return resolveConfig({
    ...example,
    name: c.name,
    method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 1e-3, iterations: 1_000_000 }] },
    network: { hidden: [c.width, c.width, c.width], activation: 'tanh' },
    sampling: { interior: c.interior, boundary: c.interior / 5 },
    budget: { seconds: 1e9 },
    backend,
  });
}

/** Mirrors the draws of PinnMethod's constructor: parameters first, then interior, then boundary points. */
export function peerProblem(config: RunConfig): PeerProblem {
  const model = buildProblemModel(config.problem);
  if (model.boundary.length !== 1) throw new Error(`${config.name}: the PyTorch peer expects one boundary piece, got ${model.boundary.length}`);
  const shape: MlpShape = { inputs: model.coordinates.length, hidden: config.network.hidden, outputs: model.unknowns.length, activation: config.network.activation };
  const rng = new Rng(config.seed);
  const params = initialParameters(shape, rng).map((p) => Array.from(Float32Array.from(p)));
  const { interior, boundary, method } = config.sampling;
  const interiorPoints = sampleInterior(model.domain, interior, method, rng);
  const boundaryPoints = sampleFaces(model.domain, model.boundary[0].faces, boundary, method, rng).points;
  return { name: config.name, shapes: parameterShapes(shape), params, interior: Array.from(interiorPoints), boundary: Array.from(boundaryPoints) };
}
