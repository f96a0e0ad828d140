import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../workers/config/validate';
import { startComputeWorker } from '../../main/runs/computeWorker';
import { LiveRun } from '../../main/runs/liveRun';
import { RunFolder } from '../../main/runs/runFolder';
import { readManifest } from '../../main/runs/runRecord';

const config = (iterations: number) =>
  resolveConfig({
    problem: { kind: 'custom', domain: { type: 'box', min: [0], max: [1] }, equation: 'u_xx = -pi^2*sin(pi*x)', boundary: [{ where: 'all', value: '0' }], exact: 'sin(pi*x)' },
    method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.01, iterations }] },
    network: { hidden: [8, 8] },
    sampling: { interior: 64, boundary: 2 },
    evaluation: { every: 50, snapshot: 8, grid: 32 },
    checkpoint: { every: 20 },
    precision: 'float64',
    backend: 'cpu',
  });

describe('a compute worker killed mid-run', () => {
  it('interrupts only its own run, says so, keeps its checkpoint, and the other run completes', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'worker-kill-'));
    const victimWorker = startComputeWorker();
    const victim = new LiveRun('victim', config(10_000_000), await RunFolder.create(path.join(root, 'victim')), victimWorker);
    const other = new LiveRun('other', config(1000), await RunFolder.create(path.join(root, 'other')), startComputeWorker());
    const deadline = Date.now() + 60_000;
    while (victim.checkpointIteration === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(victim.checkpointIteration).toBeGreaterThan(0);

    await victimWorker.terminate();
    await victim.done;
    expect(victim.summary().status).toBe('interrupted');
    expect(victim.summary().message).toMatch(/^compute worker exited \(code 1\); resume to continue from the checkpoint of iteration \d+$/);
    const manifest = await readManifest(victim.folder.dir);
    expect(manifest.status).toBe('interrupted');
    expect(manifest.checkpoint).toBe(victim.checkpointIteration);

    await other.done;
    expect(other.summary().status).toBe('completed');
    expect(other.summary().iteration).toBe(1000);
  }, 120_000);
});
