/**
 * `npm run bench [-- <example id> ...]`: trains example configs to completion and writes what it
 * measured (wall time, ms per iteration, relL2 against the exact solution, backend) to
 * bench-results/<timestamp>.json. Long accuracy runs live here, never in the test suite.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWorkbench } from '../../main/runs/workbench';
import { loadExamples, PROJECT_ROOT } from '../../main/runs/examples';

const wanted = process.argv.slice(2);
const examples = (await loadExamples()).filter((e) => wanted.length === 0 || wanted.includes(e.id));
if (examples.length === 0) {
  process.stderr.write(`no example matches ${wanted.join(', ')}\n`);
  process.exit(2);
}

const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-'));
const workbench = await createWorkbench({ runsRoot: scratch, shell: 'cli' });
const results = [];
for (const example of examples) {
  process.stderr.write(`bench: ${example.id} …\n`);
  const started = performance.now();
  const run = await workbench.startRunIn(example.config, path.join(scratch, example.id));
  await run.done;
  const manifest = run.manifest();
  const result = {
    example: example.id,
    status: manifest.status,
    message: manifest.message,
    backend: manifest.backend,
    iterations: manifest.iterations,
    trainingSeconds: manifest.seconds,
    wallSeconds: (performance.now() - started) / 1000,
    msPerIteration: (manifest.seconds * 1000) / Math.max(1, manifest.iterations),
    metrics: manifest.metrics,
  };
  results.push(result);
  process.stderr.write(`bench: ${JSON.stringify(result)}\n`);
}
await workbench.dispose();

const outDir = path.join(PROJECT_ROOT, 'bench-results');
await fs.mkdir(outDir, { recursive: true });
const file = path.join(outDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
await fs.writeFile(file, JSON.stringify({ machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.versions.node }, results }, null, 2) + '\n');
process.stdout.write(`${file}\n`);
