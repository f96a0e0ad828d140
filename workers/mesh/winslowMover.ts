/**
 * The classical mesh mover: Winslow-type variable diffusion in computational coordinates
 * (Winslow 1967; Huang & Russell, "Adaptive Moving Mesh Methods", 2011),
 *   ∇_ξ · ( M(x) ∇_ξ x ) = 0,
 * discretised on the structured grid as "each node is the M-weighted mean of its neighbours",
 *   x_k = Σ_e w_e x_n(e) / Σ_e w_e,   w_e = mean of M along the edge e of the moved mesh,
 * which along any grid line is exact 1D equidistribution (w_e·|Δx_e| equal on every edge). Edge
 * weights are averaged along the edge (EDGE_SAMPLES points), not sampled at its midpoint, so a
 * front narrower than a cell is not missed. Wall nodes slide: on an x-wall only y moves, by the
 * same rule along the wall; corners stay.
 * One step is a Jacobi sweep x ← x + t (x̂ − x) with t = 1, ½, ¼, … until no cell is inverted,
 * so the mesh never folds (t → 0 keeps the current, valid mesh). The residual is the RMS of
 * (x̂ − x) over interior and wall nodes in units of the uniform spacing.
 * On a mapped geometry (meshGeometry.ts) the mover works on the logical mesh: `holdX` nodes move
 * along the second axis only (an O-grid's rays to the box corners, so no cell straddles the kink
 * of the map there) and `inverted` also checks the physical mesh.
 */
import type { Monitor } from './monitor';
import { countInvertedCells } from './meshQuality';
import { withNodes, type StructuredMesh } from './structuredMesh';

const EDGE_SAMPLES = 8;


export interface MoverStep {
  /** RMS of the Jacobi update x̂ − x before the step, over the uniform spacing. */
  residual: number;
  /** The fraction t of the update taken (0: refused). */
  step: number;
  /** Trial meshes checked (1 when the full step was valid, more after backtracking). */
  trials: number;
}

export interface MoverConstraints {
  /** Nodes whose first coordinate stays (they slide along the second axis only, like an x-wall's). */
  holdX?: readonly number[];
  /** Whether node positions make an acceptable mesh (default: no inverted cell). */
  valid?: (nodes: Float64Array) => boolean;
}

export class WinslowMover {
  private nodes: Float64Array;
  private lastResidual = Infinity;
  private readonly holdX: Set<number>;
  private readonly valid: (nodes: Float64Array) => boolean;

  constructor(
    private readonly mesh: StructuredMesh,
    private readonly monitor: Monitor,
    private readonly backtracks = 20,
    constraints: MoverConstraints = {},
  ) {
    this.nodes = Float64Array.from(mesh.nodes);
    this.holdX = new Set(constraints.holdX ?? []);
    this.valid = constraints.valid ?? ((nodes) => countInvertedCells(withNodes(this.mesh, nodes)) === 0);
  }

  /** The current node positions (of the mesh the mover was given). */
  get currentNodes(): Float64Array {
    return this.nodes;
  }

  get residual(): number {
    return this.lastResidual;
  }

  get movedMesh(): StructuredMesh {
    return withNodes(this.mesh, this.nodes);
  }

  /** The moved nodes and the last residual, for a checkpoint. */
  saveState(): { nodes: Float64Array; residual: number | null } {
    return { nodes: Float64Array.from(this.nodes), residual: Number.isFinite(this.lastResidual) ? this.lastResidual : null };
  }

  restoreState(state: { nodes: Float64Array; residual: number | null }): void {
    if (state.nodes.length !== this.nodes.length) throw new Error(`the checkpoint has ${state.nodes.length / 2} mesh nodes, the mesh ${this.nodes.length / 2}`);
    this.nodes = Float64Array.from(state.nodes);
    this.lastResidual = state.residual ?? Infinity;
  }

  step(): MoverStep {
    const target = this.jacobiTarget();
    const [nx, ny] = this.mesh.cells;
    const [hx, hy] = [(this.mesh.box.max[0] - this.mesh.box.min[0]) / nx, (this.mesh.box.max[1] - this.mesh.box.min[1]) / ny];
    let sum = 0;
    for (let k = 0; k < target.length; k += 2) sum += ((target[k] - this.nodes[k]) / hx) ** 2 + ((target[k + 1] - this.nodes[k + 1]) / hy) ** 2;
    this.lastResidual = Math.sqrt(sum / (target.length / 2));
    for (let attempt = 0, t = 1; attempt <= this.backtracks; attempt++, t /= 2) {
      const trial = new Float64Array(this.nodes.length);
      for (let k = 0; k < trial.length; k++) trial[k] = this.nodes[k] + t * (target[k] - this.nodes[k]);
      if (this.valid(trial)) {
        this.nodes = trial;
        return { residual: this.lastResidual, step: t, trials: attempt + 1 };
      }
    }
    return { residual: this.lastResidual, step: 0, trials: this.backtracks + 1 };
  }

  /** x̂: every node moved to the weighted mean of its grid neighbours (walls: along the wall). */
  private jacobiTarget(): Float64Array {
    const [nx, ny] = this.mesh.cells;
    const row = nx + 1;
    const nodes = this.nodes;
    // Weights of horizontal edges (k, k+1) and vertical edges (k, k+row).
    const horizontal = new Float64Array(row * (ny + 1));
    const vertical = new Float64Array(row * (ny + 1));
    for (let j = 0; j <= ny; j++) {
      for (let i = 0; i <= nx; i++) {
        const k = j * row + i;
        if (i < nx) horizontal[k] = this.edgeWeight(k, k + 1);
        if (j < ny) vertical[k] = this.edgeWeight(k, k + row);
      }
    }
    const target = Float64Array.from(nodes);
    for (let j = 0; j <= ny; j++) {
      for (let i = 0; i <= nx; i++) {
        const k = j * row + i;
        const onX = i === 0 || i === nx || this.holdX.has(k);
        const onY = j === 0 || j === ny;
        if (onX && onY) continue;
        let [wSum, xSum, ySum] = [0, 0, 0];
        const add = (n: number, w: number) => {
          wSum += w;
          xSum += w * nodes[2 * n];
          ySum += w * nodes[2 * n + 1];
        };
        // A wall node takes only its neighbours along the wall.
        if (!onY) {
          if (i > 0) add(k - 1, horizontal[k - 1]);
          if (i < nx) add(k + 1, horizontal[k]);
        }
        if (!onX) {
          if (j > 0) add(k - row, vertical[k - row]);
          if (j < ny) add(k + row, vertical[k]);
        }
        if (onX) {
          wSum = xSum = ySum = 0;
          add(k - row, vertical[k - row]);
          add(k + row, vertical[k]);
        } else if (onY) {
          wSum = xSum = ySum = 0;
          add(k - 1, horizontal[k - 1]);
          add(k + 1, horizontal[k]);
        }
        if (!onX) target[2 * k] = xSum / wSum;
        if (!onY) target[2 * k + 1] = ySum / wSum;
      }
    }
    return target;
  }

  private edgeWeight(a: number, b: number): number {
    const nodes = this.nodes;
    const point = [0, 0];
    let sum = 0;
    for (let s = 0; s < EDGE_SAMPLES; s++) {
      const t = (s + 0.5) / EDGE_SAMPLES;
      point[0] = (1 - t) * nodes[2 * a] + t * nodes[2 * b];
      point[1] = (1 - t) * nodes[2 * a + 1] + t * nodes[2 * b + 1];
      sum += this.monitor.value(point);
    }
    return sum / EDGE_SAMPLES;
  }
}
