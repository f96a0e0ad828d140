import { memo, useCallback, useMemo } from 'react';
import type { MetricsRow } from '../../../workers/protocol/service';
import { useCanvasDrawing } from '../analysis/useCanvasDrawing';
import { drawLossChart } from '../chart/drawLossChart';
import { buildErrorVsTimeModel } from '../chart/timeSeries';
import { formatSci } from '../format/numbers';

export interface ErrorVsTimeChartProps {
  rows: readonly MetricsRow[];
  version: number;
}

/** relL2 against t (log scale) for time-stepping runs (TENG), with the per-step least-squares residual. */
export const ErrorVsTimeChart = memo(function ErrorVsTimeChart({ rows, version }: ErrorVsTimeChartProps) {
  const model = useMemo(() => buildErrorVsTimeModel(rows), [rows, version]);
  const draw = useCallback((ctx: CanvasRenderingContext2D, width: number, height: number) => drawLossChart(ctx, width, height, model, undefined, 't'), [model]);
  const canvasRef = useCanvasDrawing(draw);

  const last = model.series[0].points.at(-1);
  return (
    <section className="loss-chart" aria-label="Error against time">
      <div className="chart-head">
        <h2 className="section-title">Error vs time</h2>
        <span className="muted chart-at">{last ? `relL2 ${formatSci(last.value)} at t = ${last.iteration.toFixed(3)}` : ''}</span>
      </div>
      <canvas ref={canvasRef} className="chart-canvas" data-testid="error-vs-time-chart" data-points={model.rowCount} role="img" aria-label={`relL2 against time, ${model.rowCount} points, log scale`} />
    </section>
  );
});
