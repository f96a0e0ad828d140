/**
 * A plain line figure of named series (x linear; y linear or log-10) for the analysis outputs:
 * roughness index against iteration, and the comparison of runs (relL2 against iteration or
 * wall-clock time). Built on the export figures' frame, so it matches the loss figure.
 */
import { valueRange } from '../export/colormap';
import { decadeRange, decadeTicks, formatDecade, formatLinearTick, linearTicks } from '../export/figures/axisTicks';
import { axesItems, figureStyle, gridItems, plotRect, titleItem, xPixel, yPixel, type Axis } from '../export/figures/axesFrame';
import { bitmapFontMetrics, sceneToRaster } from '../export/figures/rasterRenderer';
import type { FontMetrics, Point, Scene, SceneItem } from '../export/figures/scene';
import { sceneToSvg, svgFontMetrics } from '../export/figures/svgRenderer';

export interface PlotSeries {
  label: string;
  x: readonly number[];
  y: readonly number[];
}

export interface SeriesPlotOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  logY?: boolean;
  width?: number;
  height?: number;
}

export const SERIES_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export function seriesPlotSvg(series: readonly PlotSeries[], options: SeriesPlotOptions): string {
  return sceneToSvg(seriesPlotScene(series, { width: 960, height: 600, ...options }, svgFontMetrics));
}

export function seriesPlotPng(series: readonly PlotSeries[], options: SeriesPlotOptions): Uint8Array {
  return sceneToRaster(seriesPlotScene(series, { width: 1440, height: 900, ...options }, bitmapFontMetrics)).toPng();
}

function linearAxis(title: string, values: number[]): Axis {
  let { min: lo, max: hi } = values.length > 0 ? valueRange(values) : { min: 0, max: 1 };
  if (hi <= lo) [lo, hi] = [lo - 1, hi + 1];
  const { values: ticks, step } = linearTicks(lo, hi, 7);
  return { title, lo, hi, ticks: ticks.map((v) => ({ value: v, label: formatLinearTick(v, step) })) };
}

function logAxis(title: string, logs: number[]): Axis {
  const range = logs.length > 0 ? valueRange(logs) : { min: -3, max: 0 };
  const [lo, hi] = decadeRange(10 ** range.min, 10 ** range.max);
  return { title, lo, hi, ticks: decadeTicks(lo, hi, 9).map((e) => ({ value: e, label: formatDecade(e) })) };
}

export function seriesPlotScene(series: readonly PlotSeries[], options: SeriesPlotOptions & { width: number; height: number }, metrics: FontMetrics): Scene {
  const { width, height, title } = options;
  const style = figureStyle(width, height);
  const points = series.map((s) =>
    s.x.flatMap((x, i): Point[] => {
      const y = s.y[i];
      const ok = Number.isFinite(x) && Number.isFinite(y) && (!options.logY || y > 0);
      return ok ? [[x, options.logY ? Math.log10(y) : y]] : [];
    }),
  );
  const x = linearAxis(options.xTitle, points.flatMap((p) => p.map((q) => q[0])));
  const ys = points.flatMap((p) => p.map((q) => q[1]));
  const y = options.logY ? logAxis(options.yTitle, ys) : linearAxis(options.yTitle, ys);
  const rect = plotRect({ width, height, x, y, hasTitle: true }, style, metrics);
  const items: SceneItem[] = [...gridItems(rect, x, y, style)];
  points.forEach((p, k) => {
    const color = SERIES_COLORS[k % SERIES_COLORS.length];
    const pixels = p.map(([px, py]): Point => [xPixel(rect, x, px), yPixel(rect, y, py)]);
    if (pixels.length > 1) items.push({ kind: 'polyline', points: pixels, stroke: color, width: 2 * style.unit, label: series[k].label });
    for (const [cx, cy] of pixels.length <= 40 ? pixels : []) items.push({ kind: 'circle', cx, cy, r: 3 * style.unit, fill: color });
  });
  items.push(...axesItems(rect, x, y, style, metrics));
  series.forEach((s, k) => {
    const top = rect.y + 12 * style.unit + k * 1.8 * style.legend;
    const left = rect.x + 12 * style.unit;
    items.push({ kind: 'polyline', points: [[left, top], [left + 24 * style.unit, top]], stroke: SERIES_COLORS[k % SERIES_COLORS.length], width: 2 * style.unit });
    items.push({ kind: 'text', x: left + 30 * style.unit, y: top, text: s.label, size: style.legend, color: style.ink, anchor: 'start', baseline: 'middle' });
  });
  items.push(titleItem(rect, title, style, width, metrics));
  return { width, height, background: '#ffffff', title, items };
}
