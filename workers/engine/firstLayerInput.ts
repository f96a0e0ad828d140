/**
 * What the first layer of a network reads at a point, with its input derivatives: x̂ = (x − c)·s per
 * plain axis, and (cos ωx, sin ωx), ω = 2π/P, per axis with a period P (MlpShape.periods). A network
 * of periodic features takes the same value, with every derivative, at x and x + P: the periodic
 * condition holds by construction, where a penalty on paired boundary points only approaches it.
 */
import type { ChannelPlan } from '../float64/jetMlp64';
import type { InputMap, MlpShape } from './taylorMlp';

/** Columns of the first layer's input: one per plain axis, two per periodic one. */
export function inputWidth(shape: MlpShape): number {
  return shape.inputs + (shape.periods ?? []).filter((period) => period !== null && period !== undefined).length;
}

export const hasPeriodicInputs = (shape: MlpShape): boolean => inputWidth(shape) !== shape.inputs;

/** For the engines without periodic features (tfjs, the plain-JavaScript float64 one). */
export function requirePlainInputs(shape: MlpShape, engine: string): void {
  if (hasPeriodicInputs(shape)) throw new Error(`network.periodicEmbedding: periodic input features run on the WebAssembly jet engine only, not on ${engine}`);
}

/**
 * Writes the first layer's input jet of points [start, start + m) of x (d per point) into `out`,
 * laid out channel-major: element ((c·m + p)·width + column) for channel c of plan (value, first
 * derivatives, then second derivatives) and point p.
 */
export function writeFirstLayerInput(out: Float32Array | Float64Array, x: Float64Array, start: number, m: number, shape: MlpShape, map: InputMap, plan: ChannelPlan): void {
  const d = shape.inputs;
  const width = inputWidth(shape);
  out.fill(0, 0, plan.channels * m * width);
  const row = (channel: number, p: number) => (channel * m + p) * width;
  let column = 0;
  for (let r = 0; r < d; r++) {
    const period = shape.periods?.[r];
    const firstChannel = 1 + plan.firstDims.indexOf(r);
    const secondChannel = 1 + plan.firstDims.length + plan.pairs.findIndex(([i, j]) => i === r && j === r);
    for (let p = 0; p < m; p++) {
      const value = x[(start + p) * d + r];
      if (period === null || period === undefined) {
        out[row(0, p) + column] = (value - map.center[r]) * map.invHalfWidth[r];
        if (firstChannel > 0) out[row(firstChannel, p) + column] = map.invHalfWidth[r];
        continue;
      }
      const omega = (2 * Math.PI) / period;
      const [cos, sin] = [Math.cos(omega * value), Math.sin(omega * value)];
      out[row(0, p) + column] = cos;
      out[row(0, p) + column + 1] = sin;
      if (firstChannel > 0) {
        out[row(firstChannel, p) + column] = -omega * sin;
        out[row(firstChannel, p) + column + 1] = omega * cos;
      }
      if (secondChannel > plan.firstDims.length) {
        out[row(secondChannel, p) + column] = -omega * omega * cos;
        out[row(secondChannel, p) + column + 1] = -omega * omega * sin;
      }
    }
    column += period === null || period === undefined ? 1 : 2;
  }
}
