/**
 * `npm run bench -- analysis [--grid N] [--alone S]`: the figures of the analysis targets (issue 9).
 *
 * 1. A 41×41 loss landscape of a ~1000-parameter PINN (2D Poisson, MLP 2-21-21-21-1 tanh, the
 *    example's 2000 + 400 collocation points) on filter-normalised random directions, in float32
 *    and in float64 (the jet engine), timed end to end; and one loss evaluation with and without
 *    the gradient (evaluate vs lossOnly, the landscape's), as a median over repeated calls.
 * 2. Step rate: the same network trained (Adam) in one compute worker, alone for `--alone` seconds,
 *    then while a landscape of it is computed in a second compute worker, as the app does; the
 *    ratio of the two rates (iterations per wall-clock second) is the "within 20%" target.
 * Writes bench/results-analysis.json with the machine's load average before and after.
 */
import os from 'node:os';
import path from 'node:path';
import * as Comlink from 'comlink';
import { writeFileAtomic } from '../../main/runs/atomicWrite';
import { startComputeWorker } from '../../main/runs/computeWorker';
import { PROJECT_ROOT } from '../../main/runs/examples';
import { analyseLandscape, analysisTarget } from '../../workers/analysis/runAnalysis';
import type { RunConfig } from '../../workers/config/schema';
import { resolveConfig } from '../../workers/config/validate';
import { initBackend } from '../../workers/engine/backend';
import { Rng } from '../../workers/engine/rng';
import { initialTheta, inputMap, networkShape, sampleCollocation } from '../../workers/problems/collocation';
import { PinnLoss64 } from '../../workers/problems/pinnLoss64';
import { buildProblemModel } from '../../workers/problems/problemModel';
import type { MetricsRow } from '../../workers/protocol/service';
import { createMethod } from '../../workers/run/runner';
import { poissonExample } from './poissonCase';
import { median } from './statistics';

const HIDDEN = [21, 21, 21];

function benchConfig(example: Record<string, unknown>, precision: RunConfig['precision'], iterations: number): RunConfig {
  return resolveConfig({
    ...example,
    name: `analysis-bench-${precision}`,
    method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 1e-3, iterations }] },
    network: { hidden: HIDDEN, activation: 'tanh' },
    budget: { seconds: 1e9 },
    backend: 'wasm',
    precision,
  });
}

function initialParameters(config: RunConfig) {
  const method = createMethod(config, buildProblemModel(config.problem), new Rng(config.seed));
  try {
    return method.parameters();
  } finally {
    method.dispose();
  }
}

/** Median milliseconds of one evaluation with the gradient and without it. */
function evaluationMs(config: RunConfig, repeats: number): { withGradient: number; lossOnly: number } {
  const model = buildProblemModel(config.problem);
  const rng = new Rng(config.seed);
  const shape = networkShape(config, model);
  const theta = initialTheta(shape, rng);
  const loss = new PinnLoss64(model, shape, inputMap(model), sampleCollocation(config, model, rng), config.loss, config.precision);
  const time = (f: () => unknown) =>
    median(
      Array.from({ length: repeats }, () => {
        const t = performance.now();
        f();
        return performance.now() - t;
      }),
    );
  loss.evaluate(theta);
  return { withGradient: time(() => loss.evaluate(theta)), lossOnly: time(() => loss.lossOnly(theta)) };
}

async function landscapeSeconds(config: RunConfig, grid: number): Promise<{ seconds: number; parameters: number }> {
  const target = analysisTarget(config, { parameters: initialParameters(config) });
  try {
    const axis = { min: -1, max: 1, n: grid };
    const report = await analyseLandscape(target, { directions: 'random', alpha: axis, beta: axis, seed: 1 });
    return { seconds: report.seconds, parameters: report.parameterCount };
  } finally {
    target.dispose();
  }
}

interface RateSample {
  wall: number;
  iteration: number;
}

/** Iterations per wall-clock second between the first and last sample in [from, to]. */
function rate(samples: RateSample[], from: number, to: number): number {
  const inside = samples.filter((s) => s.wall >= from && s.wall <= to);
  if (inside.length < 2) return NaN;
  const [a, b] = [inside[0], inside.at(-1)!];
  return (b.iteration - a.iteration) / ((b.wall - a.wall) / 1000);
}

