/**
 * One float64 PINN Adam step on the same Poisson problem through workers/float64's jetForward /
 * jetBackward: L = mean (u_xx + u_yy − f)² + mean u_b², adjoints 2r/n on the second-derivative
 * channels and 2u_b/n_b on the boundary values; then Adam (Kingma & Ba, 2015) in float64:
 *   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  θ ← θ − lr·m̂/(√v̂ + ε).
 */
import type { PeerProblem } from './poissonCase';
import { median } from './statistics';
import type { StepTiming } from './stepTime';

type Jet = Map<string, Float64Array>;
interface Shape {
  inputs: number;
  hidden: readonly number[];
  outputs: number;
  activation: string;
}
interface Map01 {
  center: number[];
  invHalfWidth: number[];
}
interface Request {
  first: number[];
  second: [number, number][];
}
/** The part of workers/float64/jetMlp64.ts this bench uses. */
export interface JetEngine64 {
  jetForward(shape: Shape, map: Map01, theta: Float64Array, x: Float64Array, request?: Request): { jet: Jet; cache: unknown };
  jetBackward(cache: unknown, adjoint: ReadonlyMap<string, Float64Array>): Float64Array;
}

const UNIT_SQUARE: Map01 = { center: [0.5, 0.5], invHalfWidth: [2, 2] };
const LAPLACIAN: Request = { first: [], second: [[0, 0], [1, 1]] };

function lossAndGradient(engine: JetEngine64, shape: Shape, theta: Float64Array, interior: Float64Array, source: Float64Array, boundary: Float64Array): { loss: number; grad: Float64Array } {
  const inner = engine.jetForward(shape, UNIT_SQUARE, theta, interior, LAPLACIAN);
  const uxx = inner.jet.get('0,0')!;
  const uyy = inner.jet.get('1,1')!;
  const n = uxx.length;
  const r = new Float64Array(n);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    r[i] = uxx[i] + uyy[i] - source[i];
    loss += (r[i] * r[i]) / n;
  }
  const adjointR = r.map((v) => (2 * v) / n);
  const grad = engine.jetBackward(inner.cache, new Map([['0,0', adjointR], ['1,1', adjointR]]));
  const edge = engine.jetForward(shape, UNIT_SQUARE, theta, boundary);
  const ub = edge.jet.get('')!;
  const nb = ub.length;
  for (let i = 0; i < nb; i++) loss += (ub[i] * ub[i]) / nb;
  const gradB = engine.jetBackward(edge.cache, new Map([['', ub.map((v) => (2 * v) / nb)]]));
  for (let i = 0; i < grad.length; i++) grad[i] += gradB[i];
  return { loss, grad };
}

export function timeSteps64(engine: JetEngine64, problem: PeerProblem, width: number, warmup: number, steps: number, lr = 1e-3): StepTiming {
  const shape: Shape = { inputs: 2, hidden: [width, width, width], outputs: 1, activation: 'tanh' };
  const theta = Float64Array.from(problem.params.flat());
  const interior = Float64Array.from(problem.interior);
  const boundary = Float64Array.from(problem.boundary);
  const source = new Float64Array(interior.length / 2).map((_, i) => -2 * Math.PI ** 2 * Math.sin(Math.PI * interior[2 * i]) * Math.sin(Math.PI * interior[2 * i + 1]));
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  const m = new Float64Array(theta.length);
  const v = new Float64Array(theta.length);
  const times: number[] = [];
  let firstLoss = NaN;
  for (let t = 1; t <= warmup + steps; t++) {
    const start = performance.now();
    const { loss, grad } = lossAndGradient(engine, shape, theta, interior, source, boundary);
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    for (let i = 0; i < theta.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
      v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
      theta[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + epsilon);
    }
    if (t > warmup) times.push(performance.now() - start);
    if (t === 1) firstLoss = loss;
  }
  return { medianMs: median(times), steps, firstLoss };
}
