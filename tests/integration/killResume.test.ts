import { spawn, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../workers/config/validate';
import { decodeCheckpoint } from '../../workers/run/checkpointCodec';
import { initBackend } from '../../workers/engine/backend';
import { Runner } from '../../workers/run/runner';
import { readManifest } from '../../main/runs/runRecord';
import { expectEveryFileWhole, until } from './runFolderFiles';

const root = path.resolve(import.meta.dirname, '../..');
const cli = ['--import', 'tsx', path.join(root, 'main/cli/solve.ts')];

const input = {
  name: 'kill-me',
  problem: { kind: 'poisson2d' },
  method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.005, iterations: 800 }, { name: 'lbfgs', iterations: 10, history: 5 }] },
  network: { hidden: [10, 10] },
  sampling: { interior: 120, boundary: 32 },
  evaluation: { grid: 24, every: 100, snapshot: 8 },
  checkpoint: { every: 50 },
  precision: 'float64',
  backend: 'cpu',
};

describe('SIGKILL of the CLI mid-run, then --resume', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('leaves only whole files, reads as interrupted, and resumes to the metrics of an uninterrupted run, bit for bit', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kill-'));
    const out = path.join(dir, 'run');
    const configFile = path.join(dir, 'config.json');
    await fs.writeFile(configFile, JSON.stringify(input));

    const child = spawn(process.execPath, [...cli, configFile, '--out', out], { cwd: root, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await until('a checkpoint past iteration 100', async () => {
      const manifest = JSON.parse(await fs.readFile(path.join(out, 'manifest.json'), 'utf8'));
      return manifest.checkpoint >= 100 ? manifest : undefined;
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const names = await expectEveryFileWhole(out);
    expect(names).toContain('checkpoint.json');
    const raw = JSON.parse(await fs.readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(raw.status).toBe('running');
    const manifest = await readManifest(out);
    expect(manifest.status).toBe('interrupted');
    expect(manifest.iterations).toBeLessThan(810);

    // The checkpoint file is the truth: a kill between writing it and the manifest leaves the manifest one checkpoint behind.
    const saved = decodeCheckpoint(await fs.readFile(path.join(out, 'checkpoint.json'), 'utf8'));
    expect(saved.iteration).toBeGreaterThanOrEqual(manifest.checkpoint!);
    const resumed = spawnSync(process.execPath, [...cli, '--resume', out], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(resumed.stderr).toContain(`(resumed at iteration ${saved.iteration})`);
    expect(resumed.status).toBe(0);
    const final = JSON.parse(await fs.readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(final.status).toBe('completed');
    expect((await fs.readdir(out)).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    // The same config trained without interruption, in this process, on the same backend.
    const reference = await new Runner().run(resolveConfig(input), { rows: () => undefined, snapshot: () => undefined, status: () => undefined });
    expect(final.iterations).toBe(reference.iterations);
    expect(final.metrics).toEqual(reference.metrics);
    const rows = (await fs.readFile(path.join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r: { iteration: number }) => r.iteration)).toEqual(Array.from({ length: reference.iterations }, (_, i) => i + 1));
  }, 180_000);

  it('refuses to resume a missing run folder, and a config given with --resume', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'resume-bad-'));
    const missing = spawnSync(process.execPath, [...cli, '--resume', path.join(dir, 'nope')], { cwd: root, encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`${path.join(dir, 'nope')} is not a run folder (no manifest.json)`);
    const both = spawnSync(process.execPath, [...cli, 'x.json', '--resume', dir], { cwd: root, encoding: 'utf8' });
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--resume takes the run folder only');
  });
});
