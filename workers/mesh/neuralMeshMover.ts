/**
 * The neural mesh mover (DMM; Hu et al., ICLR 2024, "Better neural PDE solvers through data-free
 * mesh movers"): a network outputs a potential φ(ξ) and the nodes move to x = ξ + ∇φ(ξ). It is
 * trained without any mesh data on the Monge–Ampère equation in equidistribution form,
 *   L = mean_ξ log( m(ξ + ∇φ) · det(I + H(φ)) )²  +  w · mean ( relu(−(1 + φ_xx))² + relu(−(1 + φ_yy))² ),
 * with the normalised monitor m (monitor.ts) and the convexity penalty on 1 + φ_xx, 1 + φ_yy.
 * The logarithm (our choice; the paper squares m·det − 1) weighs a cell too large by k and one too
 * small by k alike, which keeps the loss from being ruled by the front where m is 50× its mean.
 * The sliding boundary conditions φ_x = 0 on the x-walls and φ_y = 0 on the y-walls hold exactly:
 * the network reads (cos πs, cos πt) with s, t the box coordinates scaled to [0, 1], whose
 * derivatives vanish on the walls (a hard constraint instead of the paper's penalty). Half of the
 * training points are drawn uniformly, half in proportion to the monitor at their current image.
 * The network's last layer starts at zero, so training starts from the uniform mesh.
 *
 * Training (our choice, measured to matter): L-BFGS on fixed points, in stages that smooth the
 * monitor over a shrinking radius (a continuation from a wide front to the true one), new points
 * each stage. Adam, or L-BFGS on the unsmoothed monitor from the start, stalled on a steep front
 * with the uniform mesh's interpolation error.
 *
 * Operator mode: the network also reads a field's parameters (scaled to [−1, 1]) and is trained on
 * a set of fields of one parametric family; a new member's mesh is then one forward pass.
 *
 * Derivatives w.r.t. ξ come from the float64 Taylor jet in (c₁, c₂) = (cos πs, cos πt) by the
 * chain rule: φ_x = N_1 c₁', φ_xx = N_11 c₁'² + N_1 c₁'', φ_xy = N_12 c₁' c₂' (same for y).
 */
import type { LbfgsSpec } from '../config/schema';
import type { DerivativeRequest, MlpShape } from '../engine/taylorMlp';
import type { Rng } from '../engine/rng';
import { jetBackward, jetForward, parameterCount64, parameterOffsets, type JetAdjoint } from '../float64/jetMlp64';
import { lbfgsInit, lbfgsStep, type LbfgsState } from '../optimizers/lbfgs';
import { lbfgsFromState, lbfgsToState, type StateValue } from '../methods/methodState';
import { smoothedMonitor, type Monitor } from './monitor';
import type { MoverConstraints } from './winslowMover';
import { countInvertedCells } from './meshQuality';
import { uniformNodes, withNodes, type Box, type StructuredMesh } from './structuredMesh';

export interface NeuralMoverOptions {
  hidden: readonly number[];
  activation: string;
  /** Training points per field and stage. */
  points: number;
  convexityWeight: number;
  /** Monitor smoothing radii (fractions of the box sides), one stage each, widest first. */
  smoothing: readonly number[];
  /** L-BFGS iterations in all, split evenly over the stages. */
  iterations: number;
  /**
   * Fractions of the box's x side where ∂φ/∂x must vanish besides the walls (an O-grid's rays to
   * the box corners): the network reads cos πu with u piecewise linear, one unit per segment.
   */
  breaksX?: readonly number[];
}

/** One field the mover trains on: its monitor and (operator mode) its parameters in [−1, 1]. */
export interface TrainingField {
  monitor: Monitor;
  scaledParameters: readonly number[];
}

export interface NeuralStepReport {
  loss: number;
  equidistribution: number;
  convexity: number;
}

const REQUEST: DerivativeRequest = { first: [0, 1], second: [[0, 0], [0, 1], [1, 1]] };
const DET_FLOOR = 1e-3;
const GRADIENT_ONLY: DerivativeRequest = { first: [0, 1], second: [] };

