/**
 * ms per CPINN optimizer iteration on the authors' Poisson setup ([−2, 2]², u = sin x cos y,
 * 5000 interior LHS points, 50 per side, PINN 2-50-50-50-1, discriminator 2-50-50-50-50-2 ReLU),
 * and the Krylov iterations per step: `node --import tsx tests/bench/cpinnStep.ts [steps] [krylov] [warm]`.
 */
import { resolveConfig } from '../../workers/config/validate';
import { Rng } from '../../workers/engine/rng';
import { CpinnMethod } from '../../workers/methods/cpinn/cpinnMethod';
import { buildProblemModel } from '../../workers/problems/problemModel';
import { ErrorGrid } from '../../workers/run/evaluation';

const steps = Number(process.argv[2] ?? 10);
const krylov = (process.argv[3] ?? 'cg') as 'cg' | 'gmres';
const warmStart = (process.argv[4] ?? 'warm') === 'warm';
const config = resolveConfig({
  problem: { kind: 'poisson2d-sincos' },
  method: { name: 'cpinn', discriminator: { hidden: [50, 50, 50, 50] }, optimizer: { name: 'acgd', lr: 1e-3, tol: 1e-7, maxKrylov: 1000, krylov, warmStart } },
  network: { hidden: [50, 50, 50] },
  sampling: { interior: 5000, boundary: 200, method: 'lhs' },
  evaluation: { grid: 256 },
  precision: 'float64',
});
const model = buildProblemModel(config.problem);
const method = new CpinnMethod(config, model, new Rng(config.seed));
const grid = new ErrorGrid(model, 256);
const times: number[] = [];
const krylovCounts: number[] = [];
for (let s = 0; s < steps; s++) {
  const start = performance.now();
  const report = method.step();
  times.push(performance.now() - start);
  krylovCounts.push(report.krylovIterations ?? 0);
}
const relL2 = grid.measure(method.predict(grid.points))?.relL2;
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sorted = [...times].sort((a, b) => a - b);
console.log(JSON.stringify({ krylov, warmStart, steps, msPerStepMean: mean(times), msPerStepMedian: sorted[Math.floor(sorted.length / 2)], krylovPerStepMean: mean(krylovCounts), krylovPerStep: krylovCounts, relL2 }));
