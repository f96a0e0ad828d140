import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { MetricsRow } from '../../../workers/protocol/service';
import { drawLossChart, emptyFrame, iterationAt, type PlotFrame } from '../chart/drawLossChart';
import { buildLossChartModel, valuesAt } from '../chart/lossSeries';
import { formatInteger, formatSci } from '../format/numbers';

export interface LossChartProps {
  /** The run's rows, appended in place; `version` says when they changed. */
  rows: readonly MetricsRow[];
  version: number;
  runId?: string;
}

/** Loss terms and relL2 on a log axis, drawn on a canvas at most once per frame. */
export const LossChart = memo(function LossChart({ rows, version, runId }: LossChartProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef<PlotFrame>(emptyFrame(1, 1));
  const [size, setSize] = useState<[number, number]>([0, 0]);
  const [hover, setHover] = useState<number>();
  const model = useMemo(() => buildLossChartModel(rows), [rows, version]);

  useEffect(() => setHover(undefined), [runId]);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize([Math.floor(width), Math.floor(height)]);
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const [width, height] = size;
    if (width === 0 || height === 0) return;
    const frame = requestAnimationFrame(() => {
      const dpr = Math.min(window.devicePixelRatio || 1, 2);
      if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
        canvas.width = Math.round(width * dpr);
        canvas.height = Math.round(height * dpr);
      }
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      frameRef.current = drawLossChart(ctx, width, height, model, hover);
    });
    return () => cancelAnimationFrame(frame);
  }, [model, size, hover]);

  const last = rows[rows.length - 1];
  const shownIteration = hover ?? last?.iteration;
  const values = useMemo(
    () => (shownIteration === undefined ? new Map<string, number>() : valuesAt(model, shownIteration)),
    [model, shownIteration],
  );

  return (
    <section className="loss-chart" aria-label="Loss chart">
      <div className="chart-head">
        <h2 className="section-title">Loss &amp; error</h2>
        <span className="muted chart-at">
          {shownIteration === undefined ? '' : `${hover === undefined ? 'latest' : 'at'} iteration ${formatInteger(shownIteration)}`}
        </span>
        <ul className="legend" aria-label="Legend">
          {model.series.map((s) => (
            <li key={s.key} className="legend-item">
              <svg className="legend-swatch" width="22" height="8" aria-hidden="true">
                <line x1="1" y1="4" x2="21" y2="4" stroke={s.color} strokeWidth="2" strokeDasharray={s.dashed ? '5 3' : undefined} />
              </svg>
              <span className="legend-label">{s.label}</span>
              <span className="legend-value">{formatSci(values.get(s.key))}</span>
            </li>
          ))}
        </ul>
      </div>
      <canvas
        ref={canvasRef}
        className="chart-canvas"
        data-testid="loss-chart"
        data-points={model.rowCount}
        role="img"
        aria-label={`Loss chart, ${model.rowCount} rows, log scale`}
        onPointerMove={(event) => {
          const frame = frameRef.current;
          const x = event.nativeEvent.offsetX;
          if (model.rowCount === 0 || x < frame.left || x > frame.right) return setHover(undefined);
          setHover(Math.round(iterationAt(frame, x)));
        }}
        onPointerLeave={() => setHover(undefined)}
      />
    </section>
  );
});