interface PotentialJet {
  phiX: Float64Array;
  phiY: Float64Array;
  phiXX: Float64Array;
  phiXY: Float64Array;
  phiYY: Float64Array;
}

const LBFGS: LbfgsSpec = { name: 'lbfgs', iterations: 0, lr: 1, history: 50, maxEvaluations: 25, gradientTolerance: 1e-12, changeTolerance: 1e-15 };

export class NeuralMeshMover {
  readonly theta: Float64Array;
  readonly shape: MlpShape;
  private samples: Float64Array[] = [];
  private monitors: Monitor[] = [];
  private lbfgs: LbfgsState | undefined;
  private iteration = 0;
  private stage = -1;

  constructor(
    private readonly box: Box,
    private readonly fields: readonly TrainingField[],
    private readonly options: NeuralMoverOptions,
    private readonly rng: Rng,
  ) {
    const parameterCount = fields[0]?.scaledParameters.length ?? 0;
    this.shape = { inputs: 2 + parameterCount, hidden: options.hidden, outputs: 1, activation: options.activation };
    this.theta = glorotWithZeroOutput(this.shape, rng);
  }

  /**
   * One L-BFGS iteration on the loss summed over the training fields. Each stage of the
   * continuation smooths the monitors less and draws new points (where the current mesh puts them).
   */
  /** The step's losses, and its loss evaluations (the line search's and one for this report). */
  step(): NeuralStepReport & { evaluations: number; note?: string } {
    const stages = this.options.smoothing.length;
    const stage = Math.min(stages - 1, Math.floor((this.iteration * stages) / Math.max(1, this.options.iterations)));
    this.iteration++;
    if (stage !== this.stage || !this.lbfgs) {
      this.enterStage(stage);
      this.samples = this.monitors.map((monitor, index) => this.drawPoints(monitor, this.fields[index].scaledParameters));
      this.lbfgs = lbfgsInit(this.objective, Float64Array.from(this.theta));
    }
    const evaluationsBefore = this.lbfgs.evaluations;
    const result = lbfgsStep(LBFGS, this.objective, this.lbfgs);
    this.lbfgs = result.state;
    this.theta.set(result.state.x);
    const report = { ...this.total(this.theta).report, evaluations: result.state.evaluations - evaluationsBefore + 1 };
    return result.stopped ? { ...report, note: result.stopped } : report;
  }

  /** The monitors of a continuation stage: smoothed over that stage's radius. */
  private enterStage(stage: number): void {
    this.stage = stage;
    const radius = this.options.smoothing[stage];
    const [lx, ly] = [this.box.max[0] - this.box.min[0], this.box.max[1] - this.box.min[1]];
    this.monitors = this.fields.map((field) => (radius > 0 ? smoothedMonitor(field.monitor, [radius * lx, radius * ly]) : field.monitor));
  }

  /**
   * What training changed, for a checkpoint: θ, the L-BFGS state, the stage and its training
   * points (drawn where the mesh stood when the stage began, so they cannot be drawn again).
   */
  saveState(): StateValue {
    return {
      theta: Float64Array.from(this.theta),
      iteration: this.iteration,
      stage: this.stage,
      samples: this.samples.map((xi) => Float64Array.from(xi)),
      lbfgs: this.lbfgs ? lbfgsToState(this.lbfgs, []) : null,
    };
  }

  restoreState(value: StateValue): void {
    const state = value as { theta: Float64Array; iteration: number; stage: number; samples: Float64Array[]; lbfgs: StateValue | null };
    if (state.theta.length !== this.theta.length) throw new Error(`the checkpoint has ${state.theta.length} parameters, the network ${this.theta.length}`);
    this.theta.set(state.theta);
    this.iteration = state.iteration;
    if (state.stage >= 0) this.enterStage(state.stage);
    this.samples = state.samples.map((xi) => Float64Array.from(xi));
    this.lbfgs = state.lbfgs === null ? undefined : lbfgsFromState(state.lbfgs).state;
  }

  private readonly objective = (x: Float64Array) => {
    const { report, grad } = this.total(x);
    return { loss: report.loss, grad };
  };

