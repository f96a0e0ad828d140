import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { MetricsRow } from '../../../workers/protocol/service';
import { drawLossChart } from '../chart/drawLossChart';
import { buildErrorVsTimeModel } from '../chart/timeSeries';
import { formatSci } from '../format/numbers';

export interface ErrorVsTimeChartProps {
  rows: readonly MetricsRow[];
  version: number;
}

/** relL2 against t (log scale) for time-stepping runs (TENG), with the per-step least-squares residual. */
export const ErrorVsTimeChart = memo(function ErrorVsTimeChart({ rows, version }: ErrorVsTimeChartProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<[number, number]>([0, 0]);
  const model = useMemo(() => buildErrorVsTimeModel(rows), [rows, version]);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const observer = new ResizeObserver(([entry]) => setSize([Math.floor(entry.contentRect.width), Math.floor(entry.contentRect.height)]));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const [width, height] = size;
    if (width === 0 || height === 0) return;
    const frame = requestAnimationFrame(() => {
      const dpr = Math.min(window.devicePixelRatio || 1, 2);
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawLossChart(ctx, width, height, model, undefined, 't');
    });
    return () => cancelAnimationFrame(frame);
  }, [model, size]);

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
