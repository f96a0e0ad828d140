/** How many threads a jet PINN step uses (the config's `threads`). */
import { availableParallelism } from 'node:os';
import type { RunConfig } from '../config/schema';

/** Below this many interior points a step is too short for the threads' hand-offs to pay. */
export const AUTO_THREADS_MIN_POINTS = 1000;
const AUTO_THREADS_MAX = 4;

export function pinnThreads(threads: RunConfig['threads'], interiorPoints: number, cores = availableParallelism()): number {
  const wanted = threads === 'auto' ? (interiorPoints >= AUTO_THREADS_MIN_POINTS ? Math.min(cores, AUTO_THREADS_MAX) : 1) : threads;
  // Every thread needs at least one interior point.
  return Math.max(1, Math.min(wanted, interiorPoints));
}
