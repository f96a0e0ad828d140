/**
 * What a method saves in a checkpoint and reads back on resume: plain data only (numbers, strings,
 * booleans, typed arrays, and arrays / objects of these), so it crosses the worker boundary by
 * structured clone and goes to disk through checkpointCodec without loss. A method restores into a
 * freshly constructed copy of itself built from the same config and seed, so it saves only what
 * training changed: parameters, optimizer state, where the optimizer chain stands, grown samples.
 */
import type { Adam64State } from '../optimizers/adam64';
import type { LbfgsState } from '../optimizers/lbfgs';
import type { ChainPosition, OptimizerChain } from './optimizerChain';

export type StateValue = number | string | boolean | null | Float64Array | Float32Array | StateValue[] | { [key: string]: StateValue };

export interface MethodState {
  /** The method and layout that wrote it, e.g. `pinn-float32/1`; restore refuses any other. */
  kind: string;
  iteration: number;
  data: { [key: string]: StateValue };
}

/** The optional half of SolverMethod a method implements to be checkpointed and resumed. */
export interface Checkpointable {
  checkpoint(): MethodState;
  /** Called once, on a freshly constructed method, before its first step. */
  restore(state: MethodState): void;
}

/** Whether every number in a state is finite (a checkpoint of a diverging run is not worth keeping). */
export function isFiniteState(value: StateValue): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value instanceof Float64Array || value instanceof Float32Array) return value.every(Number.isFinite);
  if (Array.isArray(value)) return value.every(isFiniteState);
  if (value !== null && typeof value === 'object') return Object.values(value).every(isFiniteState);
  return true;
}

export function checkKind(state: MethodState, kind: string): void {
  if (state.kind !== kind) throw new Error(`the checkpoint was written by '${state.kind}', not '${kind}': resume it with the config it was written with`);
}

export function chainToState(position: ChainPosition): StateValue {
  return { index: position.index, iterationInPhase: position.iterationInPhase, stopped: position.stopped };
}

export function chainFromState(value: StateValue): ChainPosition {
  const v = value as { index: number; iterationInPhase: number; stopped: boolean[] };
  return { index: v.index, iterationInPhase: v.iterationInPhase, stopped: [...v.stopped] };
}

/** Each phase's optimizer state, encoded by its optimizer name; null where a phase has none yet. */
export function phasesToState<S>(chain: OptimizerChain<S>, encode: (name: string, state: S) => StateValue): StateValue {
  return chain.phases.map((phase) => (phase.state === undefined ? null : encode(phase.spec.name, phase.state)));
}

export function phasesFromState<S>(chain: OptimizerChain<S>, value: StateValue, decode: (name: string, value: StateValue) => S): void {
  const states = value as StateValue[];
  chain.phases.forEach((phase, i) => (phase.state = states[i] === null ? undefined : decode(phase.spec.name, states[i])));
}

/** L-BFGS state plus the loss and terms read back with its gradient (methods report them). */
export function lbfgsToState(state: LbfgsState, reported: readonly number[]): StateValue {
  return {
    x: Float64Array.from(state.x),
    loss: state.loss,
    grad: Float64Array.from(state.grad),
    s: state.s.map((v) => Float64Array.from(v)),
    y: state.y.map((v) => Float64Array.from(v)),
    iteration: state.iteration,
    evaluations: state.evaluations,
    restarts: state.restarts,
    reported: Float64Array.from(reported),
  };
}

export function lbfgsFromState(value: StateValue): { state: LbfgsState; reported: number[] } {
  const v = value as { x: Float64Array; loss: number; grad: Float64Array; s: Float64Array[]; y: Float64Array[]; iteration: number; evaluations: number; restarts: number; reported: Float64Array };
  return {
    state: { x: Float64Array.from(v.x), loss: v.loss, grad: Float64Array.from(v.grad), s: v.s.map((a) => Float64Array.from(a)), y: v.y.map((a) => Float64Array.from(a)), iteration: v.iteration, evaluations: v.evaluations, restarts: v.restarts },
    reported: Array.from(v.reported),
  };
}

export function adam64ToState(state: Adam64State): StateValue {
  return { step: state.step, m: Float64Array.from(state.m), v: Float64Array.from(state.v) };
}

export function adam64FromState(value: StateValue): Adam64State {
  const v = value as { step: number; m: Float64Array; v: Float64Array };
  return { step: v.step, m: Float64Array.from(v.m), v: Float64Array.from(v.v) };
}
