/**
 * Comparison of runs of one problem: relL2 against iteration and against training time, the
 * final error fields side by side on one symmetric colour scale, and a table of final metrics;
 * exported as CSV (table) and SVG (both charts, and the error fields with their shared scale).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FieldSnapshot, MetricsRow, RunSummary, WorkbenchService } from '../../../workers/protocol/service';
import { DrawnCanvas } from '../analysis/DrawnCanvas';
import { drawLineChart, lineChartSvg, type ChartSpec } from '../analysis/lineChart';
import { errorField, errorFieldsSvg, errorPixels, sharedScale } from '../analysis/errorFields';
import { comparisonCsv, RUN_COLORS, type ComparedRun } from '../analysis/planeMath';
import { downloadText } from '../analysis/useCanvasDrawing';
import { findColorMap } from '../field/colorMaps';
import { formatSci } from '../format/numbers';
import { ColorBar } from './ColorBar';
import { errorAgainstTime } from '../chart/timeSeries';
import type { RunStore } from '../state/runStore';
import { errorText } from '../transport/deadline';


interface Fetched {
  summary: RunSummary;
  rows: MetricsRow[];
  snapshot?: FieldSnapshot;
}

export function ComparisonView({ service, store, selected }: { service: WorkbenchService | undefined; store: RunStore; selected: RunSummary | undefined }) {
  const candidates = useMemo(() => store.runs.filter((r) => !selected || r.problem === selected.problem), [store.runs, selected]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [data, setData] = useState<Map<string, Fetched>>(new Map());
  const [error, setError] = useState<string>();

  useEffect(() => setChosen(new Set(candidates.slice(-6).map((r) => r.id))), [selected?.problem, candidates.length]);

  const refresh = useCallback(async () => {
    if (!service) return;
    setError(undefined);
    try {
      const entries = await Promise.all(
        [...chosen].map(async (id): Promise<[string, Fetched]> => {
          const update = await service.poll(id, 0, 0);
          return [id, { summary: update.summary, rows: update.rows, snapshot: update.snapshot }];
        }),
      );
      setData(new Map(entries));
    } catch (e) {
      setError(errorText(e));
    }
  }, [service, chosen]);

  useEffect(() => void refresh(), [refresh]);

  const runs = [...data.values()];
  const spec = (x: 'iteration' | 'seconds'): ChartSpec => ({
    title: x === 'iteration' ? 'Relative L2 error vs iteration' : 'Relative L2 error vs wall-clock training time',
    xTitle: x === 'iteration' ? 'iteration' : 'training time (s)',
    yTitle: 'relL2',
    logY: true,
    series: runs.map((run, k) => {
      const measured = run.rows.filter((r) => r.relL2 !== undefined && r.relL2 !== null);
      return { label: run.summary.name, color: RUN_COLORS[k % RUN_COLORS.length], x: measured.map((r) => r[x]), y: measured.map((r) => r.relL2!) };
    }),
  });
  const byIteration = spec('iteration');
  const byTime = spec('seconds');
  // Time-dependent problems: each run's error at the solution's time t (TENG's saved times, a PINN's final network at evenly spaced t).
  const inTime = runs.map((run) => errorAgainstTime(run.rows, run.summary.errorInTime));
  const bySolutionTime: ChartSpec = {
    title: 'Relative L2 error vs solution time t',
    xTitle: 't',
    yTitle: 'relL2',
    logY: true,
    series: runs.map((run, k) => ({ label: run.summary.name, color: RUN_COLORS[k % RUN_COLORS.length], x: inTime[k].t, y: inTime[k].relL2 })),
  };
  const hasSolutionTime = inTime.some((series) => series.t.length > 0);
  const drawSolutionTime = useCallback((ctx: CanvasRenderingContext2D, w: number, h: number) => drawLineChart(ctx, w, h, bySolutionTime), [data]);
  const drawIteration = useCallback((ctx: CanvasRenderingContext2D, w: number, h: number) => drawLineChart(ctx, w, h, byIteration), [data]);
  const drawTime = useCallback((ctx: CanvasRenderingContext2D, w: number, h: number) => drawLineChart(ctx, w, h, byTime), [data]);

  const errors = runs.map((run) => errorField(run.snapshot));
  const shared = sharedScale(errors);
  const table: ComparedRun[] = runs.map((run) => ({
    name: run.summary.name,
    id: run.summary.id,
    status: run.summary.status,
    iterations: run.summary.iteration,
    seconds: run.summary.seconds,
    relL2: run.summary.relL2,
    finalLoss: run.rows.at(-1)?.loss,
  }));

  return (
    <div className="comparison" data-testid="comparison">
      <div className="analysis-controls">
        {candidates.map((run) => (
          <label key={run.id}>
            <input
              type="checkbox"
              checked={chosen.has(run.id)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(run.id);
                else next.delete(run.id);
                setChosen(next);
              }}
            />{' '}
            {run.name}
          </label>
        ))}
        <button onClick={() => void refresh()} disabled={!service}>
          Refresh
        </button>
        <button onClick={() => downloadText('comparison.csv', comparisonCsv(table), 'text/csv')} disabled={runs.length === 0}>
          CSV
        </button>
        <button
          onClick={() => {
            downloadText('comparison-relL2-iteration.svg', lineChartSvg(byIteration), 'image/svg+xml');
            downloadText('comparison-relL2-time.svg', lineChartSvg(byTime), 'image/svg+xml');
            const images = runs.map((run, k) => ({ name: run.summary.name, png: errors[k] && fieldPng(run.snapshot!, errors[k]!, shared) }));
            downloadText('comparison-error-fields.svg', errorFieldsSvg(images, shared), 'image/svg+xml');
            if (hasSolutionTime) downloadText('comparison-relL2-solution-time.svg', lineChartSvg(bySolutionTime), 'image/svg+xml');
          }}
          disabled={runs.length === 0}
        >
          SVG
        </button>
      </div>
      {error && <div className="analysis-error" role="alert">{error}</div>}
      <div className={`analysis-body ${hasSolutionTime ? 'three' : 'two'}`}>
        <DrawnCanvas draw={drawIteration} testId="compare-iteration" points={runs.length} />
        <DrawnCanvas draw={drawTime} testId="compare-time" points={runs.length} />
        {hasSolutionTime && <DrawnCanvas draw={drawSolutionTime} testId="compare-solution-time" points={runs.length} />}
      </div>
      <div className="error-fields">
        {runs.map((run, k) => (
          <figure key={run.summary.id}>
            <DrawnCanvas draw={errorDraw(run.snapshot, errors[k], shared)} testId="compare-error-field" />
            <figcaption>{run.summary.name}</figcaption>
          </figure>
        ))}
        {errors.some(Boolean) && (
          <div className="error-scale">
            <ColorBar map={coolwarm} min={-shared} max={shared} label="error (shared)" />
          </div>
        )}
      </div>
      <table className="comparison-table">
        <thead>
          <tr>
            <th>run</th>
            <th>status</th>
            <th>iterations</th>
            <th>seconds</th>
            <th>relL2</th>
            <th>final loss</th>
          </tr>
        </thead>
        <tbody>
          {table.map((row) => (
            <tr key={row.id}>
              <td>{row.name}</td>
              <td>{row.status}</td>
              <td>{row.iterations}</td>
              <td>{row.seconds.toFixed(1)}</td>
              <td>{formatSci(row.relL2)}</td>
              <td>{formatSci(row.finalLoss)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const coolwarm = findColorMap('coolwarm', 'diverging');

/** The field as a canvas of one pixel per node. */
function fieldCanvas(snapshot: FieldSnapshot, error: Float32Array, scale: number): HTMLCanvasElement {
  const [nx, ny] = [snapshot.axes[0].n, snapshot.axes[1]?.n ?? 1];
  const canvas = document.createElement('canvas');
  canvas.width = nx;
  canvas.height = ny;
  canvas.getContext('2d')!.putImageData(new ImageData(errorPixels(error, nx, ny, scale), nx, ny), 0, 0);
  return canvas;
}

function fieldPng(snapshot: FieldSnapshot, error: Float32Array, scale: number): string {
  return fieldCanvas(snapshot, error, scale).toDataURL('image/png');
}

/** Draws one error field (or a note where the run has no exact solution) on the shared scale. */
function errorDraw(snapshot: FieldSnapshot | undefined, error: Float32Array | undefined, scale: number) {
  return (ctx: CanvasRenderingContext2D, width: number, height: number) => {
    ctx.clearRect(0, 0, width, height);
    if (!snapshot || !error) {
      ctx.fillStyle = '#889';
      ctx.fillText('no exact solution', 8, 16);
      return;
    }
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(fieldCanvas(snapshot, error, scale), 0, 0, width, height);
  };
}
