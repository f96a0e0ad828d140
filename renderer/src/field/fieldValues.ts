/**
 * What the field view shows of a snapshot: the prediction, the exact solution, or the error
 * (prediction − exact) with a range symmetric about zero. Prediction and exact share one range,
 * so switching between them compares like with like.
 */
import type { AxisInfo, FieldSnapshot, FieldView } from '../../../workers/protocol/service';

export interface FieldValues {
  axes: [AxisInfo, AxisInfo];
  values: Float32Array;
  min: number;
  max: number;
  /** Label of the plotted quantity, e.g. `u`, `u exact`, `u − u exact`. */
  label: string;
  view: FieldView;
}

export function availableViews(snapshot: FieldSnapshot | undefined): FieldView[] {
  return snapshot?.exact ? ['prediction', 'exact', 'error'] : ['prediction'];
}

function extent(arrays: readonly Float32Array[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const values of arrays) {
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!(min <= max)) return { min: 0, max: 1 };
  if (min === max) return { min: min - 0.5, max: max + 0.5 };
  return { min, max };
}

export function fieldValues(snapshot: FieldSnapshot, requested: FieldView): FieldValues {
  const view = availableViews(snapshot).includes(requested) ? requested : 'prediction';
  const { prediction, exact, unknown, axes } = snapshot;
  if (view === 'error' && exact) {
    const values = new Float32Array(prediction.length);
    let bound = 0;
    for (let k = 0; k < values.length; k++) {
      values[k] = prediction[k] - exact[k];
      const magnitude = Math.abs(values[k]);
      if (magnitude > bound) bound = magnitude;
    }
    if (!(bound > 0)) bound = 1e-12;
    return { axes, values, min: -bound, max: bound, label: `${unknown} − ${unknown} exact`, view };
  }
  const range = extent(exact ? [prediction, exact] : [prediction]);
  const values = view === 'exact' && exact ? exact : prediction;
  return { axes, values, ...range, label: view === 'exact' ? `${unknown} exact` : unknown, view };
}

/** Bilinear value at fractional grid position (fi, fj); i runs along axes[0] (fastest). */
export function sampleGrid(values: Float32Array, n0: number, n1: number, fi: number, fj: number): number {
  const i = Math.min(n0 - 2, Math.max(0, Math.floor(fi)));
  const j = Math.min(n1 - 2, Math.max(0, Math.floor(fj)));
  const u = Math.min(1, Math.max(0, fi - i));
  const v = Math.min(1, Math.max(0, fj - j));
  const at = (a: number, b: number) => values[b * n0 + a];
  return (
    (1 - u) * (1 - v) * at(i, j) + u * (1 - v) * at(i + 1, j) + (1 - u) * v * at(i, j + 1) + u * v * at(i + 1, j + 1)
  );
}
