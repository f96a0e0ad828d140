/**
 * Trains example configs to completion through the workbench (each run in its own compute
 * worker, as the app and `solve` do) and records what was measured: wall time, ms per
 * iteration, relL2 against the exact solution, backend, and the metrics rows.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createWorkbench } from '../../main/runs/workbench';
import { loadExamples } from '../../main/runs/examples';
import type { MetricsRow } from '../../workers/protocol/service';

export interface ExampleResult {
  example: string;
  status: string;
  message?: string;
  backend: string;
  iterations: number;
  trainingSeconds: number;
  wallSeconds: number;
  msPerIteration: number;
  metrics: Record<string, number>;
}

export interface ExampleRun {
  result: ExampleResult;
  rows: MetricsRow[];
}

/** Runs one config in a fresh workbench under `scratch`. */
export async function runConfig(id: string, config: unknown, scratch: string): Promise<ExampleRun> {
  const workbench = await createWorkbench({ runsRoot: scratch, shell: 'cli' });
  try {
    process.stderr.write(`bench: ${id} …\n`);
    const folder = path.join(scratch, id);
    const started = performance.now();
    const run = await workbench.startRunIn(config, folder);
    await run.done;
    const manifest = run.manifest();
    const text = await fs.readFile(path.join(folder, 'metrics.jsonl'), 'utf8');
    const rows = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as MetricsRow);
    const result: ExampleResult = {
      example: id,
      status: manifest.status,
      message: manifest.message,
      backend: manifest.backend,
      iterations: manifest.iterations,
      trainingSeconds: manifest.seconds,
      wallSeconds: (performance.now() - started) / 1000,
      msPerIteration: (manifest.seconds * 1000) / Math.max(1, manifest.iterations),
      metrics: manifest.metrics,
    };
    process.stderr.write(`bench: ${JSON.stringify(result)}\n`);
    return { result, rows };
  } finally {
    await workbench.dispose();
  }
}

/** Every example in assets/examples/ (or those named), in order; throws naming the unknown ids. */
export async function runExamples(wanted: readonly string[], scratch: string): Promise<Map<string, ExampleRun>> {
  const all = await loadExamples();
  const unknown = wanted.filter((id) => !all.some((e) => e.id === id));
  if (unknown.length > 0) throw new Error(`no example named ${unknown.join(', ')}; known: ${all.map((e) => e.id).join(', ')}`);
  const runs = new Map<string, ExampleRun>();
  for (const example of all.filter((e) => wanted.length === 0 || wanted.includes(e.id))) {
    runs.set(example.id, await runConfig(example.id, example.config, scratch));
  }
  return runs;
}
