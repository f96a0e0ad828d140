/**
 * Adam–ascent baseline: independent Adam (adam64.ts) on each player's own loss, −L for the
 * maximiser x and L for the minimiser y, both from the same point (simultaneous).
 */
import type { AdamAscentSpec } from '../config/schema';
import { adam64Init, adam64Update, type Adam64State } from './adam64';
import type { GameStep, ZeroSumGamePoint } from './zeroSumGame';

export interface AdamAscentState {
  max: Adam64State;
  min: Adam64State;
}

export function adamAscentInit(sizeMax: number, sizeMin: number): AdamAscentState {
  return { max: adam64Init(sizeMax), min: adam64Init(sizeMin) };
}

export function adamAscentUpdate(spec: AdamAscentSpec, state: AdamAscentState, point: ZeroSumGamePoint): { step: GameStep; state: AdamAscentState } {
  const deltaMax = new Float64Array(point.gradMax.length);
  const deltaMin = new Float64Array(point.gradMin.length);
  const adam = { ...spec, name: 'adam' as const };
  const max = adam64Update(adam, state.max, deltaMax, point.gradMax.map((g) => -g));
  const min = adam64Update(adam, state.min, deltaMin, point.gradMin);
  return { step: { deltaMax, deltaMin, krylovIterations: 0, krylovResidual: 0 }, state: { max, min } };
}
