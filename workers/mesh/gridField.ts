/**
 * A scalar field given by values on a regular nx × ny grid (a saved run's snapshot), as a
 * ScalarField: bilinear interpolation of the values, of their central-difference gradient and of
 * the gradient's differences (the Hessian). Points outside the grid take the nearest edge's values.
 * Non-finite values (a grid node the run left out) count as the mean of the finite ones.
 */
import type { ScalarField } from './scalarField';

export interface GridAxis {
  min: number;
  max: number;
  n: number;
}

/** Values on the grid, node (i, j) at j·nx + i. */
export interface GridFieldData {
  axes: [GridAxis, GridAxis];
  values: ArrayLike<number>;
}

export function gridField(data: GridFieldData): ScalarField {
  const [ax, ay] = data.axes;
  const [nx, ny] = [ax.n, ay.n];
  if (!(nx >= 2 && ny >= 2)) throw new Error(`a grid field needs at least 2 nodes per axis, got ${nx} × ${ny}`);
  if (data.values.length !== nx * ny) throw new Error(`a ${nx} × ${ny} grid field needs ${nx * ny} values, got ${data.values.length}`);
  const [hx, hy] = [(ax.max - ax.min) / (nx - 1), (ay.max - ay.min) / (ny - 1)];
  let [sum, count] = [0, 0];
  for (let k = 0; k < data.values.length; k++) {
    if (Number.isFinite(data.values[k])) {
      sum += data.values[k];
      count++;
    }
  }
  const fill = count > 0 ? sum / count : 0;
  const u = Float64Array.from(data.values, (v) => (Number.isFinite(v) ? v : fill));
  const dx = differences(u, nx, ny, hx, 0);
  const dy = differences(u, nx, ny, hy, 1);
  const [dxx, dxy, dyy] = [differences(dx, nx, ny, hx, 0), differences(dx, nx, ny, hy, 1), differences(dy, nx, ny, hy, 1)];
  const bilinear = (grid: Float64Array, x: number, y: number): number => {
    const s = Math.min(nx - 1, Math.max(0, (x - ax.min) / hx));
    const t = Math.min(ny - 1, Math.max(0, (y - ay.min) / hy));
    const [i, j] = [Math.min(nx - 2, Math.floor(s)), Math.min(ny - 2, Math.floor(t))];
    const [a, b] = [s - i, t - j];
    const k = j * nx + i;
    return (1 - a) * (1 - b) * grid[k] + a * (1 - b) * grid[k + 1] + (1 - a) * b * grid[k + nx] + a * b * grid[k + nx + 1];
  };
  return {
    value: (p) => bilinear(u, p[0], p[1]),
    gradient: (p) => [bilinear(dx, p[0], p[1]), bilinear(dy, p[0], p[1])],
    hessian: (p) => [bilinear(dxx, p[0], p[1]), bilinear(dxy, p[0], p[1]), bilinear(dyy, p[0], p[1])],
  };
}

/** Central differences along one axis (one-sided at the ends). */
function differences(u: Float64Array, nx: number, ny: number, h: number, axis: 0 | 1): Float64Array {
  const out = new Float64Array(u.length);
  const [n, stride] = axis === 0 ? [nx, 1] : [ny, nx];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      const m = axis === 0 ? i : j;
      const [lo, hi] = [m > 0 ? k - stride : k, m < n - 1 ? k + stride : k];
      out[k] = (u[hi] - u[lo]) / (h * ((hi - lo) / stride));
    }
  }
  return out;
}
