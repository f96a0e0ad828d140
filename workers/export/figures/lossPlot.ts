/**
 * The training-loss figure: total loss, each loss term and (dashed) the relative L2 error against
 * iteration on a log-10 axis, optimizer phases shaded with their names on top. The layout is one
 * Scene; lossPlotSvg and lossPlotPng only choose the renderer. Values that are not positive and
 * finite cannot sit on a log axis and are skipped.
 */
import type { MetricsRow } from '../../protocol/service';
import { valueRange } from '../colormap';
import { formatDecade, decadeRange, decadeTicks, formatLinearTick, linearTicks } from './axisTicks';
import { axesItems, figureStyle, gridItems, plotRect, titleItem, xPixel, yPixel, type Axis, type FigureStyle, type Rect } from './axesFrame';
import { bitmapFontMetrics, sceneToRaster } from './rasterRenderer';
import type { Color, FontMetrics, Point, Scene, SceneItem } from './scene';
import { sceneToSvg, svgFontMetrics } from './svgRenderer';

export interface LossPlotOptions {
  /** Figure size in pixels (default 960×600 for SVG, 1440×900 for PNG, the same figure with larger type for the bitmap font). */
  width?: number;
  height?: number;
  title?: string;
}

interface Series {
  label: string;
  color: Color;
  width: number;
  dash?: number[];
  /** (iteration, log10 value) for every positive finite value. */
  points: Point[];
}

interface Phase {
  optimizer: string;
  start: number;
  end: number;
}

const TOTAL_COLOR = '#111111';
const RELL2_COLOR = '#d62728';
/** matplotlib's tab10 without its red, which marks the relative error. */
const TERM_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const PHASE_TINTS = ['#1f77b4', '#ff7f0e'];

/** SVG text of the loss figure. */
export function lossPlotSvg(rows: readonly MetricsRow[], options: LossPlotOptions = {}): string {
  return sceneToSvg(lossPlotScene(rows, { width: 960, height: 600, ...options }, svgFontMetrics));
}

/** PNG bytes of the loss figure, exactly width × height pixels. */
export function lossPlotPng(rows: readonly MetricsRow[], options: LossPlotOptions = {}): Uint8Array {
  return sceneToRaster(lossPlotScene(rows, { width: 1440, height: 900, ...options }, bitmapFontMetrics)).toPng();
}

/** The loss figure as drawing primitives, laid out for a renderer's font metrics. */
export function lossPlotScene(rows: readonly MetricsRow[], options: LossPlotOptions, metrics: FontMetrics): Scene {
  const width = Math.round(options.width ?? 960);
  const height = Math.round(options.height ?? 600);
  const title = options.title ?? 'Training loss';
  const style = figureStyle(width, height);
  const series = lossSeries(rows, style);
  const plotted = series.filter((s) => s.points.length > 0);
  const phases = optimizerPhases(rows);
  const x = iterationAxis(rows);
  const y = logAxis(plotted, series.some((s) => s.label === 'rel. L2 error'));
  const phaseRow = phases.length > 1 ? metrics.capHeight(style.tick) + 10 * style.unit : 0;
  const rect = plotRect({ width, height, x, y, top: phaseRow, hasTitle: true }, style, metrics);

  const items: SceneItem[] = [
    ...phaseItems(rect, x, phases, style, metrics),
    ...gridItems(rect, x, y, style),
    ...plotted.flatMap((s) => seriesItems(rect, x, y, s, style)),
    ...axesItems(rect, x, y, style, metrics),
    ...(plotted.length > 0 ? legendItems(rect, plotted, style, metrics) : [emptyMessage(rect, rows.length === 0 ? 'no metrics yet' : 'no positive values to plot', style)]),
    titleItem(rect, title, style, width, metrics),
  ];
  return { width, height, background: '#ffffff', title, items };
}

/** Total loss, each term (in order of first appearance) and the relative L2 error. */
function lossSeries(rows: readonly MetricsRow[], style: FigureStyle): Series[] {
  const termNames: string[] = [];
  for (const row of rows) for (const name of Object.keys(row.terms)) if (!termNames.includes(name)) termNames.push(name);
  const points = (value: (row: MetricsRow) => number | undefined): Point[] =>
    rows.flatMap((row): Point[] => {
      const v = value(row);
      return v !== undefined && v > 0 && Number.isFinite(v) && Number.isFinite(row.iteration) ? [[row.iteration, Math.log10(v)]] : [];
    });
  const series: Series[] = [{ label: 'total loss', color: TOTAL_COLOR, width: 2.2 * style.unit, points: points((r) => r.loss) }];
  termNames.forEach((name, k) =>
    series.push({ label: name, color: TERM_COLORS[k % TERM_COLORS.length], width: 1.6 * style.unit, points: points((r) => r.terms[name]) }),
  );
  if (rows.some((r) => r.relL2 !== undefined)) {
    series.push({ label: 'rel. L2 error', color: RELL2_COLOR, width: 1.8 * style.unit, dash: [7 * style.unit, 4 * style.unit], points: points((r) => r.relL2) });
  }
  return series;
}

/** Runs of consecutive rows with one optimizer. */
function optimizerPhases(rows: readonly MetricsRow[]): Phase[] {
  const phases: Phase[] = [];
  for (const row of rows) {
    const last = phases[phases.length - 1];
    if (last && last.optimizer === row.optimizer) last.end = row.iteration;
    else phases.push({ optimizer: row.optimizer, start: row.iteration, end: row.iteration });
  }
  return phases;
}

