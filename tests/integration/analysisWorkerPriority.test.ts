/**
 * The analysis worker's lower scheduling priority is its own thread's: the main thread (and so
 * every other worker, which inherits the main thread's) keeps its nice value.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { startComputeWorker } from '../../main/runs/computeWorker';

describe.runIf(os.platform() === 'linux')('analysis worker priority', () => {
  it('lowers the worker thread by 10 nice steps (at most 19) and leaves the main thread alone', async () => {
    const before = os.getPriority();
    const worker = startComputeWorker();
    try {
      expect(await worker.service.lowerPriority()).toBe(`nice ${Math.min(19, before + 10)}`);
      expect(os.getPriority()).toBe(before);
      const other = startComputeWorker();
      try {
        // A worker started afterwards inherits the main thread's value: lowering it again gives the same.
        expect(await other.service.lowerPriority()).toBe(`nice ${Math.min(19, before + 10)}`);
      } finally {
        await other.terminate();
      }
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});
