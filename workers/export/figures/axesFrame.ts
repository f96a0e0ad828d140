/**
 * The parts every 2D figure shares: font sizes that follow the figure size, margins that fit the
 * tick labels and titles, and the frame, grid, ticks, tick labels, axis titles and title.
 * Axis coordinates are linear; a log axis passes log10 values.
 */
import type { FontMetrics, SceneItem } from './scene';

export interface Tick {
  /** Position in axis coordinates (the exponent on a log-10 axis). */
  value: number;
  label: string;
}

export interface Axis {
  title: string;
  lo: number;
  hi: number;
  ticks: Tick[];
  /** Unlabelled short ticks, in axis coordinates. */
  minor?: number[];
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Font sizes and a length unit for a figure, growing with its size (1 unit = 1 px at 960×600). */
export interface FigureStyle {
  unit: number;
  tick: number;
  label: number;
  title: number;
  legend: number;
  ink: string;
  grid: string;
}

export const TEXT_COLOR = '#222222';

/** Sizes for a figure of this many pixels. */
export function figureStyle(width: number, height: number): FigureStyle {
  const unit = Math.min(4, Math.max(0.6, Math.min(width / 960, height / 600)));
  return { unit, tick: 13 * unit, label: 14 * unit, title: 19 * unit, legend: 13 * unit, ink: TEXT_COLOR, grid: '#e3e3e3' };
}

/** Pixel position of an axis coordinate along [from, to]. */
export function axisPixel(axis: Axis, value: number, from: number, to: number): number {
  const span = axis.hi - axis.lo;
  return from + ((span !== 0 ? (value - axis.lo) / span : 0.5) * (to - from));
}

/** Horizontal pixel of an x value inside the plot rectangle. */
export function xPixel(rect: Rect, axis: Axis, value: number): number {
  return axisPixel(axis, value, rect.x, rect.x + rect.width);
}

/** Vertical pixel of a y value inside the plot rectangle (up is larger). */
export function yPixel(rect: Rect, axis: Axis, value: number): number {
  return axisPixel(axis, value, rect.y + rect.height, rect.y);
}

export interface FrameRequest {
  width: number;
  height: number;
  x: Axis;
  y: Axis;
  /** Extra room to keep free at the right (a colour bar) and the top (phase labels). */
  right?: number;
  top?: number;
  hasTitle: boolean;
}

/** The plot rectangle left once the title, tick labels and axis titles have their room. */
export function plotRect(request: FrameRequest, style: FigureStyle, metrics: FontMetrics): Rect {
  const { unit } = style;
  const pad = 14 * unit;
  const tickLength = 5 * unit;
  const yLabelWidth = Math.max(0, ...request.y.ticks.map((t) => metrics.width(t.label, style.tick)));
  const lastXLabel = request.x.ticks.length > 0 ? metrics.width(request.x.ticks[request.x.ticks.length - 1].label, style.tick) / 2 : 0;
  const left = pad + metrics.capHeight(style.label) + 14 * unit + yLabelWidth + tickLength + 6 * unit;
  const bottom = pad + metrics.capHeight(style.label) + 12 * unit + metrics.capHeight(style.tick) + tickLength + 7 * unit;
  const top = pad + (request.hasTitle ? metrics.capHeight(style.title) + 16 * unit : 0) + (request.top ?? 0);
  const right = Math.max(pad + lastXLabel, pad + (request.right ?? 0));
  return { x: left, y: top, width: Math.max(10, request.width - left - right), height: Math.max(10, request.height - top - bottom) };
}

/** Grid lines behind the data at the major ticks. */
export function gridItems(rect: Rect, x: Axis, y: Axis, style: FigureStyle): SceneItem[] {
  const items: SceneItem[] = [];
  for (const t of x.ticks) {
    const px = xPixel(rect, x, t.value);
    items.push({ kind: 'polyline', points: [[px, rect.y], [px, rect.y + rect.height]], stroke: style.grid, width: style.unit });
  }
  for (const t of y.ticks) {
    const py = yPixel(rect, y, t.value);
    items.push({ kind: 'polyline', points: [[rect.x, py], [rect.x + rect.width, py]], stroke: style.grid, width: style.unit });
  }
  return items;
}

/** The frame, outward ticks with labels, and the axis titles, drawn over the data. */
export function axesItems(rect: Rect, x: Axis, y: Axis, style: FigureStyle, metrics: FontMetrics): SceneItem[] {
  const { unit, ink } = style;
  const tickLength = 5 * unit;
  const bottom = rect.y + rect.height;
  const items: SceneItem[] = [{ kind: 'rect', ...rect, stroke: ink, strokeWidth: unit }];
  const text = (px: number, py: number, label: string, anchor: 'start' | 'middle' | 'end', baseline: 'top' | 'middle' | 'baseline', size: number, vertical = false): SceneItem => ({
    kind: 'text', x: px, y: py, text: label, size, color: ink, anchor, baseline, vertical,
  });
  for (const t of x.ticks) {
    const px = xPixel(rect, x, t.value);
    items.push({ kind: 'polyline', points: [[px, bottom], [px, bottom + tickLength]], stroke: ink, width: unit });
    items.push(text(px, bottom + tickLength + 6 * unit, t.label, 'middle', 'top', style.tick));
  }
  for (const value of x.minor ?? []) {
    const px = xPixel(rect, x, value);
    items.push({ kind: 'polyline', points: [[px, bottom], [px, bottom + tickLength / 2]], stroke: ink, width: unit });
  }
  for (const t of y.ticks) {
    const py = yPixel(rect, y, t.value);
    items.push({ kind: 'polyline', points: [[rect.x - tickLength, py], [rect.x, py]], stroke: ink, width: unit });
    items.push(text(rect.x - tickLength - 5 * unit, py, t.label, 'end', 'middle', style.tick));
  }
  for (const value of y.minor ?? []) {
    const py = yPixel(rect, y, value);
    items.push({ kind: 'polyline', points: [[rect.x - tickLength / 2, py], [rect.x, py]], stroke: ink, width: unit });
  }
  const tickCap = metrics.capHeight(style.tick);
  items.push(text(rect.x + rect.width / 2, bottom + tickLength + 6 * unit + tickCap + 12 * unit, x.title, 'middle', 'top', style.label));
  const yLabelWidth = Math.max(0, ...y.ticks.map((t) => metrics.width(t.label, style.tick)));
  const yTitleX = rect.x - tickLength - 5 * unit - yLabelWidth - 14 * unit;
  items.push(text(yTitleX, rect.y + rect.height / 2, y.title, 'middle', 'baseline', style.label, true));
  return items;
}

/** The figure title, centred over the plot rectangle at the top of the figure. */
export function titleItem(rect: Rect, title: string, style: FigureStyle, figureWidth: number, metrics: FontMetrics): SceneItem {
  const width = metrics.width(title, style.title);
  const centre = Math.min(Math.max(rect.x + rect.width / 2, width / 2 + 8 * style.unit), figureWidth - width / 2 - 8 * style.unit);
  return { kind: 'text', x: centre, y: 14 * style.unit, text: title, size: style.title, color: style.ink, anchor: 'middle', baseline: 'top', bold: true };
}
