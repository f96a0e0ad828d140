/**
 * Hard Dirichlet constraints for the jet-engine PINN loss (pinnLoss64.ts): the jet of
 * u = g + D·N from the network's jet N at one point set, and the adjoint map back,
 *   ū → N̄:  N̄ += D ū,  N̄ += D_i ū_i,  N̄_i += D ū_i,
 *           N̄ += D_ij ū_ij,  N̄_i += D_j ū_ij,  N̄_j += D_i ū_ij,  N̄_ij += D ū_ij,
 * with g and D (hardConstraint.ts) and their derivatives evaluated once per point set in float64.
 */
import { compileNumeric } from '../expr/compile';
import { differentiate } from '../expr/differentiate';
import type { Scope } from '../expr/scope';
import type { ChannelPlan, Jet64 } from '../float64/jetMlp64';
import type { HardConstraint } from './hardConstraint';

const dimsOf = (key: string): number[] => (key === '' ? [] : key.split(',').map(Number));

export class HardJet64 {
  /** Per constraint: key → g (or D) and its derivative at every point. */
  private readonly g: Map<string, Float64Array>[];
  private readonly d: Map<string, Float64Array>[];
  private readonly columns: number[];

  constructor(
    private readonly constraints: readonly HardConstraint[],
    unknowns: readonly string[],
    scope: Scope,
    x: Float64Array,
    private readonly plan: ChannelPlan,
    private readonly outputs: number,
  ) {
    const dims = scope.coordinates.length;
    const n = x.length / dims;
    const staticJet = (expr: HardConstraint['value']) =>
      new Map(
        plan.keys.map((key) => {
          const f = compileNumeric(dimsOf(key).reduce((e, dim) => differentiate(e, dim, scope), expr), scope);
          return [key, Float64Array.from({ length: n }, (_, i) => f(x.subarray(i * dims, (i + 1) * dims)))] as const;
        }),
      );
    this.g = constraints.map((c) => staticJet(c.value));
    this.d = constraints.map((c) => staticJet(c.distance));
    this.columns = constraints.map((c) => unknowns.indexOf(c.unknown));
  }

  /** Writes the jet of u into `out` (same keys and shapes as `net`). */
  apply(net: Jet64, out: Jet64): void {
    for (const [key, values] of net) out.get(key)!.set(values);
    const Q = this.outputs;
    this.constraints.forEach((_, c) => {
      const q = this.columns[c];
      const g = this.g[c];
      const d = this.d[c];
      const N = (key: string) => net.get(key)!;
      for (const key of this.plan.keys) {
        const u = out.get(key)!;
        const dims = dimsOf(key);
        const gk = g.get(key)!;
        const dk = d.get(key)!;
        const d0 = d.get('')!;
        const n0 = N('');
        for (let i = 0; i < gk.length; i++) u[i * Q + q] = gk[i] + dk[i] * n0[i * Q + q];
        if (dims.length === 1) {
          const nk = N(key);
          for (let i = 0; i < gk.length; i++) u[i * Q + q] += d0[i] * nk[i * Q + q];
        }
        if (dims.length === 2) {
          const [ki, kj] = [String(dims[0]), String(dims[1])];
          const [di, dj, ni, nj, nk] = [d.get(ki)!, d.get(kj)!, N(ki), N(kj), N(key)];
          for (let i = 0; i < gk.length; i++) {
            const e = i * Q + q;
            u[e] += di[i] * nj[e] + dj[i] * ni[e] + d0[i] * nk[e];
          }
        }
      }
    });
  }

  /** N̄ from ū (same keys and shapes); N̄'s arrays are overwritten. */
  adjoint(uBar: Jet64, nBar: Jet64): void {
    for (const [key, values] of uBar) nBar.get(key)!.set(values);
    const Q = this.outputs;
    this.constraints.forEach((_, c) => {
      const q = this.columns[c];
      const d = this.d[c];
      const d0 = d.get('')!;
      for (const key of this.plan.keys) {
        const nk = nBar.get(key)!;
        for (let e = q; e < nk.length; e += Q) nk[e] = 0;
      }
      const n0 = nBar.get('')!;
      for (const key of this.plan.keys) {
        const ub = uBar.get(key)!;
        const dims = dimsOf(key);
        const dk = d.get(key)!;
        const nk = nBar.get(key)!;
        for (let i = 0; i < dk.length; i++) {
          const e = i * Q + q;
          n0[e] += dk[i] * ub[e];
          if (dims.length > 0) nk[e] += d0[i] * ub[e];
        }
        if (dims.length === 2) {
          const [ki, kj] = [String(dims[0]), String(dims[1])];
          const [di, dj, ni, nj] = [d.get(ki)!, d.get(kj)!, nBar.get(ki)!, nBar.get(kj)!];
          for (let i = 0; i < dk.length; i++) {
            const e = i * Q + q;
            ni[e] += dj[i] * ub[e];
            nj[e] += di[i] * ub[e];
          }
        }
      }
    });
  }
}
