/**
 * The field figure: a heat map of one view of a snapshot (bilinear between grid nodes) with tick
 * labels in the snapshot's axis units, a colour bar with its range and ticks, and a title naming
 * the view, unknown, iteration and slice. The error view uses a diverging map symmetric about 0.
 * One Scene feeds both fieldPlotSvg (heat map embedded as PNG) and fieldPlotPng.
 */
import type { FieldSnapshot, FieldView } from '../../protocol/service';
import { colormapTable, normalizeInRange, rgbToBytes, sampleColormap, viewColouring, type Colormap, type ValueRange } from '../colormap';
import { fieldValues, fixedText, gridSize } from '../fieldGrid';
import type { RgbaImage } from '../png';
import { formatLinearTick, formatValue, linearTicks } from './axisTicks';
import { axesItems, figureStyle, plotRect, titleItem, type Axis, type FigureStyle, type Rect } from './axesFrame';
import { bitmapFontMetrics, sceneToRaster } from './rasterRenderer';
import type { FontMetrics, Scene, SceneItem } from './scene';
import { sceneToSvg, svgFontMetrics } from './svgRenderer';

export interface FieldPlotOptions {
  /** Figure size in pixels (default width 960 for SVG, 1440 for PNG; default height fits the plot). */
  width?: number;
  height?: number;
  title?: string;
  colormap?: string;
  range?: ValueRange;
}

const VIEW_TITLES: Record<FieldView, string> = { prediction: 'Prediction', exact: 'Exact solution', error: 'Error (prediction - exact)' };
/** Axis spans whose ratio is within this factor are drawn to scale. */
const EQUAL_ASPECT_LIMIT = 4;
const TABLE_STEPS = 1024;

/** SVG text of the field figure. */
export function fieldPlotSvg(snapshot: FieldSnapshot, view: FieldView, options: FieldPlotOptions = {}): string {
  return sceneToSvg(fieldPlotScene(snapshot, view, { width: 960, ...options }, svgFontMetrics));
}

/** PNG bytes of the field figure, exactly width × height pixels where both are given. */
export function fieldPlotPng(snapshot: FieldSnapshot, view: FieldView, options: FieldPlotOptions = {}): Uint8Array {
  return sceneToRaster(fieldPlotScene(snapshot, view, { width: 1440, ...options }, bitmapFontMetrics)).toPng();
}

/** The field figure as drawing primitives, laid out for a renderer's font metrics. */
export function fieldPlotScene(snapshot: FieldSnapshot, view: FieldView, options: FieldPlotOptions, metrics: FontMetrics): Scene {
  const width = Math.round(options.width ?? 960);
  const provisionalHeight = Math.round(options.height ?? 0.75 * width);
  const values = fieldValues(snapshot, view);
  const { map, range } = viewColouring(view, values, options);
  const title = options.title ?? fieldTitle(snapshot, view);
  const style = figureStyle(width, provisionalHeight);
  const [ax, ay] = snapshot.axes;
  const x = linearAxis(ax.name, ax.min, ax.max);
  const y = linearAxis(ay.name, ay.min, ay.max);
  const bar = colorBarTicks(range);
  const barLabelWidth = Math.max(...bar.map((t) => metrics.width(t.label, style.tick)));
  const barReserve = style.unit * (24 + 20 + 5 + 6) + barLabelWidth;
  const barTitleRow = metrics.capHeight(style.tick) + 12 * style.unit;
  const frame = plotRect({ width, height: provisionalHeight, x, y, right: barReserve, top: barTitleRow, hasTitle: true }, style, metrics);
  const rect = toScale(frame, Math.abs(ax.max - ax.min), Math.abs(ay.max - ay.min));
  // Without a requested height, the figure ends where the to-scale plot does.
  const height = options.height !== undefined ? provisionalHeight : Math.round(provisionalHeight - (frame.height - rect.height));

  const items: SceneItem[] = [
    { kind: 'rect', ...rect, fill: '#d9d9d9' },
    { kind: 'image', ...rect, image: heatMapImage(snapshot, values, map, range, Math.round(rect.width), Math.round(rect.height)) },
    ...axesItems(rect, x, y, style, metrics),
    ...colorBarItems(rect, map, range, bar, view === 'error' ? 'error' : snapshot.unknown, style),
    titleItem(rect, title, style, width, metrics),
  ];
  return { width, height, background: '#ffffff', title, items };
}

/** "Prediction of u at iteration 500 (z = 0.5)". */
export function fieldTitle(snapshot: FieldSnapshot, view: FieldView): string {
  const slice = fixedText(snapshot);
  return `${VIEW_TITLES[view]} of ${snapshot.unknown} at iteration ${snapshot.iteration}${slice ? ` (${slice})` : ''}`;
}

