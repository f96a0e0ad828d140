/** Number formats shared by the panels, the chart and the legends. */

/** Scientific with `digits` after the point and no '+' in the exponent: 3.21e-4, 1.00e0. */
export function formatSci(value: number | undefined, digits = 2): string {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return value.toExponential(digits).replace('e+', 'e');
}

/** Compact: plain for ordinary magnitudes, scientific for tiny or huge ones. */
export function formatCompact(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return formatSci(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5)) return formatSci(value, digits - 1);
  return String(Number(value.toPrecision(digits)));
}

export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export function formatInteger(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : Math.round(value).toLocaleString('en-US');
}
