/**
 * The float64 engine (workers/float64/) is benchmarked only when it is there and exports
 * jetForward and jetBackward; otherwise this says why it was skipped.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../main/runs/examples';

export interface Float64Engine {
  module: Record<string, unknown>;
  file: string;
}

export async function findFloat64Engine(): Promise<{ engine?: Float64Engine; note?: string }> {
  const dir = path.join(PROJECT_ROOT, 'workers', 'float64');
  const files = await fs.readdir(dir).catch(() => undefined);
  if (!files) return { note: 'float64: workers/float64/ does not exist yet; skipped' };
  for (const file of files.filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f)).sort((a, b) => Number(b === 'index.ts') - Number(a === 'index.ts'))) {
    const module = (await import(/* @vite-ignore */ path.join(dir, file)).catch(() => undefined)) as Record<string, unknown> | undefined;
    if (module && typeof module.jetForward === 'function' && typeof module.jetBackward === 'function') return { engine: { module, file: `workers/float64/${file}${await kernelsLabel(dir)}` } };
  }
  return { note: 'float64: workers/float64/ exports no jetForward/jetBackward pair yet; skipped' };
}

/** Which dense kernels (wasm or js) the float64 engine multiplies with, when it says. */
async function kernelsLabel(dir: string): Promise<string> {
  const kernels = (await import(/* @vite-ignore */ path.join(dir, 'denseKernels.ts')).catch(() => undefined)) as { activeDenseKernels?: () => string } | undefined;
  return typeof kernels?.activeDenseKernels === 'function' ? ` (dense kernels: ${kernels.activeDenseKernels()})` : '';
}
