/** Entry of a compute worker thread: exposes one ComputeService to the main process. */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { createComputeService } from './computeService';
import { nodePortEndpoint } from './protocol/nodePortEndpoint';

if (!parentPort) throw new Error('workers/worker.ts must run as a worker thread');
Comlink.expose(createComputeService(), nodePortEndpoint(parentPort));
