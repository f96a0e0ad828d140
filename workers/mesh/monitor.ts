/**
 * The monitor of the moving-mesh methods (Hu et al., ICLR 2024, MM-PDE):
 *   M(x) = 1 + |∇u(x)| / (α · mean_Ω |∇u|)   (the paper's α is 0.01; the config's default is 1),
 * normalised to m = M / θ with θ = mean_Ω M, so that equidistribution reads m(x)·det(∂x/∂ξ) = 1
 * and ∫ m dx = |Ω|. Means are taken on a uniform grid of cell centres. ∇m = ∇|∇u| / (α·mean|∇u|·θ)
 * with ∇|∇u| = H∇u / |∇u| (smoothed at |∇u| = 0).
 */
import type { Box } from './structuredMesh';
import type { ScalarField } from './scalarField';

const MEAN_GRID = 400;

export interface Monitor {
  /** m(x) = M(x)/θ at [x, y, ...parameters]. */
  value(point: ArrayLike<number>): number;
  gradient(point: ArrayLike<number>): [number, number];
  /** θ = mean of M over the box. */
  theta: number;
  meanGradient: number;
}

export function buildMonitor(field: ScalarField, box: Box, alpha: number, parameters: readonly number[] = []): Monitor {
  const point = [0, 0, ...parameters];
  const at = (x: number, y: number) => {
    point[0] = x;
    point[1] = y;
    return point;
  };
  const norm = (x: number, y: number) => Math.hypot(...field.gradient(at(x, y)));
  let sum = 0;
  for (let j = 0; j < MEAN_GRID; j++) {
    for (let i = 0; i < MEAN_GRID; i++) {
      sum += norm(box.min[0] + ((i + 0.5) / MEAN_GRID) * (box.max[0] - box.min[0]), box.min[1] + ((j + 0.5) / MEAN_GRID) * (box.max[1] - box.min[1]));
    }
  }
  const meanGradient = sum / MEAN_GRID ** 2;
  // A constant field needs no adaptation: m ≡ 1.
  const scale = meanGradient > 0 ? 1 / (alpha * meanGradient) : 0;
  const theta = 1 + scale * meanGradient;
  const smoothing = 1e-12 * (meanGradient * meanGradient + 1);
  return {
    theta,
    meanGradient,
    value: (p) => (1 + scale * Math.hypot(...field.gradient(at(p[0], p[1])))) / theta,
    gradient: (p) => {
      const q = at(p[0], p[1]);
      const [gx, gy] = field.gradient(q);
      const [hxx, hxy, hyy] = field.hessian(q);
      const length = Math.sqrt(gx * gx + gy * gy + smoothing);
      const k = scale / (theta * length);
      return [k * (hxx * gx + hxy * gy), k * (hxy * gx + hyy * gy)];
    },
  };
}

/**
 * m averaged over a 4×4 stencil spanning ±¾·radius around x (value and
 * gradient alike): what a mesh with cells of about 2·radius can see of the monitor. Training on
 * it keeps the neural mover's gradients (∇m/m ~ 1/front width) from swamping the loss.
 */
export function smoothedMonitor(monitor: Monitor, radius: readonly [number, number]): Monitor {
  const offsets = [-0.75, -0.25, 0.25, 0.75];
  const point = [0, 0];
  const count = offsets.length * offsets.length;
  return {
    theta: monitor.theta,
    meanGradient: monitor.meanGradient,
    value: (p) => {
      let sum = 0;
      for (const oy of offsets) {
        for (const ox of offsets) {
          point[0] = p[0] + ox * radius[0];
          point[1] = p[1] + oy * radius[1];
          sum += monitor.value(point);
        }
      }
      return sum / count;
    },
    gradient: (p) => {
      let [gx, gy] = [0, 0];
      for (const oy of offsets) {
        for (const ox of offsets) {
          point[0] = p[0] + ox * radius[0];
          point[1] = p[1] + oy * radius[1];
          const [a, b] = monitor.gradient(point);
          gx += a;
          gy += b;
        }
      }
      return [gx / count, gy / count];
    },
  };
}