async function stepRateWhileLandscape(config: RunConfig, grid: number, aloneSeconds: number) {
  const training = startComputeWorker();
  const analysis = startComputeWorker();
  const samples: RateSample[] = [];
  const sink = Comlink.proxy({
    rows: (rows: MetricsRow[]) => void (rows.length && samples.push({ wall: performance.now(), iteration: rows.at(-1)!.iteration })),
    snapshot: () => undefined,
    status: () => undefined,
    checkpoint: () => undefined, // every sink member must exist: the worker calls it through a proxy
  });
  try {
    await training.service.prepare(config.backend, config.precision, 'pinn');
    await analysis.service.prepare(config.backend, config.precision, 'pinn');
    const priority = await analysis.service.lowerPriority(); // as RunAnalyst does
    const run = training.service.run(config, sink);
    // Warm-up, then the rate alone.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const aloneFrom = performance.now();
    await new Promise((resolve) => setTimeout(resolve, aloneSeconds * 1000));
    const aloneTo = performance.now();
    process.stderr.write(`bench: analysis, training alone ${rate(samples, aloneFrom, aloneTo).toFixed(1)} it/s; now with a ${grid}×${grid} landscape in a second worker …\n`);
    const input = { config, parameters: initialParameters(config) };
    let lastReport = performance.now();
    const progress = (done: number, total: number) => {
      if (performance.now() - lastReport < 10_000) return;
      lastReport = performance.now();
      process.stderr.write(`  landscape ${done}/${total}, training at iteration ${samples.at(-1)?.iteration}\n`);
    };
    // A worker that dies would leave its calls unanswered: race each call against both exits.
    const died = Promise.race([training.exited.then((why) => `training worker: ${why}`), analysis.exited.then((why) => `analysis worker: ${why}`)]).then((why) => {
      throw new Error(why);
    });
    died.catch(() => undefined); // terminate() below ends both: not an error then
    const report = await Promise.race([analysis.service.analyse(input, { kind: 'landscape', directions: 'random', grid, range: 1 }, Comlink.proxy(progress)), died]);
    const withTo = performance.now();
    await Promise.race([training.service.cancel().then(() => run), died]);
    const alone = rate(samples, aloneFrom, aloneTo);
    const during = rate(samples, aloneTo, withTo);
    return { aloneItPerS: alone, duringItPerS: during, ratio: during / alone, landscapeSeconds: report.seconds, aloneSeconds, duringSeconds: (withTo - aloneTo) / 1000, analysisWorker: priority };
  } finally {
    await training.terminate();
    await analysis.terminate();
  }
}

export async function analysisBench(argv: string[]): Promise<void> {
  const valueOf = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    const value = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!(Number.isInteger(value) && value > 1)) throw new Error(`${flag}: needs an integer above 1, got '${argv[i + 1]}'`);
    return value;
  };
  const grid = valueOf('--grid', 41);
  const aloneSeconds = valueOf('--alone', 20);
  const loadStart = os.loadavg();
  await initBackend('wasm');
  const example = await poissonExample();
  const f32 = benchConfig(example, 'float32', 1_000_000);
  const f64 = benchConfig(example, 'float64', 1_000_000);

  process.stderr.write('bench: analysis, one loss evaluation with and without the gradient …\n');
  const evaluation = { float32: evaluationMs(f32, 15), float64: evaluationMs(f64, 15) };
  process.stderr.write(`bench: analysis, ${grid}×${grid} landscape float32 …\n`);
  const landscape32 = await landscapeSeconds(f32, grid);
  process.stderr.write(`  ${landscape32.seconds.toFixed(1)} s (${landscape32.parameters} parameters)\nbench: analysis, ${grid}×${grid} landscape float64 …\n`);
  const landscape64 = await landscapeSeconds(f64, grid);
  process.stderr.write(`  ${landscape64.seconds.toFixed(1)} s\nbench: analysis, step rate alone and while a landscape is computed …\n`);
  const stepRate = await stepRateWhileLandscape(f32, grid, aloneSeconds);

  const cpus = os.cpus();
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', node: process.versions.node, loadAverage: { start: loadStart, end: os.loadavg() } },
    network: { hidden: HIDDEN, parameters: landscape32.parameters, interior: f32.sampling.interior, boundary: f32.sampling.boundary },
    grid,
    evaluationMs: evaluation,
    landscapeSeconds: { float32: landscape32.seconds, float64: landscape64.seconds },
    stepRate,
    notes: [
      'landscape: filter-normalised random directions, α, β ∈ [−1, 1], the loss without its gradient (PinnLoss64.lossOnly) at every node',
      'stepRate: Adam on the same network (float32, jet engine) in one compute worker; the landscape in a second one; rates are iterations per wall-clock second',
    ],
  };
  const file = path.join(PROJECT_ROOT, 'bench', 'results-analysis.json');
  await writeFileAtomic(file, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  process.stderr.write(`bench: wrote ${path.relative(process.cwd(), file)}\n`);
}
