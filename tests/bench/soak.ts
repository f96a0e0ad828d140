/**
 * `npm run bench -- soak [--steps N]`: trains each method (PINN float32 on tfjs-wasm, PINN float64)
 * for N steps (default 10,000: Adam, then L-BFGS for the last tenth) with checkpoints on, and samples
 * memory (RSS, JS heap, tfjs tensors and bytes) and step time as it goes. Writes bench/soak.json
 * and says whether each series stayed flat within 5% from the second tenth of the Adam phase to its
 * last tenth (memory after a forced full GC; step time is training time only, but it moves with
 * the machine's load, so a loaded machine can fail that part without any fault of the workbench).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as tf from '@tensorflow/tfjs-core';
import { writeFileAtomic } from '../../main/runs/atomicWrite';
import { PROJECT_ROOT } from '../../main/runs/examples';
import { resolveConfig } from '../../workers/config/validate';
import { initBackend } from '../../workers/engine/backend';
import type { MetricsRow } from '../../workers/protocol/service';
import { Runner } from '../../workers/run/runner';

interface Sample {
  iteration: number;
  seconds: number;
  rssMiB: number;
  heapMiB: number;
  tensors: number;
  tensorMiB: number;
}

const FLAT = 0.05;
const SAMPLE_MS = 1000;

v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function config(precision: 'float32' | 'float64', steps: number) {
  const lbfgs = Math.round(steps / 10);
  return resolveConfig({
    name: `soak-${precision}`,
    problem: { kind: 'poisson2d' },
    method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.002, iterations: steps - lbfgs }, { name: 'lbfgs', iterations: lbfgs, history: 20, maxEvaluations: 5, gradientTolerance: 0, changeTolerance: 0 }] },
    network: { hidden: [16, 16] },
    sampling: { interior: 400, boundary: 80 },
    evaluation: { every: 500, snapshot: 16, grid: 32 },
    checkpoint: { every: 1000 },
    budget: { seconds: 3600 },
    precision,
    backend: 'wasm',
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** The last tenth of the run against the second tenth (the first holds warm-up), as a relative change. */
function drift(samples: Sample[], value: (s: Sample, prev: Sample) => number, from: number, to: number): number {
  const window = (lo: number, hi: number) =>
    samples.flatMap((s, i) => (i > 0 && s.iteration > lo && s.iteration <= hi && samples[i - 1].iteration >= lo ? [value(s, samples[i - 1])] : []));
  const early = median(window(from * 0.1, from * 0.2));
  const late = median(window(from * 0.9 - (from - to), to));
  return late === early ? 0 : (late - early) / early;
}

/** Memory may fall (warm-up buffers released) but not grow by more than 5%; step time stays within ±5%. */
function isFlat(drifts: { rss: number; heap: number; tensors: number; stepMs: number }): boolean {
  return drifts.rss <= FLAT && drifts.heap <= FLAT && drifts.tensors <= FLAT && Math.abs(drifts.stepMs) <= FLAT;
}

async function soak(precision: 'float32' | 'float64', steps: number) {
  const samples: Sample[] = [];
  let lastSample = 0;
  const sample = (rows: MetricsRow[]) => {
    const last = rows.at(-1);
    if (!last || performance.now() - lastSample < SAMPLE_MS) return;
    // Memory after a full collection: what is held, not garbage not yet collected.
    collectGarbage();
    lastSample = performance.now();
    const memory = process.memoryUsage();
    const tensors = tf.memory();
    samples.push({ iteration: last.iteration, seconds: last.seconds, rssMiB: memory.rss / 2 ** 20, heapMiB: memory.heapUsed / 2 ** 20, tensors: tensors.numTensors, tensorMiB: tensors.numBytes / 2 ** 20 });
  };
  const cfg = config(precision, steps);
  const adamSteps = cfg.method.name === 'pinn' ? cfg.method.optimizers[0].iterations : 0;
  const result = await new Runner().run(cfg, { rows: sample, snapshot: () => undefined, status: () => undefined, checkpoint: () => undefined });
  const perStep = (s: Sample, p: Sample) => ((s.seconds - p.seconds) * 1000) / (s.iteration - p.iteration);
  // Adam's steps and L-BFGS's (several evaluations each) differ in cost: compare within the Adam phase.
  const flatness = {
    rss: drift(samples, (s) => s.rssMiB, adamSteps, adamSteps),
    heap: drift(samples, (s) => s.heapMiB, adamSteps, adamSteps),
    tensors: drift(samples, (s) => s.tensors, adamSteps, adamSteps),
    stepMs: drift(samples, perStep, adamSteps, adamSteps),
  };
  const tensorsAfter = tf.memory().numTensors;
  return { precision, iterations: result.iterations, status: result.status, message: result.message, relL2: result.metrics.relL2, flatness, flat: isFlat(flatness), tensorsAfter, samples };
}

export async function runSoak(argv: string[]): Promise<void> {
  const at = argv.indexOf('--steps');
  const steps = at >= 0 ? Number(argv[at + 1]) : 10_000;
  if (!Number.isInteger(steps) || steps < 1000) throw new Error(`--steps: must be an integer of at least 1000, got ${argv[at + 1]}`);
  const backend = await initBackend('wasm');
  const loadStart = os.loadavg();
  const runs = [];
  for (const precision of ['float32', 'float64'] as const) {
    const run = await soak(precision, steps);
    runs.push(run);
    const pct = (d: number) => `${(d * 100).toFixed(1)}%`;
    process.stdout.write(
      `${precision}: ${run.iterations} steps, relL2 ${run.relL2?.toExponential(2)}; drift late vs early: RSS ${pct(run.flatness.rss)}, heap ${pct(run.flatness.heap)}, tensors ${pct(run.flatness.tensors)}, step time ${pct(run.flatness.stepMs)} → ${run.flat ? 'flat' : 'NOT flat'} within ${FLAT * 100}%\n`,
    );
  }
  const dir = path.join(PROJECT_ROOT, 'bench');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, 'soak.json');
  await writeFileAtomic(file, JSON.stringify({ date: new Date().toISOString(), backend, steps, loadAverage: { start: loadStart, end: os.loadavg() }, cpus: os.cpus().length, runs }, null, 1) + '\n');
  process.stderr.write(`soak: wrote ${path.relative(process.cwd(), file)}\n`);
}
