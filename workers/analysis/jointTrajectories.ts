/**
 * Several runs' trajectories on one plane: the PCA of their snapshots taken together (Li et al.
 * 2018, §7, with the rows of every run stacked), centred on the reference run's last snapshot, so
 * one picture shows where each optimizer went relative to the others. Runs of different sizes
 * cannot share a parameter space: the caller leaves them out and says why. The PCA sees at most
 * `perRun` evenly spread snapshots of each run (the Gram matrix is quadratic in their number);
 * every snapshot is then projected onto the directions found.
 */
import { principalDirections, projectOnto } from './principalDirections';
import { snapshotAt, type TrajectoryData } from './thinnedTrajectory';

export interface JointInput {
  id: string;
  data: TrajectoryData;
}

export interface JointProjection {
  explained: number[];
  parameterCount: number;
  runs: { id: string; iterations: number[]; alpha: number[]; beta: number[] }[];
}

/** Up to `count` indices of 0..m−1, evenly spread, the first and last included. */
export function spreadIndices(m: number, count: number): number[] {
  if (m <= count) return Array.from({ length: m }, (_, i) => i);
  return [...new Set(Array.from({ length: count }, (_, i) => Math.round((i * (m - 1)) / (count - 1))))];
}

/** runs[0] is the reference (its last snapshot is the origin); every run must have the same parameter count. */
export function jointProjection(runs: readonly JointInput[], perRun = 60): JointProjection {
  if (runs.length === 0) throw new Error('joint trajectory: no runs');
  const P = runs[0].data.parameterCount;
  const other = runs.find((r) => r.data.parameterCount !== P);
  if (other) throw new Error(`joint trajectory: run ${other.id} has ${other.data.parameterCount} parameters, run ${runs[0].id} ${P}`);
  // The reference run's rows last, so principalDirections' 'final' centre is its last snapshot.
  const order = [...runs.slice(1), runs[0]];
  const picks = order.map((r) => spreadIndices(r.data.iterations.length, perRun));
  const count = picks.reduce((n, p) => n + p.length, 0);
  const values = new Float64Array(count * P);
  let row = 0;
  order.forEach((r, k) => picks[k].forEach((i) => values.set(snapshotAt(r.data, i), P * row++)));
  const stacked: TrajectoryData = { iterations: Array.from({ length: count }, (_, i) => i), parameterCount: P, every: 1, values };
  const pca = principalDirections(stacked, 2, 'final');
  return {
    explained: pca.explained,
    parameterCount: P,
    runs: runs.map(({ id, data }) => {
      const planar = data.iterations.map((_, k) => projectOnto(pca, snapshotAt(data, k)));
      return { id, iterations: data.iterations, alpha: planar.map((p) => p[0]), beta: planar.map((p) => p[1] ?? 0) };
    }),
  };
}

/** The training loss recorded at each iteration (the row of that iteration, else the latest before it); null where none. */
export function lossAtIterations(rows: readonly { iteration: number; loss: number }[], iterations: readonly number[]): (number | null)[] {
  return iterations.map((iteration) => {
    let lo = 0;
    let hi = rows.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].iteration <= iteration) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const loss = found >= 0 ? rows[found].loss : rows[0]?.loss;
    return loss !== undefined && Number.isFinite(loss) ? loss : null;
  });
}
