/**
 * The CPINN game (Zeng, Kothari, Bryngelson & Schäfer, ICLR 2023): with discriminator outputs
 * D_k(x; ·) (x: its parameters) and the PINN's residuals r_k(y; ·) (y: the PINN's parameters),
 *
 *   L(x, y) = Σ_k w_k · mean_i D_k(x; p_i) r_k(y; p_i)
 *
 * over the residual kinds k (equations on interior points, boundary pieces, periodic pairs); the
 * PINN minimises L, the discriminator maximises it. L is bilinear in (D values, r values), so
 *
 *   ∇ₓL = Σ J_Dₖᵀ W r,   ∇ᵧL = Σ J_rₖᵀ W D,   D²ₓᵧL = Σ J_Dₖᵀ W J_rₖ,   D²ᵧₓL = (D²ₓᵧL)ᵀ
 *
 * (W: the weights w_k / rows), exactly: the mixed Hessian–vector products are products with the
 * two networks' Jacobians, which are kept factored after one reverse pass per network per step.
 */
import type { InputMap, MlpShape } from '../../engine/taylorMlp';
import { jetForward, type JetForwardResult } from '../../float64/jetMlp64';
import type { ZeroSumGamePoint } from '../../optimizers/zeroSumGame';
import type { Discriminator } from './discriminator';
import { javascriptJacobian, type JacobianFactory } from './factoredJacobian';
import { FactoredJacobianWasm, JacobianArena } from './factoredJacobianWasm';
import type { PointJacobian } from './pointJacobian';
import { residualJacobian } from './residualJacobian';
import type { ResidualKind } from './residualKinds';

interface KindAtPoint {
  kind: ResidualKind;
  residual: Float64Array;
  discriminator: Float64Array;
  pinnJacobian: PointJacobian;
  discriminatorJacobian: PointJacobian;
  /** w_k / rows */
  scale: number;
}

export interface CpinnGamePoint extends ZeroSumGamePoint {
  /** Per kind: mean squared residual (the PINN loss's terms, unweighted). */
  meanSquaredResiduals: number[];
  /** Done with this point: its products may no longer be called, and its memory goes to the next point. */
  release(): void;
}

/** Row i of a 'pairs' kind is the sum of points i and n + i. */
function foldRows(kind: ResidualKind, perPoint: Float64Array): Float64Array {
  if (kind.fold === 'points') return perPoint;
  const m = perPoint.length / 2;
  return Float64Array.from({ length: m }, (_, i) => perPoint[i] + perPoint[m + i]);
}

function spreadRows(kind: ResidualKind, rows: Float64Array): Float64Array {
  if (kind.fold === 'points') return rows;
  const out = new Float64Array(2 * rows.length);
  out.set(rows);
  out.set(rows, rows.length);
  return out;
}

function addInto(target: Float64Array, values: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i] += values[i];
}

export class CpinnGame {
  /** A released point's WebAssembly memory, for the next point (growing a fresh one each step is slow). */
  private spare?: JacobianArena;

  constructor(
    readonly pinnShape: MlpShape,
    private readonly map: InputMap,
    readonly discriminator: Discriminator,
    readonly kinds: readonly ResidualKind[],
  ) {}

  /** The game linearised at (x, y) = (discriminator θ, PINN θ). */
  at(thetaMax: Float64Array, thetaMin: Float64Array): CpinnGamePoint {
    // Each point's Jacobians keep their factors in WebAssembly memory of their own, where it runs.
    const arena = JacobianArena.available() ? (this.spare ?? new JacobianArena()) : undefined;
    this.spare = undefined;
    arena?.reset();
    const makeJacobian: JacobianFactory = arena ? (blocks, parameterCount) => new FactoredJacobianWasm(arena, blocks, parameterCount) : javascriptJacobian;
    const forwards = new Map<Float64Array, JetForwardResult>();
    const parts: KindAtPoint[] = this.kinds.map((kind, k) => {
      let forward = forwards.get(kind.points);
      if (!forward) forwards.set(kind.points, (forward = jetForward(this.pinnShape, this.map, thetaMin, kind.points, kind.request)));
      const { values, partials } = kind.residual(forward.jet);
      const pass = this.discriminator.forward(thetaMax, kind.discriminatorPoints);
      return {
        kind,
        residual: values,
        discriminator: this.discriminator.output(pass, k),
        pinnJacobian: residualJacobian(forward.cache, partials, makeJacobian),
        discriminatorJacobian: this.discriminator.jacobian(thetaMax, pass, k, makeJacobian),
        scale: kind.weight / (kind.rowCount ?? values.length),
      };
    });
    let value = 0;
    const gradMax = new Float64Array(thetaMax.length);
    const gradMin = new Float64Array(thetaMin.length);
    for (const part of parts) {
      for (let i = 0; i < part.residual.length; i++) value += part.scale * part.discriminator[i] * part.residual[i];
      addInto(gradMax, part.discriminatorJacobian.applyTransposed(part.residual.map((r) => part.scale * r)));
      addInto(gradMin, part.pinnJacobian.applyTransposed(spreadRows(part.kind, part.discriminator.map((v) => part.scale * v))));
    }
    return {
      value,
      gradMax,
      gradMin,
      meanSquaredResiduals: parts.map((part) => part.residual.reduce((s, r) => s + r * r, 0) / (part.kind.rowCount ?? part.residual.length)),
      release: () => {
        if (arena) this.spare = arena;
      },
      mixedMaxMin: (vMin) => {
        const out = new Float64Array(thetaMax.length);
        for (const part of parts) {
          const dr = foldRows(part.kind, part.pinnJacobian.apply(vMin));
          addInto(out, part.discriminatorJacobian.applyTransposed(dr.map((v) => part.scale * v)));
        }
        return out;
      },
      mixedMinMax: (vMax) => {
        const out = new Float64Array(thetaMin.length);
        for (const part of parts) {
          const dd = part.discriminatorJacobian.apply(vMax);
          addInto(out, part.pinnJacobian.applyTransposed(spreadRows(part.kind, dd.map((v) => part.scale * v))));
        }
        return out;
      },
    };
  }
}
