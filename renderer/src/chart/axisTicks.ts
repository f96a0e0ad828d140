/** Tick positions for the chart and the colour bar: linear "nice" steps, and decades for log axes. */

/** About `count` round values (1, 2, 5 × 10^k steps) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const span = max - min;
  const raw = span / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const first = Math.ceil(min / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let value = first; value <= max + step * 1e-9; value += step) {
    ticks.push(Math.abs(value) < step * 1e-9 ? 0 : Number(value.toPrecision(12)));
  }
  return ticks;
}

export interface DecadeRange {
  /** log10 of the bottom and top of the axis, whole decades. */
  low: number;
  high: number;
  /** Labelled decades, every `step`-th one when the range is wide. */
  ticks: number[];
  /** 2×…9× positions inside each decade, when there is room for them. */
  minor: number[];
}

/** A log axis spanning whole decades around the positive values in [min, max]. */
export function decadeRange(min: number, max: number, maxLabels = 8): DecadeRange {
  let low = Math.floor(Math.log10(min));
  let high = Math.ceil(Math.log10(max)) + 0; // + 0 turns -0 into 0
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    low = -1;
    high = 0;
  }
  if (high === low) high = low + 1;
  const decades = high - low;
  const step = Math.max(1, Math.ceil(decades / maxLabels));
  const ticks: number[] = [];
  for (let d = high; d >= low; d -= step) ticks.unshift(d);
  const minor: number[] = [];
  if (decades <= 6) {
    for (let d = low; d < high; d++) for (let m = 2; m <= 9; m++) minor.push(d + Math.log10(m));
  }
  return { low, high, ticks, minor };
}

/** 1e-3 style label for the decade 10^d. */
export function decadeLabel(d: number): string {
  if (d === 0) return '1';
  if (d === 1) return '10';
  return `1e${d}`;
}
