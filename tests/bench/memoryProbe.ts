/**
 * What a method holds in memory, measured after a full garbage collection: the JS heap plus
 * external memory (typed arrays' backing stores live there), the WebAssembly memories (the jet
 * engine's own, the float64 dense kernels'), and tfjs's tensors. Shared by the memory tests and
 * `npm run bench -- soak`.
 */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as tf from '@tensorflow/tfjs-core';
import { denseKernelsMemoryBytes } from '../../workers/float64/wasmDenseKernels';
import { JetPinnMethod } from '../../workers/methods/jetPinn';
import type { SolverMethod } from '../../workers/methods/method';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export interface MemoryUse {
  /** heapUsed + external, bytes. */
  heapBytes: number;
  rssBytes: number;
  wasmBytes: number;
  tensors: number;
  tensorBytes: number;
}

/** tfjs's tensor count and bytes; none where no tfjs backend was ever set up (the float64 methods). */
function tfjsMemory(): { numTensors: number; numBytes: number } {
  return tf.engine().backendName ? tf.memory() : { numTensors: 0, numBytes: 0 };
}

export function memoryUse(method?: SolverMethod): MemoryUse {
  collectGarbage();
  collectGarbage();
  const usage = process.memoryUsage();
  const tensors = tfjsMemory();
  const jet = method instanceof JetPinnMethod ? method.wasmMemoryBytes : 0;
  return { heapBytes: usage.heapUsed + usage.external, rssBytes: usage.rss, wasmBytes: jet + denseKernelsMemoryBytes(), tensors: tensors.numTensors, tensorBytes: tensors.numBytes };
}
