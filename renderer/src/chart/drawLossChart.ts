/**
 * Draws the loss chart on a 2D canvas: log y axis with decade ticks, linear iteration axis,
 * one line per series (decimated to the pixel width), dashed marks where the optimizer changes.
 * Pure drawing: the caller owns the canvas, its size and when to draw.
 */
import { decadeLabel, decadeRange, niceTicks } from './axisTicks';
import { decimateMinMax, type PlotPoint } from './decimate';
import type { LossChartModel, LossSeries } from './lossSeries';

export interface PlotFrame {
  left: number;
  right: number;
  top: number;
  bottom: number;
  xMin: number;
  xMax: number;
}

const MARGIN = { left: 48, right: 14, top: 18, bottom: 30 };
const COLORS = {
  grid: 'rgba(255,255,255,0.10)',
  minor: 'rgba(255,255,255,0.04)',
  axis: 'rgba(255,255,255,0.35)',
  text: '#9aa4b2',
  change: 'rgba(230,233,239,0.45)',
  hover: 'rgba(230,233,239,0.6)',
};
const FONT = '11px ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace';

function valueRange(model: LossChartModel): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const s of model.series) {
    for (const p of s.points) {
      if (p.value > 0 && Number.isFinite(p.value)) {
        if (p.value < min) min = p.value;
        if (p.value > max) max = p.value;
      }
    }
  }
  return min <= max ? { min, max } : undefined;
}

function iterationRange(model: LossChartModel): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const s of model.series) {
    if (s.points.length === 0) continue;
    min = Math.min(min, s.points[0].iteration);
    max = Math.max(max, s.points[s.points.length - 1].iteration);
  }
  if (!(min <= max)) return { min: 0, max: 1 };
  if (min === max) return { min: Math.max(0, min - 1), max: max + 1 };
  return { min, max };
}

export function emptyFrame(width: number, height: number): PlotFrame {
  return { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom, xMin: 0, xMax: 1 };
}

export function iterationAt(frame: PlotFrame, px: number): number {
  const t = (px - frame.left) / Math.max(1, frame.right - frame.left);
  return frame.xMin + Math.min(1, Math.max(0, t)) * (frame.xMax - frame.xMin);
}

function drawSeries(ctx: CanvasRenderingContext2D, s: LossSeries, toX: (i: number) => number, toY: (v: number) => number, width: number): void {
  const segments: PlotPoint[][] = [];
  let current: PlotPoint[] = [];
  for (const p of s.points) {
    if (p.value > 0 && Number.isFinite(p.value)) current.push({ x: toX(p.iteration), y: toY(p.value) });
    else if (current.length > 0) {
      segments.push(current);
      current = [];
    }
  }
  if (current.length > 0) segments.push(current);

  ctx.strokeStyle = s.color;
  ctx.fillStyle = s.color;
  ctx.lineWidth = s.key === 'loss' ? 1.8 : 1.3;
  ctx.setLineDash(s.dashed ? [6, 4] : []);
  for (const segment of segments) {
    const points = decimateMinMax(segment, width);
    ctx.beginPath();
    points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
    ctx.stroke();
  }
  ctx.setLineDash([]);
  if (s.dashed && s.points.length <= 80) {
    for (const segment of segments) for (const p of segment) ctx.fillRect(p.x - 1.5, p.y - 1.5, 3, 3);
  }
}

export function drawLossChart(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  model: LossChartModel,
  hoverIteration?: number,
  /** What the x axis holds (TENG's error chart plots against time t). */
  xLabel = 'iteration',
): PlotFrame {
  ctx.clearRect(0, 0, width, height);
  ctx.font = FONT;
  const frame = emptyFrame(width, height);
  const range = valueRange(model);
  if (!range || frame.right - frame.left < 20 || frame.bottom - frame.top < 20) {
    ctx.fillStyle = COLORS.text;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(model.rowCount === 0 ? 'No metrics yet: start or select a run' : 'No positive values to plot', width / 2, height / 2);
    return frame;
  }

  const xs = iterationRange(model);
  frame.xMin = xs.min;
  frame.xMax = xs.max;
  const decades = decadeRange(range.min, range.max, Math.max(2, Math.floor((frame.bottom - frame.top) / 22)));
  const plotW = frame.right - frame.left;
  const plotH = frame.bottom - frame.top;
  const toX = (iteration: number) => frame.left + ((iteration - xs.min) / (xs.max - xs.min)) * plotW;
  const toLogY = (log: number) => frame.bottom - ((log - decades.low) / (decades.high - decades.low)) * plotH;
  const toY = (value: number) => toLogY(Math.log10(value));

  ctx.lineWidth = 1;
  ctx.strokeStyle = COLORS.minor;
  for (const d of decades.minor) {
    const y = Math.round(toLogY(d)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(frame.left, y);
    ctx.lineTo(frame.right, y);
    ctx.stroke();
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const d of decades.ticks) {
    const y = Math.round(toLogY(d)) + 0.5;
    ctx.strokeStyle = COLORS.grid;
    ctx.beginPath();
    ctx.moveTo(frame.left, y);
    ctx.lineTo(frame.right, y);
    ctx.stroke();
    ctx.fillStyle = COLORS.text;
    ctx.fillText(decadeLabel(d), frame.left - 6, y);
  }

  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const tick of niceTicks(xs.min, xs.max, Math.max(2, Math.floor(plotW / 90)))) {
    const x = Math.round(toX(tick)) + 0.5;
    ctx.strokeStyle = COLORS.grid;
    ctx.beginPath();
    ctx.moveTo(x, frame.top);
    ctx.lineTo(x, frame.bottom);
    ctx.stroke();
    ctx.fillStyle = COLORS.text;
    ctx.fillText(String(tick), x, frame.bottom + 5);
  }
  ctx.textAlign = 'right';
  ctx.fillText(xLabel, frame.right, frame.bottom + 17);

  ctx.strokeStyle = COLORS.axis;
  ctx.strokeRect(frame.left + 0.5, frame.top + 0.5, plotW - 1, plotH - 1);

  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  for (const change of model.changes) {
    const x = Math.round(toX(change.iteration)) + 0.5;
    ctx.strokeStyle = COLORS.change;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(x, frame.top);
    ctx.lineTo(x, frame.bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = COLORS.text;
    ctx.fillText(`→ ${change.optimizer}`, x + 3, frame.top - 3);
  }

  ctx.save();
  ctx.beginPath();
  ctx.rect(frame.left, frame.top - 2, plotW, plotH + 4);
  ctx.clip();
  for (const s of model.series) drawSeries(ctx, s, toX, toY, plotW);
  ctx.restore();

  if (hoverIteration !== undefined) {
    const x = Math.round(toX(hoverIteration)) + 0.5;
    ctx.strokeStyle = COLORS.hover;
    ctx.beginPath();
    ctx.moveTo(x, frame.top);
    ctx.lineTo(x, frame.bottom);
    ctx.stroke();
  }
  return frame;
}
