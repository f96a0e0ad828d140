/**
 * A parameter trajectory kept in bounded memory: a snapshot every `every` iterations until
 * `max` are held, then every other one is dropped and the stride doubles, so the snapshots
 * always span the whole run at an even spacing. The latest parameters are kept apart, so the
 * end point is always there. Memory is also capped in numbers (MAX_VALUES), whatever `max` says.
 */

/** At most this many float64 values (128 MiB) in one trajectory, whatever the network's size. */
export const MAX_VALUES = 2 ** 24;

export interface TrajectorySettings {
  /** Record every this many iterations (at the start). */
  every: number;
  /** Hold at most this many snapshots. */
  max: number;
}

export interface TrajectoryData {
  /** The iteration of each snapshot, increasing; the last is the latest recorded. */
  iterations: number[];
  parameterCount: number;
  /** The stride in force when the data was taken. */
  every: number;
  /** Snapshots, row-major: snapshot k is values[k·P … (k+1)·P). */
  values: Float64Array;
}

export class ThinnedTrajectory {
  private stride: number;
  private readonly capacity: number;
  private readonly rows: { iteration: number; theta: Float64Array }[] = [];
  private latest: { iteration: number; theta: Float64Array } | undefined;

  constructor(
    readonly parameterCount: number,
    settings: TrajectorySettings,
  ) {
    if (!(settings.every >= 1 && settings.max >= 2)) throw new Error(`trajectory: every must be ≥ 1 and max ≥ 2 (got ${settings.every}, ${settings.max})`);
    this.stride = settings.every;
    this.capacity = Math.max(2, Math.min(settings.max, Math.floor(MAX_VALUES / Math.max(1, parameterCount))));
  }

  /** Whether the snapshot of this iteration would be kept (so the caller can skip copying parameters). */
  wants(iteration: number): boolean {
    return iteration % this.stride === 0;
  }

  get every(): number {
    return this.stride;
  }

  get size(): number {
    return this.rows.length;
  }

  /** Offers the parameters after `iteration`; kept when the iteration is on the stride (else ignored). `theta` is copied. */
  record(iteration: number, theta: ArrayLike<number>): void {
    if (theta.length !== this.parameterCount) throw new Error(`trajectory: expected ${this.parameterCount} parameters, got ${theta.length}`);
    if (!this.wants(iteration)) return;
    this.latest = undefined;
    this.rows.push({ iteration, theta: Float64Array.from(theta) });
    if (this.rows.length >= this.capacity) this.thin();
  }

  /** Keeps the end point (the final parameters) unless that iteration is already held. */
  recordFinal(iteration: number, theta: ArrayLike<number>): void {
    if (this.rows.at(-1)?.iteration === iteration) return;
    this.latest = { iteration, theta: Float64Array.from(theta) };
  }

  /** Drops the snapshots off the doubled stride (keeping the first), then doubles the stride. */
  private thin(): void {
    const doubled = this.stride * 2;
    const kept = this.rows.filter((row, k) => k === 0 || row.iteration % doubled === 0);
    this.rows.splice(0, this.rows.length, ...kept);
    this.stride = doubled;
  }

  /** The kept snapshots and the latest parameters, as one block. */
  data(): TrajectoryData {
    const rows = this.latest ? [...this.rows, this.latest] : this.rows;
    const values = new Float64Array(rows.length * this.parameterCount);
    rows.forEach((row, k) => values.set(row.theta, k * this.parameterCount));
    return { iterations: rows.map((row) => row.iteration), parameterCount: this.parameterCount, every: this.stride, values };
  }
}

/** Snapshot k of a trajectory, as a view. */
export function snapshotAt(data: TrajectoryData, k: number): Float64Array {
  return data.values.subarray(k * data.parameterCount, (k + 1) * data.parameterCount);
}
