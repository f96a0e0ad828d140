/**
 * The game optimizers' states (ACGD's RMS accumulators and step count, CGD's and ACGD's Krylov
 * warm start, Adam–ascent's two Adam states) as checkpoint data and back. The field names tell
 * the kinds apart, so a state decodes without knowing its optimizer.
 */
import type { Adam64State } from '../../optimizers/adam64';
import type { AcgdState } from '../../optimizers/acgd';
import type { AdamAscentState } from '../../optimizers/adamAscent';
import type { CgdState } from '../../optimizers/cgd';
import { adam64FromState, adam64ToState, type StateValue } from '../methodState';

export type GameOptimizerState = AcgdState | CgdState | AdamAscentState;

const copy = (v: Float64Array | undefined): Float64Array | null => (v ? Float64Array.from(v) : null);

export function gameStateTo(state: GameOptimizerState): StateValue {
  if ('max' in state) return { max: adam64ToState(state.max), min: adam64ToState(state.min) };
  if ('squaredMax' in state) return { step: state.step, squaredMax: copy(state.squaredMax), squaredMin: copy(state.squaredMin), warm: copy(state.warm) };
  return { warm: copy(state.warm) };
}

export function gameStateFrom(value: StateValue): GameOptimizerState {
  const v = value as { max?: StateValue; min?: StateValue; step?: number; squaredMax?: Float64Array; squaredMin?: Float64Array; warm?: Float64Array | null };
  const warm = v.warm ? Float64Array.from(v.warm) : undefined;
  if (v.max !== undefined) return { max: adam64FromState(v.max) as Adam64State, min: adam64FromState(v.min!) };
  if (v.squaredMax !== undefined) return { step: v.step!, squaredMax: Float64Array.from(v.squaredMax), squaredMin: Float64Array.from(v.squaredMin!), warm };
  return { warm };
}