function linearAxis(title: string, min: number, max: number): Axis {
  const [lo, hi] = min <= max ? [min, max] : [max, min];
  const { values, step } = linearTicks(lo, hi, 6);
  return { title, lo: min, hi: max, ticks: values.map((v) => ({ value: v, label: formatLinearTick(v, step) })) };
}

/** Shrinks the frame so both axes share one scale when their spans are comparable, keeping it centred. */
function toScale(frame: Rect, spanX: number, spanY: number): Rect {
  if (!(spanX > 0 && spanY > 0) || spanX / spanY > EQUAL_ASPECT_LIMIT || spanY / spanX > EQUAL_ASPECT_LIMIT) return frame;
  const scale = Math.min(frame.width / spanX, frame.height / spanY);
  const [width, height] = [spanX * scale, spanY * scale];
  return { x: frame.x + (frame.width - width) / 2, y: frame.y, width, height };
}

/** Field colours at the pixel centres of a width × height image, bilinear between nodes; transparent where not finite. */
function heatMapImage(snapshot: FieldSnapshot, values: Float32Array, map: Colormap, range: ValueRange, width: number, height: number): RgbaImage {
  const { nx, ny } = gridSize(snapshot);
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const data = new Uint8Array(w * h * 4);
  const table = colormapTable(map, TABLE_STEPS);
  const columns = Array.from({ length: w }, (_, px) => gridPosition(((px + 0.5) / w) * (nx - 1), nx));
  for (let py = 0; py < h; py++) {
    const [j0, j1, fy] = gridPosition((1 - (py + 0.5) / h) * (ny - 1), ny);
    for (let px = 0; px < w; px++) {
      const [i0, i1, fx] = columns[px];
      const bottom = values[j0 * nx + i0] * (1 - fx) + values[j0 * nx + i1] * fx;
      const top = values[j1 * nx + i0] * (1 - fx) + values[j1 * nx + i1] * fx;
      const v = bottom * (1 - fy) + top * fy;
      if (!Number.isFinite(v)) continue;
      const entry = 3 * Math.round(Math.min(1, Math.max(0, normalizeInRange(v, range))) * (TABLE_STEPS - 1));
      data.set([table[entry], table[entry + 1], table[entry + 2], 255], 4 * (py * w + px));
    }
  }
  return { width: w, height: h, data };
}

function gridPosition(f: number, n: number): [number, number, number] {
  const i0 = Math.max(0, Math.min(n - 1, Math.floor(f)));
  const i1 = Math.min(n - 1, i0 + 1);
  return [i0, i1, Math.max(0, Math.min(1, f - i0))];
}

interface BarTick {
  value: number;
  label: string;
}

/** The range ends, labelled with their values, and the round values between them. */
function colorBarTicks(range: ValueRange): BarTick[] {
  const ends = [range.min, range.max].map((v) => ({ value: v, label: formatValue(v) }));
  if (!(range.max > range.min)) return ends.slice(0, 1);
  const { values, step } = linearTicks(range.min, range.max, 6);
  const clearance = (range.max - range.min) * 0.07;
  const inner = values.filter((v) => v - range.min > clearance && range.max - v > clearance).map((v) => ({ value: v, label: formatLinearTick(v, step) }));
  return [ends[0], ...inner, ends[1]];
}

function colorBarItems(rect: Rect, map: Colormap, range: ValueRange, ticks: BarTick[], label: string, style: FigureStyle): SceneItem[] {
  const { unit, ink } = style;
  const bar: Rect = { x: rect.x + rect.width + 24 * unit, y: rect.y, width: 20 * unit, height: rect.height };
  const gradient = new Uint8Array(256 * 4);
  for (let k = 0; k < 256; k++) {
    gradient.set([...rgbToBytes(sampleColormap(map, 1 - k / 255)), 255], 4 * k);
  }
  const items: SceneItem[] = [
    { kind: 'image', ...bar, image: { width: 1, height: 256, data: gradient } },
    { kind: 'rect', ...bar, stroke: ink, strokeWidth: unit },
    { kind: 'text', x: bar.x + bar.width / 2, y: bar.y - 10 * unit, text: label, size: style.tick, color: ink, anchor: 'middle', baseline: 'baseline' },
  ];
  for (const tick of ticks) {
    const t = range.max > range.min ? normalizeInRange(tick.value, range) : 0.5;
    const py = bar.y + bar.height * (1 - t);
    items.push({ kind: 'polyline', points: [[bar.x + bar.width, py], [bar.x + bar.width + 5 * unit, py]], stroke: ink, width: unit });
    items.push({ kind: 'text', x: bar.x + bar.width + 10 * unit, y: py, text: tick.label, size: style.tick, color: ink, anchor: 'start', baseline: 'middle' });
  }
  return items;
}
