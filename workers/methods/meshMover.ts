/**
 * The mesh-mover method: moves a structured mesh on the problem's box to a field, with the
 * classical Winslow variable diffusion (one Jacobi sweep per iteration) or the neural DMM (one
 * L-BFGS iteration per iteration). predict() is the piecewise-linear interpolant on the current moved
 * mesh, so the runner's relL2 is the interpolation error; finalMetrics() adds the fine-grid
 * interpolation errors (uniform and moved), their ratio, and the mesh quality; meshExport() hands
 * the moved mesh and the field at its nodes to the exporters.
 */
import type { MeshMoverSpec, RunConfigOf } from '../config/schema';
import { Rng } from '../engine/rng';
import type { ProblemModel } from '../problems/problemModel';
import { coordinateNames } from '../problems/domain';
import { expressionField, type ScalarField } from '../mesh/scalarField';
import { buildMonitor, type Monitor } from '../mesh/monitor';
import { uniformMesh, withNodes, type Box, type StructuredMesh } from '../mesh/structuredMesh';
import { gridField } from '../mesh/gridField';
import { meshOverlay, type MeshComparisonEntry, type MeshOverlay } from '../mesh/meshOverlay';
import type { RunFieldData } from '../mesh/runFieldData';
import { boxGeometry, validOn, type MeshGeometry } from '../mesh/meshGeometry';
import { diskGeometry } from '../mesh/diskGeometry';
import { cellEquidistributionResidual } from '../mesh/equidistribution';
import { WinslowMover } from '../mesh/winslowMover';
import { NeuralMeshMover } from '../mesh/neuralMeshMover';
import { fineGrid, interpolationError, nodeValues } from '../mesh/interpolationError';
import { cellAreas, meshQuality } from '../mesh/meshQuality';
import { TriangleLocator } from '../mesh/triangleLocator';
import { DivergenceError, type SavedParameters, type SolverMethod, type StepReport } from './method';
import { checkKind, type MethodState, type StateValue } from './methodState';

const STATE_KIND = 'mesh-mover/1';

/** The moved mesh as the exporters need it. */
export interface MeshExport {
  type: StructuredMesh['type'];
  cells: [number, number];
  nodes: Float64Array;
  connectivity: Uint32Array;
  /** The field at the nodes. */
  values: Float64Array;
  /** Names of the two coordinates and of the field. */
  axes: [string, string];
  /** The time of the field (a followed series). */
  t?: number;
}

const HELD_OUT = 4;
/** The side-by-side's fine grid and the classical reference's sweeps in a neural run. */
const COMPARISON_ERROR_GRID = 512;
const COMPARISON_SWEEPS = 300;
/** Fine-grid points per axis for each time of a followed series. */
const SERIES_ERROR_GRID = 256;
const HELD_OUT_SEED = 987654321;

export class MeshMoverMethod implements SolverMethod {
  readonly totalIterations: number;
  iteration = 0;
  private readonly spec: MeshMoverSpec;
  private readonly box: Box;
  private readonly geometry: MeshGeometry;
  private readonly uniform: StructuredMesh;
  private field: ScalarField;
  private readonly targetParameters: number[];
  private monitor: Monitor;
  private classical?: WinslowMover;
  /** A saved run's field (one frame, or a time series the mesh follows). */
  private readonly runField?: RunFieldData;
  private frame = 0;
  private readonly series: MeshExport[] = [];
  private comparison?: MeshComparisonEntry[];
  private readonly neural?: NeuralMeshMover;
  private readonly axes: [string, string];
  private targetScaled: number[] = [];
  private cached?: { iteration: number; mesh: StructuredMesh; scale: number; moveMs: number };