  /** Mean loss and gradient over the fields at parameters x. */
  private total(x: Float64Array): { report: NeuralStepReport; grad: Float64Array } {
    this.theta.set(x);
    const grad = new Float64Array(x.length);
    const report = { loss: 0, equidistribution: 0, convexity: 0 };
    this.samples.forEach((xi, field) => {
      const one = this.lossAndGradient(xi, field);
      for (let i = 0; i < grad.length; i++) grad[i] += one.grad[i] / this.samples.length;
      report.loss += one.report.loss / this.samples.length;
      report.equidistribution += one.report.equidistribution / this.samples.length;
      report.convexity += one.report.convexity / this.samples.length;
    });
    return { report, grad };
  }

  /** The loss on the training points xi of field `field`, and its gradient w.r.t. θ. */
  lossAndGradient(xi: Float64Array, field: number): { report: NeuralStepReport; grad: Float64Array } {
    const monitor = this.monitors[field] ?? this.fields[field].monitor;
    const { scaledParameters } = this.fields[field];
    const n = xi.length / 2;
    const { jet, cache, chain } = this.forward(xi, scaledParameters, REQUEST);
    const phi = potentialJet(jet, chain);
    const adjoint = { phiX: new Float64Array(n), phiY: new Float64Array(n), phiXX: new Float64Array(n), phiXY: new Float64Array(n), phiYY: new Float64Array(n) };
    let [equidistribution, convexity] = [0, 0];
    const w = this.options.convexityWeight;
    const point = [0, 0];
    for (let p = 0; p < n; p++) {
      const [a, b, c] = [1 + phi.phiXX[p], 1 + phi.phiYY[p], phi.phiXY[p]];
      point[0] = xi[2 * p] + phi.phiX[p];
      point[1] = xi[2 * p + 1] + phi.phiY[p];
      const m = monitor.value(point);
      const [mx, my] = monitor.gradient(point);
      const det = a * b - c * c;
      // r = log(m·det), continued linearly below det = ε so a folded point still has a gradient.
      const logDet = det > DET_FLOOR ? Math.log(det) : Math.log(DET_FLOOR) + (det - DET_FLOOR) / DET_FLOOR;
      const dLogDet = 1 / Math.max(det, DET_FLOOR);
      const r = Math.log(m) + logDet;
      equidistribution += r * r;
      const g = (2 * r) / n;
      adjoint.phiXX[p] += g * dLogDet * b;
      adjoint.phiYY[p] += g * dLogDet * a;
      adjoint.phiXY[p] += g * dLogDet * -2 * c;
      adjoint.phiX[p] += (g * mx) / m;
      adjoint.phiY[p] += (g * my) / m;
      if (a < 0) {
        convexity += a * a;
        adjoint.phiXX[p] += (2 * w * a) / n;
      }
      if (b < 0) {
        convexity += b * b;
        adjoint.phiYY[p] += (2 * w * b) / n;
      }
    }
    const grad = jetBackward(cache, networkAdjoint(adjoint, chain));
    equidistribution /= n;
    convexity /= n;
    return { report: { loss: equidistribution + w * convexity, equidistribution, convexity }, grad };
  }

  /**
   * The moved mesh for a field (its scaled parameters): nodes ξ + t∇φ(ξ) with the largest
   * t ∈ {1, ½, ¼, …} that inverts no cell (t = 0 is the uniform mesh), and that t.
   */
  move(mesh: StructuredMesh, scaledParameters: readonly number[] = this.fields[0]?.scaledParameters ?? [], constraints: MoverConstraints = {}): { mesh: StructuredMesh; scale: number } {
    const reference = uniformNodes(mesh.cells, mesh.box);
    const gradient = this.displacement(reference, scaledParameters);
    // Held nodes (an O-grid's rays to the box corners) keep ξ: a hard rule applied to the move, not trained.
    for (const k of constraints.holdX ?? []) gradient[2 * k] = 0;
    const valid = constraints.valid ?? ((nodes: Float64Array) => countInvertedCells(withNodes(mesh, nodes)) === 0);
    for (let t = 1; t > 1e-3; t /= 2) {
      const nodes = displaced(reference, gradient, t, mesh);
      if (valid(nodes)) return { mesh: withNodes(mesh, nodes), scale: t };
    }
    return { mesh: withNodes(mesh, reference), scale: 0 };
  }

