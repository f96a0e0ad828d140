/**
 * Accuracy against the exact solution on a dense regular grid (float64 exact values, computed
 * once), and field snapshots on a 2D slice for display and export.
 */
import type { AxisInfo, FieldSnapshot } from '../protocol/service';
import { lowerCorner, upperCorner } from '../problems/domain';
import { trueValues, type ProblemModel } from '../problems/problemModel';
import { gridPoints } from '../problems/sampler';
import { dropHolePoints, insideHole } from '../problems/holes';

const DEFAULT_GRID: Record<number, number> = { 1: 1001, 2: 256, 3: 48, 4: 20 };

export interface ErrorMetrics {
  /** Relative L2 over all unknowns that have an exact solution, stacked. */
  relL2: number;
  /** Per unknown: relL2_u, relL2_v, ... */
  perUnknown: Record<string, number>;
}

export class ErrorGrid {
  readonly points: Float64Array;
  private readonly exact: (Float64Array | undefined)[];

  constructor(private readonly model: ProblemModel, perAxis?: number) {
    const lo = lowerCorner(model.domain);
    const hi = upperCorner(model.domain);
    const n = perAxis ?? DEFAULT_GRID[lo.length];
    // Grid points inside a hole are not in the domain: left out.
    this.points = dropHolePoints(gridPoints(lo, hi, lo.map(() => n)), lo.length, model.domain.holes ?? []);
    this.exact = trueValues(model, this.points);
  }

  get hasExact(): boolean {
    return this.exact.some((e) => e !== undefined);
  }

  measure(predictions: Float32Array[]): ErrorMetrics | undefined {
    if (!this.hasExact) return undefined;
    let num = 0;
    let den = 0;
    const perUnknown: Record<string, number> = {};
    this.model.unknowns.forEach((unknown, q) => {
      const exact = this.exact[q];
      if (!exact) return;
      let e2 = 0;
      let u2 = 0;
      const pred = predictions[q];
      const shift = this.model.upToConstant.includes(unknown) ? this.meanDifference(pred, exact) : undefined;
      for (let i = 0; i < exact.length; i++) {
        const diff = pred[i] - (shift ? shift(i) : 0) - exact[i];
        e2 += diff * diff;
        u2 += exact[i] * exact[i];
      }
      perUnknown[`relL2_${unknown}`] = Math.sqrt(e2 / u2);
      num += e2;
      den += u2;
    });
    return { relL2: Math.sqrt(num / den), perUnknown };
  }

  /**
   * For an unknown known up to a constant (a pressure): the mean of prediction − exact, per time
   * level when the domain has time (the constant may then depend on t), as a function of the point.
   */
  private meanDifference(pred: Float32Array, exact: Float64Array): (i: number) => number {
    const d = this.model.coordinates.length;
    const timed = this.model.domain.time !== undefined;
    const levelOf = (i: number) => (timed ? this.points[i * d + d - 1] : 0);
    const sums = new Map<number, [number, number]>();
    for (let i = 0; i < exact.length; i++) {
      const entry = sums.get(levelOf(i)) ?? [0, 0];
      entry[0] += pred[i] - exact[i];
      entry[1] += 1;
      sums.set(levelOf(i), entry);
    }
    return (i) => {
      const [sum, count] = sums.get(levelOf(i))!;
      return sum / count;
    };
  }
}

/** The plane a snapshot shows: the first two coordinates; others fixed (time at its end, space at mid). */
export class SnapshotGrid {
  readonly axes: [AxisInfo, AxisInfo];
  readonly fixed: Record<string, number>;
  readonly points: Float64Array;
  private readonly exact: (Float32Array | undefined)[];

  constructor(private readonly model: ProblemModel, n: number) {
    const lo = lowerCorner(model.domain);
    const hi = upperCorner(model.domain);
    const names = model.coordinates;
    const d = names.length;
    const second = d >= 2 ? 1 : -1;
    this.axes = [
      { name: names[0], min: lo[0], max: hi[0], n },
      second >= 0 ? { name: names[1], min: lo[1], max: hi[1], n } : { name: '', min: 0, max: 1, n: 2 },
    ];
    this.fixed = {};
    for (let k = 2; k < d; k++) this.fixed[names[k]] = names[k] === 't' ? hi[k] : (lo[k] + hi[k]) / 2;
    const count = this.axes[0].n * this.axes[1].n;
    this.points = new Float64Array(count * d);
    for (let j = 0; j < this.axes[1].n; j++) {
      for (let i = 0; i < this.axes[0].n; i++) {
        const p = (j * this.axes[0].n + i) * d;
        this.points[p] = lo[0] + ((hi[0] - lo[0]) * i) / (n - 1);
        if (second >= 0) this.points[p + 1] = lo[1] + ((hi[1] - lo[1]) * j) / (n - 1);
        for (let k = 2; k < d; k++) this.points[p + k] = this.fixed[names[k]];
      }
    }
    this.exact = trueValues(model, this.points).map((values) => (values ? Float32Array.from(values) : undefined));
  }

  /** The snapshot with every unknown's values and the in-domain mask, for exports. */
  fullSnapshot(iteration: number, predictions: Float32Array[]): FieldSnapshot {
    const snapshot = this.snapshot(iteration, predictions);
    if (this.model.unknowns.length > 1) snapshot.fields = Object.fromEntries(this.model.unknowns.map((name, q) => [name, predictions[q]]));
    const holes = this.model.domain.holes ?? [];
    if (holes.length > 0) {
      const d = this.model.coordinates.length;
      snapshot.inDomain = Uint8Array.from({ length: this.points.length / d }, (_, i) => (insideHole(holes, this.points[i * d], this.points[i * d + 1]) ? 0 : 1));
    }
    return snapshot;
  }

  snapshot(iteration: number, predictions: Float32Array[], unknownIndex = 0): FieldSnapshot {
    const exact = this.exact[unknownIndex];
    return {
      iteration,
      unknown: this.model.unknowns[unknownIndex],
      axes: [{ ...this.axes[0] }, { ...this.axes[1] }],
      fixed: { ...this.fixed },
      prediction: predictions[unknownIndex],
      exact: exact ? exact.slice() : undefined,
    };
  }
}
