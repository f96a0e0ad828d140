/**
 * Trajectory, landscape, roughness and comparison views of the selected run (issue 9). The
 * trajectory is polled while it grows; landscape and roughness are jobs in a compute worker,
 * polled for progress, cancellable, centred on any saved parameters (final, newest checkpoint,
 * a trajectory snapshot); their files land in the run folder as with `npm run analyse`.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AnalysisPoint, AnalysisRequest, AnalysisState, RunSummary, TrajectoryProjection, WorkbenchService } from '../../../workers/protocol/service';
import { drawLineChart } from '../analysis/lineChart';
import { drawPlane } from '../analysis/drawPlane';
import { DrawnCanvas } from '../analysis/DrawnCanvas';
import { Surface3D } from '../analysis/Surface3D';
import { errorText } from '../transport/deadline';
import { isFinished, type RunStore } from '../state/runStore';
import { ComparisonView } from './ComparisonView';
import { TrajectoryView } from './TrajectoryView';
import '../analysis/analysis.css';

type Tab = 'trajectory' | 'landscape' | 'roughness' | 'compare';
const TRAJECTORY_MS = 3000;
const STATE_MS = 400;

export interface AnalysisPanelProps {
  service: WorkbenchService | undefined;
  store: RunStore;
  selected: RunSummary | undefined;
}

/** The centres on offer: the final parameters once saved, the newest checkpoint, every recorded snapshot. */
function centreOptions(trajectory: TrajectoryProjection | undefined, finished: boolean): { value: string; label: string }[] {
  const options: { value: string; label: string }[] = [];
  if (finished) options.push({ value: 'final', label: 'final parameters' });
  const checkpoint = trajectory?.saved?.checkpoint;
  if (checkpoint !== undefined) options.push({ value: 'checkpoint', label: `last checkpoint (iteration ${checkpoint})` });
  for (const iteration of [...(trajectory?.iterations ?? [])].reverse()) options.push({ value: String(iteration), label: `snapshot at iteration ${iteration}` });
  return options;
}

const pointOf = (value: string): AnalysisPoint => (value === 'final' || value === 'checkpoint' ? value : Number(value));

export function AnalysisPanel({ service, store, selected }: AnalysisPanelProps) {
  const [tab, setTab] = useState<Tab>('trajectory');
  const [trajectory, setTrajectory] = useState<TrajectoryProjection>();
  const [state, setState] = useState<AnalysisState>({ status: 'idle', done: 0, total: 0 });
  const [error, setError] = useState<string>();
  const [directions, setDirections] = useState<'random' | 'pca'>('pca');
  const [grid, setGrid] = useState(41);
  // α, β ∈ [−range, range]; empty: 1 for random directions, the trajectory's extent for PCA.
  const [range, setRange] = useState('');
  const [roughDirections, setRoughDirections] = useState(8);
  const [roughPoints, setRoughPoints] = useState(8);
  const [centre, setCentre] = useState<string>('');
  const id = selected?.id;
  const finished = isFinished(selected);

  useEffect(() => {
    setTrajectory(undefined);
    setState({ status: 'idle', done: 0, total: 0 });
    setError(undefined);
    setCentre('');
  }, [id]);

  // The selected run's own trajectory (for the centres on offer): polled while the run trains.
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

  const centres = useMemo(() => centreOptions(trajectory, finished), [trajectory, finished]);
  // Until the user picks one: the final parameters, else the latest snapshot.
  const chosenCentre = centres.some((c) => c.value === centre) ? centre : (centres[0]?.value ?? '');

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

  const landscapePaths = useMemo(() => (landscapeShown?.trajectory ? [{ ...landscapeShown.trajectory, color: '#ff5050' }] : []), [landscapeShown]);
  const drawContour = useCallback((ctx: CanvasRenderingContext2D, w: number, h: number) => drawPlane(ctx, w, h, landscapeShown, landscapePaths), [landscapeShown, landscapePaths]);
  const drawRoughness = useCallback(
    (ctx: CanvasRenderingContext2D, w: number, h: number) =>
      drawLineChart(ctx, w, h, {
        title: 'Roughness index along the trajectory',
        xTitle: 'iteration',
        yTitle: 'mean τ',
        series: roughnessShown?.history ? [{ label: 'roughness index', color: '#5ab4ff', x: roughnessShown.history.iterations, y: roughnessShown.history.roughnessIndex }] : [],
      }),
    [roughnessShown],
  );

  const running = state.status === 'running';
  const progress = state.total > 0 ? state.done / state.total : 0;
  const canStart = Boolean(service) && !running && chosenCentre !== '';
  const at = chosenCentre === '' ? undefined : pointOf(chosenCentre);

  const centrePicker = (
    <label>
      around{' '}
      <select value={chosenCentre} onChange={(e) => setCentre(e.target.value)} aria-label="centre" disabled={centres.length === 0}>
        {centres.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );

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
      {(tab === 'landscape' || tab === 'roughness') && (
        <div className="analysis-controls">
          {centrePicker}
          {tab === 'landscape' ? (
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
              <label>
                range ±{' '}
                <input type="number" min={0} step="any" placeholder="auto" value={range} onChange={(e) => setRange(e.target.value)} style={{ width: '5em' }} />
              </label>
              <button disabled={!canStart} onClick={() => void start({ kind: 'landscape', directions, grid, at, range: range === '' ? undefined : Number(range) })}>
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
              <button disabled={!canStart} onClick={() => void start({ kind: 'roughness', directions: roughDirections, points: roughPoints, at })}>
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
          {centres.length === 0 && <span className="muted">no saved parameters yet: the trajectory's first snapshots or a checkpoint come with training</span>}
        </div>
      )}
      {tab === 'trajectory' && selected && <TrajectoryView service={service} store={store} selected={selected} landscape={landscapeShown} />}
      {tab === 'landscape' && (
        <>
          <div className="analysis-body two">
            <Surface3D landscape={landscapeShown} paths={landscapePaths} testId="landscape-surface" />
            <DrawnCanvas draw={drawContour} testId="landscape-contour" points={landscapeShown?.losses.length ?? 0} />
          </div>
          {landscapeShown && (
            <p className="muted" data-testid="landscape-centre">
              around {landscapeShown.centre.label}; {String(landscapeShown.directions.kind)} directions; loss at the centre {landscapeShown.lossAtCentre.toExponential(3)}
            </p>
          )}
        </>
      )}
      {tab === 'roughness' && (
        <div className="analysis-body">
          <DrawnCanvas draw={drawRoughness} testId="roughness-chart" points={roughnessShown?.history?.iterations.length ?? 0} />
          {roughnessShown && (
            <p className="muted" data-testid="roughness-value">
              roughness index at {roughnessShown.centre.label} {roughnessShown.roughnessIndex.toFixed(4)} (variance {roughnessShown.variance.toExponential(2)})
            </p>
          )}
        </div>
      )}
      {tab === 'compare' && <ComparisonView service={service} store={store} selected={selected} />}
    </section>
  );
}
