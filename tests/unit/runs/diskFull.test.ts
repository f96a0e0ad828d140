import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCheckpoint, saveCheckpoint } from '../../../main/runs/checkpointStore';
import { checkFreeSpace, RunFolder } from '../../../main/runs/runFolder';
import type { RunCheckpoint } from '../../../workers/run/checkpoint';

const checkpoint = (iteration: number): RunCheckpoint => ({
  format: 'pde-workbench-checkpoint/1',
  iteration,
  seconds: iteration / 10,
  rng: [1, 2, 3, iteration],
  method: { kind: 'pinn-float64/1', iteration, data: { theta: Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i + iteration)) } },
});

afterEach(() => vi.restoreAllMocks());

describe('a full disk or an unwritable folder', () => {
  it('loses no earlier checkpoint when the disk fills up halfway through writing the next one', async () => {
    const folder = await RunFolder.create(path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'enospc-')), 'run'));
    await saveCheckpoint(folder, checkpoint(100));
    // The next write gets half its bytes onto the disk, then ENOSPC, as a full disk does.
    const open = fs.open.bind(fs);
    vi.spyOn(fs, 'open').mockImplementation(async (file, flags) => {
      const handle = await open(file, flags);
      if (String(file).includes('checkpoint.json') && flags === 'wx') {
        const write = handle.writeFile.bind(handle);
        handle.writeFile = async (data: string | Uint8Array) => {
          await write(typeof data === 'string' ? data.slice(0, data.length / 2) : data.subarray(0, data.length / 2));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        };
      }
      return handle;
    });
    await expect(saveCheckpoint(folder, checkpoint(200))).rejects.toThrow(`cannot write ${folder.file('checkpoint.json')}: the disk is full (ENOSPC)`);
    vi.restoreAllMocks();
    const kept = await loadCheckpoint(folder.dir);
    expect(kept.iteration).toBe(100);
    expect(kept.method.data.theta).toEqual(checkpoint(100).method.data.theta);
    expect(await fs.readdir(folder.dir)).toEqual(['checkpoint.json']);
  });

  it('refuses before training a folder on a disk with almost no free space, or under a file', async () => {
    await expect(checkFreeSpace('/runs/x', async () => ({ bavail: 100, bsize: 4096 }))).rejects.toThrow(
      'cannot write /runs/x: only 0.4 MiB free, a run needs at least 16 MiB (ENOSPC)',
    );
    await expect(checkFreeSpace('/runs/x', async () => ({ bavail: 1 << 20, bsize: 4096 }))).resolves.toBeUndefined();
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'notdir-')), 'plain-file');
    await fs.writeFile(file, '');
    await expect(RunFolder.create(path.join(file, 'run'))).rejects.toThrow(`cannot write ${path.join(file, 'run')}: a part of the path is a file, not a folder (ENOTDIR)`);
  });
});
