/**
 * A small multi-series line chart: drawn on a canvas for the views, and written as SVG text for
 * export, from one layout so both agree. x linear; y linear or log-10.
 */
import { formatCompact } from '../format/numbers';
import { padded, rangeOf, type Range } from './planeMath';

export interface ChartSeries {
  label: string;
  color: string;
  x: readonly number[];
  y: readonly number[];
}

export interface ChartSpec {
  title: string;
  xTitle: string;
  yTitle: string;
  logY?: boolean;
  series: readonly ChartSeries[];
}

/** Series of at most this many points get a marker at each. */
const MARKED = 30;

interface Layout {
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: Range;
  y: Range;
  px: (x: number) => number;
  py: (y: number) => number;
  lines: { label: string; color: string; points: [number, number][] }[];
  xTicks: number[];
  yTicks: number[];
}

function ticks({ min, max }: Range, count: number): number[] {
  const step = 10 ** Math.floor(Math.log10((max - min) / count || 1));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => (max - min) / s <= count) ?? 10 * step;
  const out: number[] = [];
  for (let v = Math.ceil(min / nice) * nice; v <= max + 1e-12 * nice; v += nice) out.push(Number(v.toPrecision(12)));
  return out;
}

function layout(spec: ChartSpec, width: number, height: number): Layout {
  const transform = (y: number) => (spec.logY ? (y > 0 ? Math.log10(y) : NaN) : y);
  const lines = spec.series.map((s) => ({
    label: s.label,
    color: s.color,
    points: s.x.flatMap((x, i): [number, number][] => {
      const y = transform(s.y[i]);
      return Number.isFinite(x) && Number.isFinite(y) ? [[x, y]] : [];
    }),
  }));
  const x = rangeOf(lines.flatMap((l) => l.points.map((p) => p[0])));
  const yRaw = rangeOf(lines.flatMap((l) => l.points.map((p) => p[1])));
  const y = spec.logY ? { min: Math.floor(yRaw.min), max: Math.ceil(yRaw.max) === Math.floor(yRaw.min) ? Math.floor(yRaw.min) + 1 : Math.ceil(yRaw.max) } : padded(yRaw, 0.05);
  const [left, right, top, bottom] = [58, width - 12, 26, height - 34];
  const px = (v: number) => left + ((v - x.min) / (x.max - x.min || 1)) * (right - left);
  const py = (v: number) => bottom - ((v - y.min) / (y.max - y.min || 1)) * (bottom - top);
  const yTicks = spec.logY ? Array.from({ length: y.max - y.min + 1 }, (_, k) => y.min + k) : ticks(y, 5);
  return { left, right, top, bottom, x, y, px, py, lines, xTicks: ticks(x, 6), yTicks };
}

function yLabel(spec: ChartSpec, v: number): string {
  return spec.logY ? `1e${v}` : formatCompact(v, 3);
}

export function drawLineChart(ctx: CanvasRenderingContext2D, width: number, height: number, spec: ChartSpec): void {
  const l = layout(spec, width, height);
  ctx.clearRect(0, 0, width, height);
  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeStyle = 'rgba(255,255,255,0.12)';
  ctx.fillStyle = '#aab';
  ctx.lineWidth = 1;
  for (const t of l.yTicks) {
    ctx.beginPath();
    ctx.moveTo(l.left, l.py(t));
    ctx.lineTo(l.right, l.py(t));
    ctx.stroke();
    ctx.textAlign = 'right';
    ctx.fillText(yLabel(spec, t), l.left - 4, l.py(t) + 4);
  }
  ctx.textAlign = 'center';
  for (const t of l.xTicks) ctx.fillText(formatCompact(t, 3), l.px(t), l.bottom + 14);
  ctx.fillText(spec.xTitle, (l.left + l.right) / 2, height - 4);
  ctx.textAlign = 'left';
  ctx.fillText(`${spec.title} — ${spec.yTitle}`, l.left, 14);
  for (const line of l.lines) {
    ctx.strokeStyle = line.color;
    ctx.lineWidth = 1.8;
    ctx.beginPath();
    line.points.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(l.px(x), l.py(y)) : ctx.lineTo(l.px(x), l.py(y))));
    ctx.stroke();
    // Markers where points are few (a run measured once has no line to draw).
    if (line.points.length <= MARKED) {
      ctx.fillStyle = line.color;
      for (const [x, y] of line.points) {
        ctx.beginPath();
        ctx.arc(l.px(x), l.py(y), 3, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }
  l.lines.forEach((line, k) => {
    ctx.fillStyle = line.color;
    ctx.fillRect(l.right - 170, l.top + 4 + k * 15, 12, 3);
    ctx.fillStyle = '#dde';
    ctx.fillText(line.label, l.right - 154, l.top + 9 + k * 15);
  });
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function lineChartSvg(spec: ChartSpec, width = 720, height = 420): string {
  const l = layout(spec, width, height);
  const f = (v: number) => v.toFixed(2);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${l.left}" y="16" font-size="13">${escape(spec.title)}</text>`,
    ...l.yTicks.map((t) => `<line x1="${l.left}" x2="${l.right}" y1="${f(l.py(t))}" y2="${f(l.py(t))}" stroke="#e3e3e3"/><text x="${l.left - 4}" y="${f(l.py(t) + 4)}" text-anchor="end">${escape(yLabel(spec, t))}</text>`),
    ...l.xTicks.map((t) => `<text x="${f(l.px(t))}" y="${l.bottom + 14}" text-anchor="middle">${escape(formatCompact(t, 3))}</text>`),
    `<rect x="${l.left}" y="${l.top}" width="${l.right - l.left}" height="${l.bottom - l.top}" fill="none" stroke="#444"/>`,
    `<text x="${(l.left + l.right) / 2}" y="${height - 4}" text-anchor="middle">${escape(spec.xTitle)}</text>`,
    `<text transform="translate(12 ${(l.top + l.bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(spec.yTitle)}</text>`,
    ...l.lines.map((line) => `<polyline fill="none" stroke="${line.color}" stroke-width="1.8" points="${line.points.map(([x, y]) => `${f(l.px(x))},${f(l.py(y))}`).join(' ')}"><title>${escape(line.label)}</title></polyline>`),
    ...l.lines.flatMap((line) => (line.points.length <= MARKED ? line.points.map(([x, y]) => `<circle cx="${f(l.px(x))}" cy="${f(l.py(y))}" r="3" fill="${line.color}"/>`) : [])),
    ...l.lines.map((line, k) => `<rect x="${l.right - 170}" y="${l.top + 4 + k * 15}" width="12" height="3" fill="${line.color}"/><text x="${l.right - 154}" y="${l.top + 9 + k * 15}">${escape(line.label)}</text>`),
    '</svg>',
  ];
  return parts.join('\n') + '\n';
}
