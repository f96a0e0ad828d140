/** Entry of a compute worker thread: exposes one ComputeService to the main process. */
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { createComputeService } from './computeService';
import { nodePortEndpoint } from './protocol/nodePortEndpoint';

if (!parentPort) throw new Error('workers/worker.ts must run as a worker thread');
/**
 * On Linux every thread has its own nice value and setpriority(pid 0) changes the calling
 * thread's only: an analysis worker yields a shared core to the training threads (issue 9's
 * step-rate target) and still uses any idle one at full speed.
 */
function lowerPriority(): string {
  try {
    // Ten steps nicer than now (a CFS weight about a tenth of the training thread's), at most 19.
    os.setPriority(Math.min(os.constants.priority.PRIORITY_LOW, os.getPriority() + 10));
    return `nice ${os.getPriority()}`;
  } catch (error) {
    return `priority unchanged: ${(error as Error).message}`;
  }
}

Comlink.expose(createComputeService({ lowerPriority }), nodePortEndpoint(parentPort));