function iterationAxis(rows: readonly MetricsRow[]): Axis {
  let { min: lo, max: hi } = rows.length > 0 ? valueRange(rows.map((r) => r.iteration)) : { min: 0, max: 1 };
  if (hi <= lo) [lo, hi] = [lo - 1, hi + 1];
  const { values, step } = linearTicks(lo, hi, 7, 1);
  return { title: 'iteration', lo, hi, ticks: values.map((v) => ({ value: v, label: formatLinearTick(v, step) })) };
}

function logAxis(series: Series[], withError: boolean): Axis {
  const logs = valueRange(series.flatMap((s) => s.points.map((p) => p[1])));
  const [lo, hi] = series.length > 0 ? decadeRange(10 ** logs.min, 10 ** logs.max) : [-3, 0];
  const exponents = decadeTicks(lo, hi, 9);
  const minor = exponents.length === hi - lo + 1 && hi - lo <= 6 ? minorLogTicks(lo, hi) : [];
  return {
    title: withError ? 'loss, relative L2 error' : 'loss',
    lo,
    hi,
    ticks: exponents.map((e) => ({ value: e, label: formatDecade(e) })),
    minor,
  };
}

function minorLogTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = lo; e < hi; e++) for (let m = 2; m <= 9; m++) ticks.push(e + Math.log10(m));
  return ticks;
}

function seriesItems(rect: Rect, x: Axis, y: Axis, series: Series, style: FigureStyle): SceneItem[] {
  const pixels = thinToColumns(series.points.map(([it, v]): Point => [xPixel(rect, x, it), yPixel(rect, y, v)]));
  if (pixels.length === 1) return [{ kind: 'circle', cx: pixels[0][0], cy: pixels[0][1], r: 3.5 * style.unit, fill: series.color }];
  return [{ kind: 'polyline', points: pixels, stroke: series.color, width: series.width, dash: series.dash, label: series.label }];
}

/** Keeps, per pixel column, the first, lowest, highest and last point, so long histories stay small but keep their envelope. */
function thinToColumns(points: Point[]): Point[] {
  if (points.length < 2000) return points;
  const kept: Point[] = [];
  let start = 0;
  while (start < points.length) {
    const column = Math.floor(points[start][0]);
    let end = start;
    let lowest = start;
    let highest = start;
    while (end + 1 < points.length && Math.floor(points[end + 1][0]) === column) {
      end++;
      if (points[end][1] > points[lowest][1]) lowest = end;
      if (points[end][1] < points[highest][1]) highest = end;
    }
    for (const k of [...new Set([start, Math.min(lowest, highest), Math.max(lowest, highest), end])]) kept.push(points[k]);
    start = end + 1;
  }
  return kept;
}

function phaseItems(rect: Rect, x: Axis, phases: Phase[], style: FigureStyle, metrics: FontMetrics): SceneItem[] {
  if (phases.length < 2) return [];
  const items: SceneItem[] = [];
  let labelEnd = -Infinity;
  phases.forEach((phase, k) => {
    const left = k === 0 ? rect.x : xPixel(rect, x, phase.start);
    const right = k + 1 < phases.length ? xPixel(rect, x, phases[k + 1].start) : rect.x + rect.width;
    items.push({ kind: 'rect', x: left, y: rect.y, width: Math.max(0, right - left), height: rect.height, fill: PHASE_TINTS[k % 2], fillOpacity: 0.07 });
    if (k > 0) {
      items.push({ kind: 'polyline', points: [[left, rect.y], [left, rect.y + rect.height]], stroke: '#777777', width: style.unit, dash: [4 * style.unit, 3 * style.unit] });
    }
    const labelX = left + 4 * style.unit;
    if (labelX > labelEnd) {
      items.push({ kind: 'text', x: labelX, y: rect.y - 6 * style.unit, text: phase.optimizer, size: style.tick, color: '#555555', anchor: 'start', baseline: 'baseline' });
      labelEnd = labelX + metrics.width(phase.optimizer, style.tick) + 8 * style.unit;
    }
  });
  return items;
}

function legendItems(rect: Rect, series: Series[], style: FigureStyle, metrics: FontMetrics): SceneItem[] {
  const { unit } = style;
  const swatch = 28 * unit;
  const pad = 8 * unit;
  const lineHeight = Math.max(metrics.capHeight(style.legend) * 1.9, 16 * unit);
  const labelWidth = Math.max(...series.map((s) => metrics.width(s.label, style.legend)));
  const width = pad * 3 + swatch + labelWidth;
  const height = pad * 2 + lineHeight * series.length - (lineHeight - metrics.capHeight(style.legend));
  const left = rect.x + rect.width - width - 10 * unit;
  const top = rect.y + 10 * unit;
  const items: SceneItem[] = [{ kind: 'rect', x: left, y: top, width, height, fill: '#ffffff', fillOpacity: 0.88, stroke: '#bbbbbb', strokeWidth: unit }];
  series.forEach((s, k) => {
    const mid = top + pad + metrics.capHeight(style.legend) / 2 + k * lineHeight;
    items.push({ kind: 'polyline', points: [[left + pad, mid], [left + pad + swatch, mid]], stroke: s.color, width: s.width, dash: s.dash });
    items.push({ kind: 'text', x: left + pad * 2 + swatch, y: mid, text: s.label, size: style.legend, color: style.ink, anchor: 'start', baseline: 'middle' });
  });
  return items;
}

function emptyMessage(rect: Rect, message: string, style: FigureStyle): SceneItem {
  return { kind: 'text', x: rect.x + rect.width / 2, y: rect.y + rect.height / 2, text: message, size: style.label, color: '#777777', anchor: 'middle', baseline: 'middle' };
}
