/**
 * A trajectory on disk: `trajectory.json` (a header: iterations, sizes, settings) beside
 * `trajectory.f64` (the snapshots, little-endian float64, row-major, one row per iteration).
 * Encoding and decoding are pure; the run folder writes the bytes atomically.
 */
import type { TrajectoryData } from './thinnedTrajectory';

export const TRAJECTORY_HEADER = 'trajectory.json';
export const TRAJECTORY_VALUES = 'trajectory.f64';
const FORMAT = 'pde-workbench-trajectory/1';

export interface TrajectoryHeader {
  format: typeof FORMAT;
  values: typeof TRAJECTORY_VALUES;
  dtype: 'float64-le';
  parameterCount: number;
  count: number;
  /** The stride between snapshots when the run ended (it doubles as the recorder thins). */
  every: number;
  iterations: number[];
  /** The parameter blocks' shapes, as in parameters.json. */
  shapes: [number, number][];
}

export function encodeTrajectory(data: TrajectoryData, shapes: [number, number][]): { header: TrajectoryHeader; bytes: Uint8Array } {
  const bytes = new Uint8Array(data.values.length * 8);
  const view = new DataView(bytes.buffer);
  data.values.forEach((v, i) => view.setFloat64(i * 8, v, true));
  const header: TrajectoryHeader = {
    format: FORMAT,
    values: TRAJECTORY_VALUES,
    dtype: 'float64-le',
    parameterCount: data.parameterCount,
    count: data.iterations.length,
    every: data.every,
    iterations: data.iterations,
    shapes,
  };
  return { header, bytes };
}

export function decodeTrajectory(header: unknown, bytes: Uint8Array): TrajectoryData & { shapes: [number, number][] } {
  const h = header as Partial<TrajectoryHeader>;
  if (h?.format !== FORMAT) throw new Error(`${TRAJECTORY_HEADER}: format must be '${FORMAT}', got ${JSON.stringify(h?.format)}`);
  const count = h.count ?? 0;
  const P = h.parameterCount ?? 0;
  if (!Array.isArray(h.iterations) || h.iterations.length !== count) throw new Error(`${TRAJECTORY_HEADER}: iterations must list ${count} entries`);
  if (bytes.length !== count * P * 8) throw new Error(`${TRAJECTORY_VALUES}: expected ${count * P * 8} bytes (${count} × ${P} float64), got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = Float64Array.from({ length: count * P }, (_, i) => view.getFloat64(i * 8, true));
  return { iterations: h.iterations, parameterCount: P, every: h.every ?? 1, values, shapes: h.shapes ?? [] };
}
