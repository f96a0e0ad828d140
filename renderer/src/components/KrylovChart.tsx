import { memo, useMemo } from 'react';
import type { MetricsRow } from '../../../workers/protocol/service';
import { formatInteger } from '../format/numbers';

export interface KrylovChartProps {
  rows: readonly MetricsRow[];
  version: number;
}

const WIDTH = 240;
const HEIGHT = 80;
const MAX_POINTS = 400;

/** Krylov iterations per step against iteration (CPINN with CGD/ACGD); nothing for other runs. */
export const KrylovChart = memo(function KrylovChart({ rows, version }: KrylovChartProps) {
  const points = useMemo(() => {
    const all = rows.filter((row) => row.krylovIterations !== undefined);
    const stride = Math.max(1, Math.ceil(all.length / MAX_POINTS));
    return all.filter((_, i) => i % stride === 0 || i === all.length - 1).map((row) => [row.iteration, row.krylovIterations!] as const);
  }, [rows, version]);
  if (points.length === 0) return null;
  const first = points[0][0];
  const last = Math.max(points[points.length - 1][0], first + 1);
  const top = Math.max(1, ...points.map(([, k]) => k));
  const path = points
    .map(([iteration, k], i) => `${i === 0 ? 'M' : 'L'}${(((iteration - first) / (last - first)) * WIDTH).toFixed(1)},${(HEIGHT - (k / top) * HEIGHT).toFixed(1)}`)
    .join(' ');
  return (
    <section className="krylov-chart" aria-label="Krylov iterations per step">
      <h2 className="section-title">
        Krylov iterations per step <span className="chart-at">last {formatInteger(points[points.length - 1][1])}, max {formatInteger(top)}</span>
      </h2>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={`Krylov iterations, last ${points[points.length - 1][1]}`}>
        <path d={path} fill="none" stroke="#36c5d0" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
      </svg>
    </section>
  );
});
