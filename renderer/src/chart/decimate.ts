/**
 * Min/max decimation for drawing long series on a canvas: per pixel column keep the first, the
 * lowest, the highest and the last point, in order, so the line looks the same as the full
 * series (spikes included) at a cost bounded by the width, not the length.
 */

export interface PlotPoint {
  x: number;
  y: number;
}

/** `points` must be ordered by x, in pixels. */
export function decimateMinMax(points: readonly PlotPoint[], columns: number): PlotPoint[] {
  if (points.length <= columns * 4) return points.slice();
  const out: PlotPoint[] = [];
  let column = Number.NaN;
  let first: PlotPoint | undefined;
  let low: PlotPoint | undefined;
  let high: PlotPoint | undefined;
  let last: PlotPoint | undefined;
  const flush = () => {
    if (!first) return;
    const bucket = [first, low!, high!, last!].sort((a, b) => a.x - b.x);
    for (const p of bucket) if (out[out.length - 1] !== p) out.push(p);
  };
  for (const p of points) {
    const c = Math.floor(p.x);
    if (c !== column) {
      flush();
      column = c;
      first = low = high = last = p;
      continue;
    }
    if (p.y < low!.y) low = p;
    if (p.y > high!.y) high = p;
    last = p;
  }
  flush();
  return out;
}
