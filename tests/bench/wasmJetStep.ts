/**
 * One PINN Adam step on the benchmark's Poisson problem with the fused WebAssembly jet engine
 * (workers/engine/wasmJet) in float32 or float64, written out by hand like float64Step.ts:
 *   L = mean (u_xx + u_yy − f)² + mean u_b²,
 * adjoints 2r/n on the two second-derivative channels and 2u_b/n_b on the boundary values, then
 * Adam in float64 on the parameter vector. This is the engine's own cost, without the
 * workbench's residual compiler (the PinnMethodJet row of the bench measures that too).
 */
import type { MlpShape } from '../../workers/engine/taylorMlp';
import { JetNetworkWasm } from '../../workers/engine/wasmJet/jetNetwork';
import type { JetPrecision } from '../../workers/engine/wasmJet/kernels';
import type { PeerProblem } from './poissonCase';
import { median } from './statistics';
import type { StepTiming } from './stepTime';

const UNIT_SQUARE = { center: [0.5, 0.5], invHalfWidth: [2, 2] };

export function timeWasmJetSteps(precision: JetPrecision, problem: PeerProblem, width: number, warmup: number, steps: number, lr = 1e-3, pointsPerChunk?: number): StepTiming {
  const shape: MlpShape = { inputs: 2, hidden: [width, width, width], outputs: 1, activation: 'tanh' };
  const net = new JetNetworkWasm(shape, UNIT_SQUARE, precision, { pointsPerChunk });
  const theta = Float64Array.from(problem.params.flat());
  const interior = Float64Array.from(problem.interior);
  const boundary = Float64Array.from(problem.boundary);
  const inner = net.createPointSet(interior, { first: [], second: [[0, 0], [1, 1]] });
  const edge = net.createPointSet(boundary, { first: [], second: [] });
  const n = inner.n;
  const nb = edge.n;
  const source = new Float64Array(n).map((_, i) => -2 * Math.PI ** 2 * Math.sin(Math.PI * interior[2 * i]) * Math.sin(Math.PI * interior[2 * i + 1]));
  const adjointR = new Float64Array(n);
  const adjointB = new Float64Array(nb);
  const innerAdjoint = new Map([['0,0', adjointR], ['1,1', adjointR]]);
  const edgeAdjoint = new Map([['', adjointB]]);
  const grad = new Float64Array(theta.length);
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  const m = new Float64Array(theta.length);
  const v = new Float64Array(theta.length);
  const times: number[] = [];
  let firstLoss = NaN;
  for (let t = 1; t <= warmup + steps; t++) {
    const start = performance.now();
    net.setTheta(theta);
    const jet = net.forward(inner);
    const uxx = jet.get('0,0')!;
    const uyy = jet.get('1,1')!;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const r = uxx[i] + uyy[i] - source[i];
      loss += (r * r) / n;
      adjointR[i] = (2 * r) / n;
    }
    const ub = net.forward(edge).get('')!;
    for (let i = 0; i < nb; i++) {
      loss += (ub[i] * ub[i]) / nb;
      adjointB[i] = (2 * ub[i]) / nb;
    }
    net.zeroGradient();
    net.backward(inner, innerAdjoint);
    net.backward(edge, edgeAdjoint);
    net.gradient(grad);
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
