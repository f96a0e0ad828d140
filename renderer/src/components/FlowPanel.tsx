import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FieldSnapshot } from '../../../workers/protocol/service';
import { REFERENCE_TABLE_IDS, referenceTable } from '../../../workers/reference/tables';
import { findColorMap, sampleColorMap } from '../field/colorMaps';
import { flowScalars, flowScalarValues, velocityGlyphs, verticalProfile, type FlowScalar } from '../flow/flowFields';

export interface FlowPanelProps {
  snapshot?: FieldSnapshot;
  /** The run's problem id: cavity problems (Re = 100, 400, 1000) get Ghia's centreline points beside their profile. */
  problem?: string;
}

const LABELS: Record<FlowScalar, string> = { speed: '|u| (speed)', p: 'pressure p', psi: 'stream function ψ', omega: 'vorticity ω' };
const GLYPHS = 18;

/** Ghia's centreline table for a built-in cavity problem (cavity-re100, cavity-re400-…, cavity-re1000), if there is one. */
function ghiaTableFor(problem: string | undefined): string | undefined {
  const re = /^cavity-re(\d+)/.exec(problem ?? '')?.[1];
  const id = `ghia1982-re${re}-u`;
  return re !== undefined && REFERENCE_TABLE_IDS.includes(id) ? id : undefined;
}
const SIZE = 320;

/** Velocity magnitude / pressure with arrow glyphs, and the cavity centreline against Ghia's table. */
export const FlowPanel = memo(function FlowPanel({ snapshot, problem }: FlowPanelProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const selectId = useId();
  const scalars = flowScalars(snapshot);
  const [chosen, setChosen] = useState<FlowScalar>('speed');
  const scalar = scalars.includes(chosen) ? chosen : scalars[0];
  // Canvas 2D paints sRGB: sample the map directly (linearLut is for the WebGL view).
  const lut = useMemo(() => Float32Array.from({ length: 256 * 3 }, (_, k) => sampleColorMap(findColorMap('viridis', 'sequential'), Math.floor(k / 3) / 255)[k % 3]), []);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !snapshot || !scalar) return;
    const [ax, ay] = snapshot.axes;
    const aspect = (ay.max - ay.min) / (ax.max - ax.min);
    const width = SIZE;
    const height = Math.max(40, Math.round(SIZE * Math.min(aspect, 1.5)));
    canvas.width = width;
    canvas.height = height;
    const values = flowScalarValues(snapshot, scalar);
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) if (Number.isFinite(v)) [min, max] = [Math.min(min, v), Math.max(max, v)];
    const image = context.createImageData(width, height);
    for (let py = 0; py < height; py++) {
      const j = Math.round((1 - py / (height - 1)) * (ay.n - 1));
      for (let px = 0; px < width; px++) {
        const i = Math.round((px / (width - 1)) * (ax.n - 1));
        const v = values[j * ax.n + i];
        const o = 4 * (py * width + px);
        if (!Number.isFinite(v)) {
          image.data.set([255, 255, 255, 255], o);
          continue;
        }
        const t = max > min ? (v - min) / (max - min) : 0.5;
        const k = Math.min(lut.length / 3 - 1, Math.max(0, Math.round(t * (lut.length / 3 - 1))));
        image.data.set([lut[3 * k] * 255, lut[3 * k + 1] * 255, lut[3 * k + 2] * 255, 255], o);
      }
    }
    context.putImageData(image, 0, 0);
    context.strokeStyle = 'rgba(255,255,255,0.9)';
    context.lineWidth = 1;
    for (const g of velocityGlyphs(snapshot, GLYPHS)) {
      const x0 = g.fx * width;
      const y0 = (1 - g.fy) * height;
      const x1 = x0 + g.dx * width;
      const y1 = y0 - g.dy * height;
      context.beginPath();
      context.moveTo(x0, y0);
      context.lineTo(x1, y1);
      const angle = Math.atan2(y1 - y0, x1 - x0);
      const head = Math.min(4, 0.35 * Math.hypot(x1 - x0, y1 - y0));
      context.lineTo(x1 - head * Math.cos(angle - 0.5), y1 - head * Math.sin(angle - 0.5));
      context.moveTo(x1, y1);
      context.lineTo(x1 - head * Math.cos(angle + 0.5), y1 - head * Math.sin(angle + 0.5));
      context.stroke();
    }
  }, [snapshot, scalar, lut]);

  if (!snapshot || scalars.length === 0) return null;
  const table = ghiaTableFor(problem);
  const profile = table ? verticalProfile(snapshot, 0.5) : [];
  const ghia = table && profile.length > 0 ? referenceTable(table) : undefined;
  const toX = (u: number) => 20 + ((u + 0.4) / 1.5) * 180;
  const toY = (y: number) => 190 - y * 180;
  return (
    <section className="flow-panel" aria-label="Flow view" data-testid="flow-panel">
      <div className="toolbar">
        <label htmlFor={selectId}>Flow</label>
        <select id={selectId} data-testid="flow-scalar" value={scalar} onChange={(event) => setChosen(event.target.value as FlowScalar)}>
          {scalars.map((name) => (
            <option key={name} value={name}>
              {LABELS[name]}
            </option>
          ))}
        </select>
        <span className="muted">arrows: velocity (longest = one cell)</span>
      </div>
      <div className="flow-row">
        <canvas ref={canvasRef} data-testid="flow-canvas" aria-label={`${LABELS[scalar!]} with velocity arrows`} />
        {profile.length > 0 && (
          <svg width={210} height={200} data-testid="centreline-profile" aria-label="u on x = 0.5 against Ghia, Ghia and Shin (1982)">
            <line x1={toX(0)} x2={toX(0)} y1={toY(0)} y2={toY(1)} stroke="#888" strokeDasharray="3 3" />
            <polyline fill="none" stroke="#2a7ae2" strokeWidth={1.5} points={profile.map((p) => `${toX(p.u)},${toY(p.y)}`).join(' ')} />
            {ghia?.points.map(([, y], i) => <circle key={i} cx={toX(ghia.values[i])} cy={toY(y)} r={3} fill="none" stroke="#d33" />)}
            <text x={24} y={14} fontSize={11}>
              u(0.5, y): line PINN, circles Ghia
            </text>
          </svg>
        )}
      </div>
    </section>
  );
});