  constructor(config: RunConfigOf<MeshMoverSpec>, _model: ProblemModel, rng: Rng, runField?: RunFieldData) {
    this.spec = config.method;
    const domain = config.problem.domain;
    this.box = { min: [domain.min[0], domain.min[1]], max: [domain.max[0], domain.max[1]] };
    this.axes = coordinateNames(domain) as [string, string];
    if (typeof this.spec.field === 'object' && !runField) throw new Error(`method.field.run: the fields of run '${this.spec.field.run}' were not loaded`);
    this.runField = typeof this.spec.field === 'object' ? runField : undefined;
    // A series: `iterations` sweeps per saved time, each starting from the previous time's mesh.
    this.totalIterations = this.spec.iterations * (this.runField?.frames.length ?? 1);
    const holes = domain.holes ?? [];
    // A box minus a disk gets an O-grid (cells [round, out]); the movers move its logical mesh.
    this.geometry = holes.length === 1 ? diskGeometry(this.spec.mesh.type, this.spec.mesh.cells, this.box, holes[0]) : boxGeometry(uniformMesh(this.spec.mesh.type, this.spec.mesh.cells, this.box));
    this.uniform = this.geometry.physical(this.geometry.logical.nodes);
    const operator = this.spec.operator;
    const parameterNames = Object.keys(operator?.parameters ?? {});
    // The config checks guarantee a field: method.field or the problem's exact solution.
    this.field = this.runField ? this.frameField(0) : expressionField((this.spec.field as string | undefined) ?? (config.problem.exact as string), this.axes, parameterNames);
    this.targetParameters = parameterNames.map((name) => operator!.target[name]);
    this.monitor = buildMonitor(this.field, this.box, this.spec.alpha, this.targetParameters);
    if (this.spec.mover === 'classical') {
      this.classical = new WinslowMover(this.geometry.logical, this.geometry.logicalMonitor(this.monitor), 20, this.constraints);
      return;
    }
    const scale = (name: string, v: number) => {
      const [lo, hi] = operator!.parameters[name];
      return (2 * (v - lo)) / (hi - lo) - 1;
    };
    const training = operator
      ? Array.from({ length: operator.fields }, () => {
          const values = parameterNames.map((name) => {
            const [lo, hi] = operator.parameters[name];
            return lo + rng.uniform() * (hi - lo);
          });
          return { monitor: this.geometry.logicalMonitor(buildMonitor(this.field, this.box, this.spec.alpha, values)), scaledParameters: values.map((v, i) => scale(parameterNames[i], v)) };
        })
      : [{ monitor: this.geometry.logicalMonitor(this.monitor), scaledParameters: [] }];
    this.neural = new NeuralMeshMover(
      this.geometry.logical.box,
      training,
      {
        hidden: config.network.hidden,
        activation: config.network.activation,
        points: operator ? Math.max(64, Math.round(this.spec.points / operator.fields)) : this.spec.points,
        convexityWeight: this.spec.convexityWeight,
        smoothing: this.spec.smoothing,
        iterations: this.spec.iterations,
        breaksX: this.geometry.breaksX,
      },
      rng,
    );
    this.targetScaled = this.targetParameters.map((v, i) => scale(parameterNames[i], v));
  }

  get finished(): boolean {
    return this.iteration >= this.totalIterations;
  }

  private frameField(frame: number): ScalarField {
    return gridField(this.runField!.frames[frame]);
  }

  /** Series: at the end of a time's sweeps, keep its mesh and move on to the next time's field. */
  private nextFrame(): void {
    this.series.push(this.meshExport());
    this.frame++;
    this.field = this.frameField(this.frame);
    this.monitor = buildMonitor(this.field, this.box, this.spec.alpha);
    this.classical = new WinslowMover(withNodes(this.geometry.logical, Float64Array.from(this.classical!.currentNodes)), this.geometry.logicalMonitor(this.monitor), 20, this.constraints);
    this.cached = undefined;
  }

  /** The time of the field the mesh follows now (series only). */
  get fieldTime(): number | undefined {
    return this.runField?.frames[this.frame]?.t;
  }

  step(): StepReport {
    const frames = this.runField?.frames.length ?? 1;
    if (frames > 1 && this.iteration > 0 && this.iteration % this.spec.iterations === 0 && this.frame + 1 < frames) this.nextFrame();
    if (this.classical) {
      const before = this.classical.saveState();
      const report = this.classical.step();
      this.checkFinite('winslow', { residual: report.residual }, () => this.classical!.restoreState(before));
      this.iteration++;
      const t = this.fieldTime;
      return { optimizer: 'winslow', loss: report.residual, terms: { residual: report.residual, step: report.step, ...(t === undefined ? {} : { fieldTime: t }) }, evaluations: report.trials };
    }
    const before = this.neural!.saveState();
    const report = this.neural!.step();
    const terms = { equidistribution: report.equidistribution, convexity: report.convexity };
    this.checkFinite('lbfgs', this.neural!.theta.every(Number.isFinite) ? terms : { ...terms, parameters: NaN }, () => this.neural!.restoreState(before));
    this.iteration++;
    return { optimizer: 'lbfgs', loss: report.loss, terms, note: report.note, evaluations: report.evaluations };
  }

  /** Stops on a non-finite term (or parameters), naming it; `restore` puts the last finite state back. */
  private checkFinite(optimizer: string, terms: Record<string, number>, restore: () => void): void {
    const bad = Object.entries(terms).find(([, v]) => !Number.isFinite(v));
    if (!bad) return;
    restore();
    const what = bad[0] === 'parameters' ? 'the network parameters are not finite' : `${bad[0]} is ${bad[1]}`;
    throw new DivergenceError(`diverged at iteration ${this.iteration + 1} (${optimizer}): ${what}; the mesh restored to the last finite one`);
  }

