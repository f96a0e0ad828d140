/** The example configs in assets/examples/, one per built-in problem and method. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExampleEntry } from '../../workers/protocol/service';
import { builtinProblem } from '../../workers/problems/library';

/** Both main/runs/*.ts (sources) and out/main/*.js (bundle) sit two levels below the project root. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'assets', 'examples');

export async function loadExamples(dir = EXAMPLES_DIR): Promise<ExampleEntry[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const config = JSON.parse(await fs.readFile(path.join(dir, file), 'utf8')) as { name?: string; problem?: { kind?: string; title?: string } };
      const builtin = config.problem?.kind ? builtinProblem(config.problem.kind) : undefined;
      return {
        id: path.basename(file, '.json'),
        title: builtin?.title ?? config.problem?.title ?? config.name ?? file,
        description: builtin?.description ?? '',
        config,
      };
    }),
  );
}
