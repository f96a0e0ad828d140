import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveStatus, readManifest, readRows, removeTempFiles } from '../../../main/runs/runRecord';
import { createWorkbench } from '../../../main/runs/workbench';

const DEAD_PID = 2 ** 30; // above Linux's pid_max

async function runFolder(root: string, name: string, manifest: Record<string, unknown>) {
  const dir = path.join(root, name);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ format: 'pde-workbench-run/1', name, problem: 'poisson2d', method: 'pinn', backend: 'wasm', iterations: 40, totalIterations: 100, seconds: 2, metrics: {}, files: [], ...manifest }));
  return dir;
}

describe('run folders left on disk', () => {
  it('reads a run not finished whose process is gone as interrupted, and believes finished and live ones', () => {
    expect(effectiveStatus({ status: 'running', pid: DEAD_PID })).toBe('interrupted');
    expect(effectiveStatus({ status: 'paused', pid: DEAD_PID })).toBe('interrupted');
    expect(effectiveStatus({ status: 'starting' })).toBe('interrupted');
    expect(effectiveStatus({ status: 'running', pid: process.pid })).toBe('running');
    expect(effectiveStatus({ status: 'completed', pid: DEAD_PID })).toBe('completed');
    expect(effectiveStatus({ status: 'cancelled', pid: DEAD_PID })).toBe('cancelled');
  });

  it('keeps the metrics rows up to the checkpoint and removes the temp files a kill left', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'record-'));
    await fs.writeFile(path.join(dir, 'metrics.jsonl'), [1, 2, 3, 4].map((i) => JSON.stringify({ iteration: i, loss: 1 / i })).join('\n') + '\n');
    await fs.writeFile(path.join(dir, '.checkpoint.json.1234.0a1b2c3d.tmp'), 'half');
    await fs.writeFile(path.join(dir, 'notes.tmp'), 'not ours');
    expect((await readRows(dir, 2)).map((r) => r.iteration)).toEqual([1, 2]);
    expect(await removeTempFiles(dir)).toEqual(['.checkpoint.json.1234.0a1b2c3d.tmp']);
    expect((await fs.readdir(dir)).sort()).toEqual(['metrics.jsonl', 'notes.tmp']);
  });

  it('lists interrupted runs with a checkpoint from the runs folder, so the UI can offer Resume', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'runs-root-'));
    await runFolder(root, 'killed', { status: 'running', pid: DEAD_PID, checkpoint: 40 });
    await runFolder(root, 'killed-early', { status: 'starting', pid: DEAD_PID });
    await runFolder(root, 'done', { status: 'completed', pid: DEAD_PID, checkpoint: 40 });
    await runFolder(root, 'alive', { status: 'running', pid: process.pid, checkpoint: 40 });
    expect((await readManifest(path.join(root, 'killed'))).status).toBe('interrupted');
    const workbench = await createWorkbench({ runsRoot: root, shell: 'browser' });
    const listed = await workbench.runs();
    expect(listed.map((r) => [r.id, r.status, r.message])).toEqual([['killed', 'interrupted', 'interrupted; resumable from iteration 40']]);
    expect((await workbench.poll('killed', 0, 0)).summary.iteration).toBe(40);
    await expect(workbench.resumeRun('done')).rejects.toThrow('the run completed; there is nothing to resume');
    await expect(workbench.resumeRun('alive')).rejects.toThrow(`the run is still running in process ${process.pid}`);
    await expect(workbench.resumeRun('killed-early')).rejects.toThrow('has no checkpoint to resume from (checkpoint.json)');
  });
});