  // --- checkpoint / resume (methodState.ts) ---

  checkpoint(): MethodState {
    const data: { [key: string]: StateValue } = this.classical ? { winslow: this.classical.saveState() } : { neural: this.neural!.saveState() };
    return { kind: STATE_KIND, iteration: this.iteration, data };
  }

  restore(state: MethodState): void {
    checkKind(state, STATE_KIND);
    // The meshes of the times already passed are not in a checkpoint.
    if ((this.runField?.frames.length ?? 1) > 1) throw new Error('a mesh that follows a run in time cannot resume: run it again from the start');
    const data = state.data as { winslow?: { nodes: Float64Array; residual: number | null }; neural?: StateValue };
    const mover = this.classical ? 'classical' : 'neural';
    if ((mover === 'classical') !== (data.winslow !== undefined)) throw new Error(`the checkpoint was written by a ${mover === 'classical' ? 'neural' : 'classical'} mover, the config asks for a ${mover} one`);
    if (this.classical) this.classical.restoreState(data.winslow!);
    else this.neural!.restoreState(data.neural!);
    this.iteration = state.iteration;
    this.cached = undefined;
  }

  /** The moved mesh now (cached per iteration), the neural scale t of ∇φ, and the time the move took. */
  movedMesh(): { mesh: StructuredMesh; scale: number; moveMs: number } {
    if (this.cached?.iteration === this.iteration) return this.cached;
    const started = performance.now();
    const moved = this.classical ? { nodes: this.classical.currentNodes, scale: 1 } : this.logicalMove(this.targetScaled);
    this.cached = { iteration: this.iteration, mesh: this.geometry.physical(moved.nodes), scale: moved.scale, moveMs: performance.now() - started };
    return this.cached;
  }

  private get constraints() {
    return { holdX: this.geometry.holdX, valid: validOn(this.geometry) };
  }

  private logicalMove(scaled: readonly number[]): { nodes: Float64Array; scale: number } {
    const { mesh, scale } = this.neural!.move(this.geometry.logical, scaled, this.constraints);
    return { nodes: mesh.nodes, scale };
  }

  private grid(value: (x: number, y: number) => number, points = this.spec.errorGrid) {
    return fineGrid(this.box, Math.min(points, this.spec.errorGrid), value, (x, y) => this.geometry.inside(x, y));
  }

  private valueAt = (x: number, y: number): number => this.field.value([x, y, ...this.targetParameters]);

  predict(points: Float64Array): Float32Array[] {
    const { mesh } = this.movedMesh();
    // The box is 2D without time (config checks), so points are (x, y) pairs.
    return [Float32Array.from(new TriangleLocator(mesh).interpolate(nodeValues(mesh, this.valueAt), points))];
  }

  finalMetrics(): Record<string, number> {
    const { mesh, scale, moveMs } = this.movedMesh();
    const grid = this.grid(this.valueAt);
    const uniformError = interpolationError(this.uniform, nodeValues(this.uniform, this.valueAt), grid);
    const movedError = interpolationError(mesh, nodeValues(mesh, this.valueAt), grid);
    const quality = meshQuality(mesh);
    const metrics: Record<string, number> = {
      interpErrorRatio: uniformError.relL2 / movedError.relL2,
      interpErrorUniform: uniformError.relL2,
      interpErrorMoved: movedError.relL2,
      invertedCells: quality.invertedCells,
      minAreaRatio: quality.minAreaRatio,
      maxAreaRatio: quality.maxAreaRatio,
      meanNeighbourAreaRatio: quality.meanNeighbourAreaRatio,
      meanAspectRatio: quality.meanAspectRatio,
      maxAspectRatio: quality.maxAspectRatio,
      equidistributionUniform: cellEquidistributionResidual(this.uniform, this.monitor, cellAreas(this.uniform)),
      equidistributionMoved: cellEquidistributionResidual(mesh, this.monitor, cellAreas(mesh)),
    };
    if (this.neural && this.spec.operator) Object.assign(metrics, this.heldOutRatios());
    const series = this.meshSeries();
    if (series) Object.assign(metrics, this.seriesRatios(series));
    if (this.neural) {
      metrics.displacementScale = scale;
      // A fresh move of the target field: one forward pass over the nodes plus the fold check.
      this.cached = undefined;
      metrics.operatorMeshMs = this.spec.operator ? this.movedMesh().moveMs : moveMs;
    }
    return metrics;
  }

