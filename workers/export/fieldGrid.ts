/**
 * Reading a FieldSnapshot as a grid: its size, node coordinates and the values of one view
 * (prediction, exact, or error = prediction − exact). Node (i, j) sits at index j·nx + i.
 */
import type { AxisInfo, FieldSnapshot, FieldView } from '../protocol/service';

export const FIELD_VIEWS: readonly FieldView[] = ['prediction', 'exact', 'error'];

export interface GridSize {
  nx: number;
  ny: number;
}

/** The node counts of a snapshot, after checking its arrays hold nx·ny values. */
export function gridSize(snapshot: FieldSnapshot): GridSize {
  const [ax, ay] = snapshot.axes;
  for (const [k, axis] of [ax, ay].entries()) {
    if (!Number.isInteger(axis.n) || axis.n < 1) throw new Error(`snapshot.axes[${k}].n: must be a positive integer, got ${axis.n}`);
  }
  const count = ax.n * ay.n;
  if (snapshot.prediction.length !== count) {
    throw new Error(`snapshot.prediction: has ${snapshot.prediction.length} values, expected ${ax.n}×${ay.n} = ${count}`);
  }
  if (snapshot.exact && snapshot.exact.length !== count) {
    throw new Error(`snapshot.exact: has ${snapshot.exact.length} values, expected ${ax.n}×${ay.n} = ${count}`);
  }
  return { nx: ax.n, ny: ay.n };
}

/** The n evenly spaced node coordinates of an axis, from min to max inclusive. */
export function axisCoordinates(axis: AxisInfo): Float64Array {
  const coords = new Float64Array(axis.n);
  const step = axis.n > 1 ? (axis.max - axis.min) / (axis.n - 1) : 0;
  for (let i = 0; i < axis.n; i++) coords[i] = i === axis.n - 1 && axis.n > 1 ? axis.max : axis.min + i * step;
  return coords;
}

/** Whether a view can be drawn from this snapshot (exact and error need the exact solution). */
export function hasView(snapshot: FieldSnapshot, view: FieldView): boolean {
  return view === 'prediction' || snapshot.exact !== undefined;
}

/** The values of one view, one per grid node; throws when the view needs an exact solution the snapshot lacks. */
export function fieldValues(snapshot: FieldSnapshot, view: FieldView): Float32Array {
  gridSize(snapshot);
  if (view === 'prediction') return snapshot.prediction;
  const exact = snapshot.exact;
  if (!exact) {
    throw new Error(
      `view '${view}' needs the exact solution, but the snapshot of '${snapshot.unknown}' at iteration ${snapshot.iteration} has none; use view 'prediction'`,
    );
  }
  if (view === 'exact') return exact;
  if (view === 'error') return errorValues(snapshot.prediction, exact);
  throw new Error(`unknown field view '${String(view)}'; known: ${FIELD_VIEWS.join(', ')}`);
}

function errorValues(prediction: Float32Array, exact: Float32Array): Float32Array {
  const error = new Float32Array(prediction.length);
  for (let i = 0; i < error.length; i++) error[i] = prediction[i] - exact[i];
  return error;
}

/** The views a snapshot holds, in FIELD_VIEWS order. */
export function availableViews(snapshot: FieldSnapshot): FieldView[] {
  return FIELD_VIEWS.filter((view) => hasView(snapshot, view));
}

/** A short human description of the fixed coordinates of a slice, e.g. `z = 0.5`; empty when none. */
export function fixedText(snapshot: FieldSnapshot): string {
  return Object.entries(snapshot.fixed)
    .map(([name, value]) => `${name} = ${value}`)
    .join(', ');
}