  /** ∇φ at the points (x, y pairs). */
  displacement(points: Float64Array, scaledParameters: readonly number[]): Float64Array {
    const { jet, chain } = this.forward(points, scaledParameters, GRADIENT_ONLY);
    const out = new Float64Array(points.length);
    const [n1, n2] = [jet.get('0')!, jet.get('1')!];
    for (let p = 0; p < out.length / 2; p++) {
      out[2 * p] = n1[p] * chain.c1[p];
      out[2 * p + 1] = n2[p] * chain.c2[p];
    }
    return out;
  }

  private forward(xi: Float64Array, scaledParameters: readonly number[], request: DerivativeRequest) {
    const n = xi.length / 2;
    const d = this.shape.inputs;
    const inputs = new Float64Array(n * d);
    const chain = { c1: new Float64Array(n), c2: new Float64Array(n), c11: new Float64Array(n), c22: new Float64Array(n) };
    const [lx, ly] = [this.box.max[0] - this.box.min[0], this.box.max[1] - this.box.min[1]];
    for (let p = 0; p < n; p++) {
      // u runs 0 → 1 along x, or 0 → k over k segments (breaksX): cos πu is flat at every break.
      const [u, du] = this.segmentCoordinate((xi[2 * p] - this.box.min[0]) / lx);
      const s = Math.PI * u;
      const t = Math.PI * ((xi[2 * p + 1] - this.box.min[1]) / ly);
      inputs[p * d] = Math.cos(s);
      inputs[p * d + 1] = Math.cos(t);
      for (let q = 0; q < scaledParameters.length; q++) inputs[p * d + 2 + q] = scaledParameters[q];
      chain.c1[p] = (-Math.PI * Math.sin(s) * du) / lx;
      chain.c2[p] = (-Math.PI * Math.sin(t)) / ly;
      chain.c11[p] = (-Math.PI * Math.PI * Math.cos(s) * du * du) / (lx * lx);
      chain.c22[p] = (-Math.PI * Math.PI * Math.cos(t)) / (ly * ly);
    }
    const map = { center: new Array(d).fill(0), invHalfWidth: new Array(d).fill(1) };
    const { jet, cache } = jetForward(this.shape, map, this.theta, inputs, request);
    return { jet, cache, chain };
  }

  /** The segment coordinate u(r) of r ∈ [0, 1] (segment index + fraction) and du/dr. */
  private segmentCoordinate(r: number): [number, number] {
    const breaks = this.options.breaksX ?? [];
    if (breaks.length === 0) return [r, 1];
    const ends = [0, ...breaks, 1];
    let f = 0;
    while (f < ends.length - 2 && r >= ends[f + 1]) f++;
    const width = ends[f + 1] - ends[f];
    return [f + (r - ends[f]) / width, 1 / width];
  }

  /** Training points of one field: half uniform in the box, half ∝ the monitor at their current image. */
  private drawPoints(monitor: Monitor, scaledParameters: readonly number[]): Float64Array {
    const n = this.options.points;
    const candidates = this.uniformPoints(4 * n);
    const image = this.displacement(candidates, scaledParameters);
    const weights = new Float64Array(4 * n);
    const point = [0, 0];
    let total = 0;
    for (let p = 0; p < 4 * n; p++) {
      point[0] = candidates[2 * p] + image[2 * p];
      point[1] = candidates[2 * p + 1] + image[2 * p + 1];
      total += weights[p] = monitor.value(point);
    }
    const xi = new Float64Array(2 * n);
    xi.set(candidates.subarray(0, n));
    // Systematic resampling of the other half by the monitor weights.
    const half = n - Math.floor(n / 2);
    let [cumulative, p] = [weights[0], 0];
    for (let q = 0; q < half; q++) {
      const target = ((q + this.rng.uniform()) / half) * total;
      while (cumulative < target && p < 4 * n - 1) cumulative += weights[++p];
      xi[2 * (n - half + q)] = candidates[2 * p];
      xi[2 * (n - half + q) + 1] = candidates[2 * p + 1];
    }
    return xi;
  }