  /** A followed series: the interpolation error ratio at each saved time (mean, worst) and the inverted cells of all its meshes. */
  private seriesRatios(series: MeshExport[]): Record<string, number> {
    const ratios: number[] = [];
    let inverted = 0;
    series.forEach((moved, frame) => {
      const field = this.frameField(frame);
      const value = (x: number, y: number) => field.value([x, y]);
      const grid = this.grid(value, SERIES_ERROR_GRID);
      const mesh = { ...this.uniform, nodes: moved.nodes };
      ratios.push(interpolationError(this.uniform, nodeValues(this.uniform, value), grid).relL2 / interpolationError(mesh, moved.values, grid).relL2);
      inverted += meshQuality(mesh).invertedCells;
    });
    return { seriesFrames: series.length, seriesRatioMean: ratios.reduce((a, b) => a + b, 0) / ratios.length, seriesRatioMin: Math.min(...ratios), seriesInvertedCells: inverted };
  }

  /**
   * Operator mode: the interpolation error ratio on HELD_OUT fields of the family drawn afresh
   * (none of them trained on): mean and worst, and the inverted cells among all their meshes.
   */
  private heldOutRatios(): Record<string, number> {
    const operator = this.spec.operator!;
    const names = Object.keys(operator.parameters);
    const rng = new Rng(HELD_OUT_SEED);
    const ratios: number[] = [];
    let inverted = 0;
    for (let f = 0; f < HELD_OUT; f++) {
      const values = names.map((name) => operator.parameters[name][0] + rng.uniform() * (operator.parameters[name][1] - operator.parameters[name][0]));
      const scaled = values.map((v, i) => (2 * (v - operator.parameters[names[i]][0])) / (operator.parameters[names[i]][1] - operator.parameters[names[i]][0]) - 1);
      const value = (x: number, y: number) => this.field.value([x, y, ...values]);
      const mesh = this.geometry.physical(this.logicalMove(scaled).nodes);
      const grid = this.grid(value);
      ratios.push(interpolationError(this.uniform, nodeValues(this.uniform, value), grid).relL2 / interpolationError(mesh, nodeValues(mesh, value), grid).relL2);
      inverted += meshQuality(mesh).invertedCells;
    }
    return { heldOutRatioMean: ratios.reduce((a, b) => a + b, 0) / ratios.length, heldOutRatioMin: Math.min(...ratios), heldOutInvertedCells: inverted };
  }

  meshExport(): MeshExport {
    const { mesh } = this.movedMesh();
    const t = this.fieldTime;
    return { type: mesh.type, cells: [mesh.cells[0], mesh.cells[1]], nodes: mesh.nodes, connectivity: mesh.connectivity, values: nodeValues(mesh, this.valueAt), axes: this.axes, ...(t === undefined ? {} : { t }) };
  }

  meshOverlay(): MeshOverlay {
    return meshOverlay(this.movedMesh().mesh);
  }

  /**
   * The uniform mesh, this mover's and (for a neural run) the classical mover's with as many
   * sweeps on the same field, each with its interpolation error; computed once.
   */
  meshComparison(): MeshComparisonEntry[] {
    if (this.comparison) return this.comparison;
    const grid = this.grid(this.valueAt, COMPARISON_ERROR_GRID);
    const entry = (label: MeshComparisonEntry['label'], mesh: StructuredMesh): MeshComparisonEntry => ({
      label,
      relL2: interpolationError(mesh, nodeValues(mesh, this.valueAt), grid).relL2,
      overlay: meshOverlay(mesh),
    });
    const entries = [entry('uniform', this.uniform)];
    if (this.neural) {
      const classical = new WinslowMover(this.geometry.logical, this.geometry.logicalMonitor(this.monitor), 20, this.constraints);
      for (let i = 0; i < Math.min(this.spec.iterations, COMPARISON_SWEEPS); i++) classical.step();
      entries.push(entry('classical', this.geometry.physical(classical.currentNodes)), entry('neural', this.movedMesh().mesh));
    } else {
      entries.push(entry('classical', this.movedMesh().mesh));
    }
    return (this.comparison = entries);
  }

  meshSeries(): MeshExport[] | undefined {
    if (!this.spec.field || typeof this.spec.field !== 'object' || !this.spec.field.series) return undefined;
    return [...this.series, this.meshExport()];
  }

  parameters(): SavedParameters {
    if (!this.neural) return { shapes: [], values: [] };
    return { shapes: [[1, this.neural.theta.length]], values: [Array.from(this.neural.theta)] };
  }

  dispose(): void {}
}
