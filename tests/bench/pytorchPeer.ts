/**
 * Runs the PyTorch peer scripts in bench/ with Debian's Python (BENCH_PYTHON overrides it), and
 * makes sure torch is importable first: one `apt-get install -y python3-torch` attempt (10 min
 * limit) when it is not and we are root.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../main/runs/examples';

export const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const BENCH_DIR = path.join(PROJECT_ROOT, 'bench');

function torchVersion(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 120_000 });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/** torch's version, or why there is none (one line). */
export function ensureTorch(): { version?: string; note?: string } {
  const version = torchVersion();
  if (version) return { version };
  if (process.getuid?.() !== 0) return { note: `PyTorch is not importable by ${PYTHON} and installing python3-torch needs root: reporting tfjs only` };
  process.stderr.write('bench: torch missing, trying apt-get install -y python3-torch (10 min limit) …\n');
  const install = spawnSync('apt-get', ['install', '-y', 'python3-torch'], { encoding: 'utf8', timeout: 600_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const installed = torchVersion();
  if (installed) return { version: installed };
  const why = install.error?.message ?? (install.stderr || '').trim().split('\n').pop() ?? `exit ${install.status}`;
  return { note: `PyTorch is not importable by ${PYTHON} and apt-get install python3-torch failed (${why}): reporting tfjs only` };
}

/** Writes `input` to a temporary JSON file, runs bench/<script> on it, parses its JSON output. */
export async function runPeer<T>(script: string, input: unknown, args: string[], timeoutMs: number): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-peer-'));
  try {
    const file = path.join(dir, 'input.json');
    await fs.writeFile(file, JSON.stringify(input));
    const run = spawnSync(PYTHON, ['-B', path.join(BENCH_DIR, script), file, ...args], { encoding: 'utf8', timeout: timeoutMs, cwd: BENCH_DIR, maxBuffer: 64 << 20 });
    if (run.status !== 0) throw new Error(`${script} ${args.join(' ')} failed: ${run.error?.message ?? run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return JSON.parse(run.stdout) as T;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
