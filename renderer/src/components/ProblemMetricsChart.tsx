import { memo, useCallback, useMemo } from 'react';
import type { MetricsRow } from '../../../workers/protocol/service';
import { drawLineChart, type ChartSpec } from '../analysis/lineChart';
import { useCanvasDrawing } from '../analysis/useCanvasDrawing';
import { formatCompact } from '../format/numbers';
import { problemMetricHistory } from '../flow/problemMetricHistory';

export interface ProblemMetricsChartProps {
  rows: readonly MetricsRow[];
  version: number;
  problem?: string;
}

/** Drag/lift (cylinder) or Ghia deviation (cavity) against iteration, where the problem declares them. */
export const ProblemMetricsChart = memo(function ProblemMetricsChart({ rows, version, problem }: ProblemMetricsChartProps) {
  const spec = useMemo(() => problemMetricHistory(rows, problem), [rows, version, problem]);
  return spec ? <ProblemMetricsCanvas spec={spec} /> : null;
});

function ProblemMetricsCanvas({ spec }: { spec: ChartSpec }) {
  const draw = useCallback((ctx: CanvasRenderingContext2D, width: number, height: number) => drawLineChart(ctx, width, height, spec), [spec]);
  const canvasRef = useCanvasDrawing(draw);
  const latest = spec.series.filter((s) => !s.label.includes('benchmark')).map((s) => `${s.label} ${formatCompact(s.y[s.y.length - 1], 4)}`);
  return (
    <section className="loss-chart" aria-label={spec.title}>
      <div className="chart-head">
        <h2 className="section-title">{spec.title}</h2>
        <span className="muted chart-at" data-testid="problem-metrics-latest">
          {latest.join(' · ')}
        </span>
      </div>
      <canvas ref={canvasRef} className="chart-canvas" data-testid="problem-metrics-chart" data-points={spec.series[0].x.length} role="img" aria-label={`${spec.yTitle} against iteration`} />
    </section>
  );
}
