/**
 * Tick positions and labels: "nice" linear steps (1, 2, 2.5 or 5 × 10^k, after Heckbert, "Nice
 * numbers for graph labels", Graphics Gems, 1990) and whole decades on log-10 axes.
 */

export interface LinearTicks {
  values: number[];
  step: number;
}

/** Round steps (at least minStep) covering [min, max] with at most about `target` ticks, only values inside the range. */
export function linearTicks(min: number, max: number, target = 6, minStep = 0): LinearTicks {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return { values: [], step: 1 };
  if (max <= min) return { values: [min], step: Math.abs(min) > 0 ? Math.abs(min) : 1 };
  const raw = Math.max(minStep, (max - min) / Math.max(1, target));
  const power = 10 ** Math.floor(Math.log10(raw));
  const whole = (s: number) => minStep === 0 || Math.abs(s / minStep - Math.round(s / minStep)) < 1e-9;
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw && whole(s)) ?? 10 * power;
  const tolerance = step * 1e-9;
  const values: number[] = [];
  for (let k = Math.ceil((min - tolerance) / step); k * step <= max + tolerance; k++) values.push(cleanZero(k * step));
  return { values, step };
}

/** Label of a linear tick: as many decimals as the step needs, exponent form for very large or small numbers. */
export function formatLinearTick(value: number, step: number): string {
  if (value === 0) return '0';
  const magnitude = Math.max(Math.abs(value), step);
  if (magnitude >= 1e5 || step < 1e-4) return formatExponent(value, step);
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9) + (isQuarterStep(step) ? 1 : 0));
  return value.toFixed(Math.min(decimals, 10));
}

/** A value with about four significant digits, for colour bar ends and annotations. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return compactExponent(value.toExponential(3));
  return String(Number(value.toPrecision(4)));
}

/** The decades 10^k of a log axis from 10^lo to 10^hi, every `stride`-th so there are at most `target`. */
export function decadeTicks(lo: number, hi: number, target = 8): number[] {
  const stride = Math.max(1, Math.ceil((hi - lo) / Math.max(1, target - 1)));
  const exponents: number[] = [];
  for (let k = Math.ceil(lo / stride) * stride; k <= hi; k += stride) exponents.push(k);
  return exponents;
}

/** Label of the power of ten 10^exponent, like `1e-3`. */
export function formatDecade(exponent: number): string {
  return `1e${exponent}`;
}

/** Whole-decade bounds [floor(log10 min), ceil(log10 max)] of positive values, at least one decade apart. */
export function decadeRange(min: number, max: number): [number, number] {
  const lo = Math.floor(Math.log10(min) + 1e-9) + 0;
  let hi = Math.ceil(Math.log10(max) - 1e-9) + 0; // + 0 turns -0 into 0
  if (hi <= lo) hi = lo + 1;
  return [lo, hi];
}

function formatExponent(value: number, step: number): string {
  const digits = Math.max(0, Math.floor(Math.log10(Math.abs(value))) - Math.floor(Math.log10(step)));
  return compactExponent(value.toExponential(Math.min(digits, 6)));
}

function compactExponent(text: string): string {
  const [mantissa, exponent] = text.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return `${trimmed}e${Number(exponent)}`;
}

function isQuarterStep(step: number): boolean {
  const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
  return Math.abs(mantissa - 2.5) < 1e-6;
}

function cleanZero(value: number): number {
  return Object.is(value, -0) ? 0 : Number(value.toPrecision(12));
}
