import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FieldSnapshot, FieldView as FieldViewName } from '../../../workers/protocol/service';
import { colorMapsOfKind, findColorMap, linearLut } from '../field/colorMaps';
import { extents, FieldScene, type FieldMode, type HoverSample } from '../field/fieldScene';
import { availableViews, fieldValues } from '../field/fieldValues';
import { flowOverlaySegments, hasVelocity, type FlowOverlay } from '../flow/flowOverlay';
import { formatCompact, formatInteger } from '../format/numbers';
import { ColorBar } from './ColorBar';

export interface FieldViewProps {
  snapshot?: FieldSnapshot;
  view: FieldViewName;
  onViewChange: (view: FieldViewName) => void;
}

const VIEW_LABELS: Record<FieldViewName, string> = {
  prediction: 'Prediction',
  exact: 'Exact',
  error: 'Error (prediction − exact)',
};

/** The snapshot as a coloured height surface (or flat map) with orbit controls, legend and hover readout. */
export const FieldView = memo(function FieldView({ snapshot, view, onViewChange }: FieldViewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const sceneRef = useRef<FieldScene | undefined>(undefined);
  const pending = useRef<number | undefined>(undefined);
  const pointer = useRef<[number, number] | undefined>(undefined);
  const [webglError, setWebglError] = useState<string>();
  const [mode, setMode] = useState<FieldMode>('surface');
  const [sequentialName, setSequentialName] = useState('viridis');
  const [divergingName, setDivergingName] = useState('coolwarm');
  const [hover, setHover] = useState<HoverSample & { flipX: boolean; flipY: boolean }>();
  const [meshEdges, setMeshEdges] = useState(true);
  const [meshQuality, setMeshQuality] = useState(false);
  const meshOverlay = snapshot?.mesh;
  const [overlay, setOverlay] = useState<FlowOverlay>('streamlines');
  const viewId = useId();
  const overlayId = useId();
  const mapId = useId();

  const views = availableViews(snapshot);
  const shownView = views.includes(view) ? view : 'prediction';
  const diverging = shownView === 'error';
  const map = diverging ? findColorMap(divergingName, 'diverging') : findColorMap(sequentialName, 'sequential');
  const maps = colorMapsOfKind(diverging ? 'diverging' : 'sequential');
  const lut = useMemo(() => linearLut(map), [map]);
  const field = useMemo(() => (snapshot ? fieldValues(snapshot, shownView) : undefined), [snapshot, shownView]);

  useEffect(() => {
    const canvas = canvasRef.current!;
    let scene: FieldScene;
    try {
      scene = new FieldScene(canvas, overlayRef.current!);
    } catch (error) {
      setWebglError((error as Error).message || 'WebGL is not available');
      return;
    }
    sceneRef.current = scene;
    const observer = new ResizeObserver(([entry]) => scene.resize(entry.contentRect.width, entry.contentRect.height));
    observer.observe(stageRef.current!);
    return () => {
      observer.disconnect();
      if (pending.current !== undefined) cancelAnimationFrame(pending.current);
      sceneRef.current = undefined;
      scene.dispose();
    };
  }, []);

  useEffect(() => sceneRef.current?.setMode(mode), [mode]);

  const velocity = hasVelocity(snapshot);
  const segments = useMemo(() => (snapshot && velocity ? flowOverlaySegments(snapshot, overlay, extents(snapshot.axes)) : undefined), [snapshot, velocity, overlay]);

  /** Reads the field under the pointer (also after a new snapshot, so a resting pointer shows live values). */
  const pickAt = (position: [number, number] | undefined) => {
    const sample = position ? sceneRef.current?.pick(position[0], position[1]) : undefined;
    const stage = stageRef.current;
    setHover(
      sample && stage
        ? { ...sample, flipX: sample.px > stage.clientWidth - 190, flipY: sample.py > stage.clientHeight - 80 }
        : undefined,
    );
  };

  useEffect(() => {
    if (!field) return;
    sceneRef.current?.setField(field, lut);
    sceneRef.current?.setOverlay(segments);
    pickAt(pointer.current);
    // pickAt reads refs only
  }, [field, lut, segments]);

  useEffect(() => sceneRef.current?.setMeshOverlay(meshOverlay, meshEdges, meshQuality), [meshOverlay, meshEdges, meshQuality, field]);

  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (event.buttons !== 0 || !field) {
      pointer.current = undefined;
      if (hover) setHover(undefined);
      return;
    }
    pointer.current = [event.nativeEvent.offsetX, event.nativeEvent.offsetY];
    if (pending.current !== undefined) return;
    pending.current = requestAnimationFrame(() => {
      pending.current = undefined;
      pickAt(pointer.current);
    });
  };

  const onPointerLeave = () => {
    if (pending.current !== undefined) cancelAnimationFrame(pending.current);
    pending.current = undefined;
    pointer.current = undefined;
    sceneRef.current?.hideMarker();
    setHover(undefined);
  };

  const fixed = snapshot ? Object.entries(snapshot.fixed) : [];
  return (
    <section className="field-view" aria-label="Field view">
      <div className="toolbar">
        <div className="toolbar-field">
          <label htmlFor={viewId}>View</label>
          <select id={viewId} data-testid="view-select" value={shownView} onChange={(event) => onViewChange(event.target.value as FieldViewName)}>
            {(['prediction', 'exact', 'error'] as const).map((name) => (
              <option key={name} value={name} disabled={!views.includes(name)}>
                {VIEW_LABELS[name]}
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar-field">
          <label htmlFor={mapId}>Colours</label>
          <select
            id={mapId}
            data-testid="colormap-select"
            value={map.name}
            onChange={(event) => (diverging ? setDivergingName : setSequentialName)(event.target.value)}
          >
            {maps.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="segmented" role="group" aria-label="Display">
          <button type="button" data-testid="mode-surface" aria-pressed={mode === 'surface'} onClick={() => setMode('surface')}>
            3D surface
          </button>
          <button type="button" data-testid="mode-flat" aria-pressed={mode === 'flat'} onClick={() => setMode('flat')}>
            Flat
          </button>
        </div>
        {meshOverlay && (
          <div className="segmented" role="group" aria-label="Mesh">
            <button type="button" data-testid="mesh-edges" aria-pressed={meshEdges} onClick={() => setMeshEdges(!meshEdges)}>
              Mesh
            </button>
            <button type="button" data-testid="mesh-quality" aria-pressed={meshQuality} onClick={() => setMeshQuality(!meshQuality)} title="Cells coloured by shortest / longest edge (green square, red sliver, magenta inverted)">
              Quality
            </button>
          </div>
        )}
        {velocity && (
          <div className="toolbar-field">
            <label htmlFor={overlayId}>Flow</label>
            <select id={overlayId} data-testid="flow-overlay-select" value={overlay} onChange={(event) => setOverlay(event.target.value as FlowOverlay)}>
              <option value="streamlines">Streamlines</option>
              <option value="arrows">Velocity arrows</option>
              <option value="none">None</option>
            </select>
          </div>
        )}
        <button type="button" className="small" data-testid="reset-view" onClick={() => sceneRef.current?.resetView()}>
          Reset view
        </button>
        <span className="toolbar-caption muted" data-testid="field-caption">
          {snapshot
            ? `${snapshot.unknown} on ${snapshot.axes[0].n}×${snapshot.axes[1].n} grid · iteration ${formatInteger(snapshot.iteration)}` +
              (fixed.length ? ` · slice ${fixed.map(([k, v]) => `${k} = ${formatCompact(v)}`).join(', ')}` : '')
            : ''}
        </span>
      </div>
      <div className="field-stage" ref={stageRef}>
        <canvas
          ref={canvasRef}
          data-testid="field-canvas"
          data-iteration={snapshot?.iteration}
          data-view={shownView}
          data-overlay-segments={segments ? segments.length / 4 : 0}
          aria-label="3D field view: drag to orbit, scroll to zoom, right-drag to pan"
          onPointerMove={onPointerMove}
          onPointerLeave={onPointerLeave}
          onPointerDown={() => {
            pointer.current = undefined;
            setHover(undefined);
          }}
        />
        <div className="axis-overlay" ref={overlayRef} aria-hidden="true" />
        {!snapshot && !webglError && <div className="stage-note">No field yet: start or select a run.</div>}
        {webglError && <div className="stage-note error-text">3D view unavailable: {webglError}</div>}
        {field && <ColorBar map={map} min={field.min} max={field.max} label={field.label} />}
        {hover && field && (
          <div
            className="hover-value"
            data-testid="hover-value"
            style={{
              transform:
                `translate(${Math.round(hover.px + (hover.flipX ? -14 : 14))}px, ${Math.round(hover.py + (hover.flipY ? -14 : 14))}px)` +
                ` translate(${hover.flipX ? '-100%' : '0'}, ${hover.flipY ? '-100%' : '0'})`,
            }}
          >
            <span>
              {field.axes[0].name} = {formatCompact(hover.x, 4)}
            </span>
            <span>
              {field.axes[1].name} = {formatCompact(hover.y, 4)}
            </span>
            <strong>
              {field.label} = {formatCompact(hover.value, 4)}
            </strong>
          </div>
        )}
      </div>
    </section>
  );
});