  private uniformPoints(n: number): Float64Array {
    const out = new Float64Array(2 * n);
    for (let p = 0; p < n; p++) {
      out[2 * p] = this.box.min[0] + this.rng.uniform() * (this.box.max[0] - this.box.min[0]);
      out[2 * p + 1] = this.box.min[1] + this.rng.uniform() * (this.box.max[1] - this.box.min[1]);
    }
    return out;
  }
}

type Chain = { c1: Float64Array; c2: Float64Array; c11: Float64Array; c22: Float64Array };

function potentialJet(jet: Map<string, Float64Array>, chain: Chain): PotentialJet {
  const [n1, n2, n11, n12, n22] = ['0', '1', '0,0', '0,1', '1,1'].map((key) => jet.get(key)!);
  const n = n1.length;
  const out = { phiX: new Float64Array(n), phiY: new Float64Array(n), phiXX: new Float64Array(n), phiXY: new Float64Array(n), phiYY: new Float64Array(n) };
  for (let p = 0; p < n; p++) {
    const [c1, c2] = [chain.c1[p], chain.c2[p]];
    out.phiX[p] = n1[p] * c1;
    out.phiY[p] = n2[p] * c2;
    out.phiXX[p] = n11[p] * c1 * c1 + n1[p] * chain.c11[p];
    out.phiYY[p] = n22[p] * c2 * c2 + n2[p] * chain.c22[p];
    out.phiXY[p] = n12[p] * c1 * c2;
  }
  return out;
}

/** The adjoint of potentialJet: ∂L/∂(network jet) from ∂L/∂(φ jet). */
function networkAdjoint(bar: PotentialJet, chain: Chain): JetAdjoint {
  const n = bar.phiX.length;
  const [a1, a2, a11, a12, a22] = [0, 1, 2, 3, 4].map(() => new Float64Array(n));
  for (let p = 0; p < n; p++) {
    const [c1, c2] = [chain.c1[p], chain.c2[p]];
    a1[p] = bar.phiX[p] * c1 + bar.phiXX[p] * chain.c11[p];
    a2[p] = bar.phiY[p] * c2 + bar.phiYY[p] * chain.c22[p];
    a11[p] = bar.phiXX[p] * c1 * c1;
    a22[p] = bar.phiYY[p] * c2 * c2;
    a12[p] = bar.phiXY[p] * c1 * c2;
  }
  return new Map([
    ['0', a1],
    ['1', a2],
    ['0,0', a11],
    ['0,1', a12],
    ['1,1', a22],
  ]);
}

function displaced(reference: Float64Array, gradient: Float64Array, t: number, mesh: StructuredMesh): Float64Array {
  const [nx, ny] = mesh.cells;
  const out = new Float64Array(reference.length);
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const k = j * (nx + 1) + i;
      // The walls hold exactly (sin π rounds to 1e-16, not 0).
      out[2 * k] = i === 0 || i === nx ? reference[2 * k] : reference[2 * k] + t * gradient[2 * k];
      out[2 * k + 1] = j === 0 || j === ny ? reference[2 * k + 1] : reference[2 * k + 1] + t * gradient[2 * k + 1];
    }
  }
  return out;
}

/** Glorot-normal hidden layers, zero output layer (φ ≡ 0: the uniform mesh). */
function glorotWithZeroOutput(shape: MlpShape, rng: Rng): Float64Array {
  const theta = new Float64Array(parameterCount64(shape));
  const sizes = [shape.inputs, ...shape.hidden, shape.outputs];
  const offsets = parameterOffsets(shape);
  for (let l = 0; l + 1 < sizes.length - 1; l++) {
    const std = Math.sqrt(2 / (sizes[l] + sizes[l + 1]));
    for (let i = 0; i < sizes[l] * sizes[l + 1]; i++) theta[offsets[l].weight + i] = std * rng.normal();
  }
  return theta;
}
