/**
 * Step time judged against a fresh twin: a method restored from the aged one's checkpoint, stepped
 * alternately with it, so the machine's drift cancels and what remains is what the aged one carries.
 */
import { Rng } from '../../workers/engine/rng';
import type { SolverMethod, StepReport } from '../../workers/methods/method';
import type { ProblemModel } from '../../workers/problems/problemModel';
import type { RunConfig } from '../../workers/config/schema';
import { createMethod } from '../../workers/run/runner';
import { median } from './statistics';

export interface Twin {
  method?: SolverMethod;
  agedMs: number[];
  twinMs: number[];
  /** Whether the two reported the same loss at every paired step (the same work, as they should). */
  sameLoss: boolean;
}

/**
 * A fresh method restored from the aged one's checkpoint, with a copy of its generator: from here
 * both do the same computation step for step, so only what the aged one accumulated in its
 * 10,000 steps (and its checkpoint does not carry) can make it slower.
 */
export function freshTwin(config: RunConfig, model: ProblemModel, rng: Rng, aged: SolverMethod): SolverMethod {
  if (!aged.checkpoint) throw new Error('soak: the method cannot be checkpointed, so it has no twin to be timed against');
  // As a resume does: construct (which draws from the generator), restore, then set the generator.
  const freshRng = new Rng(config.seed);
  const fresh = createMethod(config, model, freshRng);
  fresh.restore?.(aged.checkpoint());
  freshRng.restore(rng.state());
  return fresh;
}

/**
 * One step of the aged method and one of its twin, timed back to back (who goes first alternates),
 * so that the machine's own drift (this VM's speed wanders by tens of percent over seconds) hits
 * both alike and their ratio is the method's.
 */
export function pairedStep(twin: Twin, aged: () => { report: StepReport; ms: number }, k: number): StepReport {
  const fresh = () => {
    const start = performance.now();
    const report = twin.method!.step();
    return { report, ms: performance.now() - start };
  };
  const [a, f] = k % 2 === 0 ? [aged(), fresh()] : (([f0, a0]) => [a0, f0])([fresh(), aged()]);
  twin.agedMs.push(a.ms);
  twin.twinMs.push(f.ms);
  if (a.report.loss !== f.report.loss) twin.sameLoss = false;
  return a.report;
}

/** How much slower the aged method's steps are than its twin's: the median of the paired ratios, minus one. */
export function agedOverFresh(twin: Twin): number {
  return median(twin.agedMs.map((ms, k) => ms / twin.twinMs[k])) - 1;
}
