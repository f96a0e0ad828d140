/**
 * The trajectory view: the chosen runs of one problem on one PCA plane (the PCA of all their
 * snapshots together, centred on the selected run's latest), in 3D at the height of their loss
 * and flat on the plane, coloured by iteration; polled while any of them trains. With only the
 * selected run and a PCA landscape of it computed, its surface is drawn under the path.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { JointTrajectories, LandscapeReport, RunSummary, WorkbenchService } from '../../../workers/protocol/service';
import { DrawnCanvas } from '../analysis/DrawnCanvas';
import { drawPlane, type PlanePath } from '../analysis/drawPlane';
import type { SurfacePath } from '../analysis/landscapeSurface';
import { RUN_COLORS } from '../analysis/planeMath';
import { Surface3D } from '../analysis/Surface3D';
import { isFinished, type RunStore } from '../state/runStore';
import { errorText } from '../transport/deadline';

const POLL_MS = 3000;

export interface TrajectoryViewProps {
  service: WorkbenchService | undefined;
  store: RunStore;
  selected: RunSummary;
  /** The selected run's landscape on view, if any. */
  landscape: LandscapeReport | undefined;
}

export function TrajectoryView({ service, store, selected, landscape }: TrajectoryViewProps) {
  const candidates = useMemo(() => store.runs.filter((r) => r.problem === selected.problem), [store.runs, selected.problem]);
  const [others, setOthers] = useState<Set<string>>(new Set());
  const [joint, setJoint] = useState<JointTrajectories>();
  const [error, setError] = useState<string>();
  const [overLandscape, setOverLandscape] = useState(true);
  useEffect(() => {
    setOthers(new Set());
    setJoint(undefined);
  }, [selected.id]);

  const ids = useMemo(() => [selected.id, ...candidates.filter((r) => r.id !== selected.id && others.has(r.id)).map((r) => r.id)], [selected.id, candidates, others]);
  const live = ids.some((id) => !isFinished(candidates.find((r) => r.id === id)));

  useEffect(() => {
    if (!service) return;
    let active = true;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const next = await service.trajectories(ids);
        if (active) {
          setJoint(next);
          setError(undefined);
        }
      } catch (e) {
        if (active) setError(errorText(e));
      }
      if (active && live) timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [service, ids.join(','), live]);

  const colorOf = (id: string) => RUN_COLORS[Math.max(0, candidates.findIndex((r) => r.id === id)) % RUN_COLORS.length];
  // The landscape's own path (exact losses, its plane) when only the selected run is shown.
  const landscapePath = overLandscape && ids.length === 1 ? landscape?.trajectory : undefined;
  const surfaceLandscape = landscapePath ? landscape : undefined;
  const paths: SurfacePath[] = useMemo(
    () => (landscapePath ? [{ ...landscapePath, color: colorOf(selected.id) }] : (joint?.runs ?? []).map((run) => ({ ...run, color: colorOf(run.id) }))),
    [landscapePath, joint, candidates],
  );
  const planePaths: PlanePath[] = useMemo(() => (landscapePath ? [{ ...landscapePath, color: colorOf(selected.id) }] : (joint?.runs ?? []).map((run) => ({ ...run, color: colorOf(run.id) }))), [landscapePath, joint, candidates]);
  const draw = useCallback((ctx: CanvasRenderingContext2D, w: number, h: number) => drawPlane(ctx, w, h, surfaceLandscape, planePaths), [surfaceLandscape, planePaths]);
  const points = planePaths.reduce((n, p) => n + p.alpha.length, 0);

  return (
    <>
      <div className="analysis-controls" data-testid="trajectory-runs">
        {candidates.map((run) => (
          <label key={run.id}>
            <input
              type="checkbox"
              checked={run.id === selected.id || others.has(run.id)}
              disabled={run.id === selected.id}
              onChange={(e) => {
                const next = new Set(others);
                if (e.target.checked) next.add(run.id);
                else next.delete(run.id);
                setOthers(next);
              }}
            />{' '}
            <span className="run-swatch" style={{ background: colorOf(run.id) }} /> {run.name}
            {!isFinished(run) && <span className="muted"> (training)</span>}
          </label>
        ))}
        {landscape?.trajectory && ids.length === 1 && (
          <label>
            <input type="checkbox" checked={overLandscape} onChange={(e) => setOverLandscape(e.target.checked)} /> over the PCA landscape
          </label>
        )}
      </div>
      {error && <div className="analysis-error" role="alert">{error}</div>}
      <div className="analysis-body two">
        <Surface3D landscape={surfaceLandscape} paths={paths} testId="trajectory-3d" />
        <DrawnCanvas draw={draw} testId="trajectory-plane" points={points} />
      </div>
      <p className="muted" data-testid="trajectory-caption">
        {joint && joint.runs.length > 0
          ? `${joint.runs.length} run${joint.runs.length > 1 ? 's' : ''}, ${joint.parameterCount} parameters; PCA of ${joint.runs.length > 1 ? 'all their' : 'its'} snapshots explains ${(100 * (joint.explained[0] ?? 0)).toFixed(1)}% + ${(100 * (joint.explained[1] ?? 0)).toFixed(1)}%; ` +
            `height: ${landscapePath ? 'the loss at each snapshot' : 'the training loss recorded at each snapshot'} (log10); colour: iteration (dark = early)${live ? '; updating while training' : ''}`
          : 'no trajectory yet (the config’s "trajectory" setting records one)'}
      </p>
      {joint && joint.omitted.length > 0 && (
        <ul className="muted" data-testid="trajectory-omitted">
          {joint.omitted.map((o) => (
            <li key={o.id}>
              {o.name} not drawn: {o.reason}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
