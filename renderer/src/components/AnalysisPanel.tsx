/**
 * Trajectory, landscape, roughness and comparison views of the selected run (issue 9). The
 * trajectory is polled while it grows; landscape and roughness are jobs in a compute worker,
 * polled for progress, cancellable; their files land in the run folder as with `npm run analyse`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnalysisRequest, AnalysisState, RunSummary, TrajectoryProjection, WorkbenchService } from '../../../workers/protocol/service';
import { drawLineChart } from '../analysis/lineChart';
import { drawPlane } from '../analysis/drawPlane';
import { LandscapeSurface } from '../analysis/landscapeSurface';
import { DrawnCanvas } from '../analysis/DrawnCanvas';
import { errorText } from '../transport/deadline';
import { isFinished, type RunStore } from '../state/runStore';
import { ComparisonView } from './ComparisonView';
import '../analysis/analysis.css';

type Tab = 'trajectory' | 'landscape' | 'roughness' | 'compare';
const TRAJECTORY_MS = 3000;
const STATE_MS = 400;

export interface AnalysisPanelProps {
  service: WorkbenchService | undefined;
  store: RunStore;
  selected: RunSummary | undefined;
}

export function AnalysisPanel({ service, store, selected }: AnalysisPanelProps) {
  const [tab, setTab] = useState<Tab>('trajectory');
  const [trajectory, setTrajectory] = useState<TrajectoryProjection>();
  const [state, setState] = useState<AnalysisState>({ status: 'idle', done: 0, total: 0 });
  const [error, setError] = useState<string>();
  const [directions, setDirections] = useState<'random' | 'pca'>('pca');
  const [grid, setGrid] = useState(41);
  const [roughDirections, setRoughDirections] = useState(8);
  const [roughPoints, setRoughPoints] = useState(8);
  const id = selected?.id;
  const finished = isFinished(selected);

  useEffect(() => {
    setTrajectory(undefined);
    setState({ status: 'idle', done: 0, total: 0 });
    setError(undefined);
  }, [id]);

  // The trajectory: polled while the run trains, fetched once more when it has finished.
  useEffect(() => {
    if (!service || !id) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const projection = await service.trajectory(id);
        if (live && projection) setTrajectory(projection);
      } catch (e) {
        if (live) setError(errorText(e));
      }
      if (live && !finished) timer = setTimeout(tick, TRAJECTORY_MS);
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [service, id, finished]);

  // Job state: polled while a job runs.
  const pollState = useCallback(async () => {
    if (!service || !id) return;
    const next = await service.analysisState(id);
    setState(next);
    if (next.status === 'running') setTimeout(() => void pollState(), STATE_MS);
  }, [service, id]);

  useEffect(() => {
    void pollState().catch(() => undefined);
  }, [pollState]);

  const start = async (request: AnalysisRequest) => {
    if (!service || !id) return;
    setError(undefined);
    try {
      await service.startAnalysis(id, request);
      await pollState();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const landscape = state.landscape;
  const roughness = state.roughness;
  const [landscapeShown, setLandscapeShown] = useState(landscape);
  const [roughnessShown, setRoughnessShown] = useState(roughness);
  useEffect(() => void (landscape && setLandscapeShown(landscape)), [landscape]);
  useEffect(() => void (roughness && setRoughnessShown(roughness)), [roughness]);
  useEffect(() => {
    setLandscapeShown(undefined);
    setRoughnessShown(undefined);
  }, [id]);

  const path = landscapeShown?.trajectory ?? (landscapeShown ? undefined : trajectory);
  const drawPlaneView = useCallback((ctx: CanvasRenderingContext2D, w: number, h: number) => drawPlane(ctx, w, h, landscapeShown, path), [landscapeShown, path]);
  const drawRoughness = useCallback(
      (ctx: CanvasRenderingContext2D, w: number, h: number) =>
        drawLineChart(ctx, w, h, {
          title: 'Roughness index',
          xTitle: 'iteration',
          yTitle: 'mean τ',
          series: roughnessShown?.history ? [{ label: 'roughness index', color: '#5ab4ff', x: roughnessShown.history.iterations, y: roughnessShown.history.roughnessIndex }] : [],
        }),
      [roughnessShown],
  );

  const running = state.status === 'running';
  const progress = state.total > 0 ? state.done / state.total : 0;

  return (
    <section className="analysis-panel" aria-label="Analysis">
      <div className="analysis-tabs" role="tablist">
        {(['trajectory', 'landscape', 'roughness', 'compare'] as const).map((name) => (
          <button key={name} role="tab" aria-selected={tab === name} className={tab === name ? 'tab active' : 'tab'} onClick={() => setTab(name)}>
            {name}
          </button>
        ))}
      </div>
      {error && <div className="analysis-error" role="alert">{error}</div>}
      {tab !== 'compare' && (
        <div className="analysis-controls">
          {tab === 'landscape' || tab === 'trajectory' ? (
            <>
              <label>
                directions{' '}
                <select value={directions} onChange={(e) => setDirections(e.target.value as 'random' | 'pca')}>
                  <option value="pca">PCA of the trajectory</option>
                  <option value="random">filter-normalised random</option>
                </select>
              </label>
              <label>
                grid <input type="number" min={2} max={201} value={grid} onChange={(e) => setGrid(Number(e.target.value))} style={{ width: '4em' }} />
              </label>
              <button disabled={!finished || running || !service} onClick={() => void start({ kind: 'landscape', directions, grid })}>
                Compute landscape
              </button>
            </>
          ) : (
            <>
              <label>
                directions <input type="number" min={1} max={64} value={roughDirections} onChange={(e) => setRoughDirections(Number(e.target.value))} style={{ width: '4em' }} />
              </label>
              <label>
                trajectory points <input type="number" min={1} max={50} value={roughPoints} onChange={(e) => setRoughPoints(Number(e.target.value))} style={{ width: '4em' }} />
              </label>
              <button disabled={!finished || running || !service} onClick={() => void start({ kind: 'roughness', directions: roughDirections, points: roughPoints })}>
                Compute roughness
              </button>
            </>
          )}
          {running && (
            <>
              <progress data-testid="analysis-progress" max={1} value={progress} />
              <span className="muted">
                {state.kind} {state.done}/{state.total}
              </span>
              <button onClick={() => void service?.cancelAnalysis(id!)}>Cancel</button>
            </>
          )}
          {!running && state.message && <span className="muted">{state.message}</span>}
          {!finished && <span className="muted">landscape and roughness need the final parameters: after the run ends</span>}
        </div>
      )}
      {tab === 'trajectory' && (
        <div className="analysis-body">
          <DrawnCanvas draw={drawPlaneView} testId="trajectory-plane" points={path?.alpha.length ?? 0} />
          <p className="muted">
            {trajectory
              ? `${trajectory.iterations.length} snapshots up to iteration ${trajectory.iterations.at(-1)}; PCA explains ${(100 * (trajectory.explained[0] ?? 0)).toFixed(1)}% + ${(100 * (trajectory.explained[1] ?? 0)).toFixed(1)}%`
              : 'no trajectory yet'}
          </p>
        </div>
      )}
      {tab === 'landscape' && (
        <div className="analysis-body two">
          <SurfaceCanvas landscape={landscapeShown} />
          <DrawnCanvas draw={drawPlaneView} testId="landscape-contour" points={landscapeShown?.losses.length ?? 0} />
        </div>
      )}
      {tab === 'roughness' && (
        <div className="analysis-body">
          <DrawnCanvas draw={drawRoughness} testId="roughness-chart" points={roughnessShown?.history?.iterations.length ?? 0} />
          {roughnessShown && (
            <p className="muted" data-testid="roughness-value">
              roughness index at the end {roughnessShown.roughnessIndex.toFixed(4)} (variance {roughnessShown.variance.toExponential(2)})
            </p>
          )}
        </div>
      )}
      {tab === 'compare' && <ComparisonView service={service} store={store} selected={selected} />}
    </section>
  );
}

function SurfaceCanvas({ landscape }: { landscape: AnalysisState['landscape'] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const surface = useRef<LandscapeSurface | undefined>(undefined);
  useEffect(() => {
    const canvas = ref.current!;
    let scene: LandscapeSurface;
    try {
      scene = surface.current = new LandscapeSurface(canvas);
    } catch {
      return; // no WebGL: the contour plot still shows the landscape
    }
    const observer = new ResizeObserver(([entry]) => scene.resize(Math.floor(entry.contentRect.width), Math.floor(entry.contentRect.height)));
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      scene.dispose();
      surface.current = undefined;
    };
  }, []);
  useEffect(() => {
    if (landscape) surface.current?.show(landscape, landscape.trajectory);
  }, [landscape]);
  return <canvas ref={ref} className="analysis-canvas" data-testid="landscape-surface" />;
}
