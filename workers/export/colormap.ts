/**
 * Colour maps as data (assets/colormaps.json): evenly spaced sRGB control points, linearly
 * interpolated. viridis, plasma, inferno, magma, cividis and turbo are matplotlib's 256-entry
 * tables; coolwarm is Moreland's 33-point diverging map, meant for signed fields such as errors.
 */
import colormapData from '../../assets/colormaps.json';
import type { FieldView } from '../protocol/service';

/** An sRGB colour with channels in [0, 1]. */
export type Rgb = readonly [number, number, number];

export type ColormapKind = 'sequential' | 'diverging';

export interface Colormap {
  name: string;
  kind: ColormapKind;
  /** Where the table comes from, with its licence. */
  source: string;
  colors: readonly Rgb[];
}

/** The closed interval a colour map spans. */
export interface ValueRange {
  min: number;
  max: number;
}

const REGISTRY: ReadonlyMap<string, Colormap> = buildRegistry(colormapData as Record<string, unknown>);

function buildRegistry(data: Record<string, unknown>): Map<string, Colormap> {
  const registry = new Map<string, Colormap>();
  for (const [name, entry] of Object.entries(data)) {
    const { kind, source, colors } = entry as { kind: unknown; source: unknown; colors: unknown };
    if (kind !== 'sequential' && kind !== 'diverging') throw new Error(`colormaps.json: ${name}.kind: must be 'sequential' or 'diverging'`);
    if (!Array.isArray(colors) || colors.length < 2) throw new Error(`colormaps.json: ${name}.colors: needs at least two control points`);
    colors.forEach((rgb, i) => {
      if (!Array.isArray(rgb) || rgb.length !== 3 || rgb.some((c) => typeof c !== 'number' || !(c >= 0 && c <= 1))) {
        throw new Error(`colormaps.json: ${name}.colors[${i}]: must be three numbers in [0, 1]`);
      }
    });
    registry.set(name, { name, kind, source: String(source), colors: colors as Rgb[] });
  }
  return registry;
}

/** Names of every known colour map, in file order. */
export function colormapNames(): string[] {
  return [...REGISTRY.keys()];
}

/** The colour map called `name`; throws listing the known names when there is none. */
export function getColormap(name: string): Colormap {
  const map = REGISTRY.get(name);
  if (!map) throw new Error(`unknown colour map '${name}'; known: ${colormapNames().join(', ')}`);
  return map;
}

/** The colour at position t of a colour map, t clamped to [0, 1]; NaN gives the map's midpoint. */
export function colormapRgb(name: string, t: number): Rgb {
  return sampleColormap(getColormap(name), t);
}

/** As colormapRgb, for an already looked-up map (no registry lookup in per-pixel loops). */
export function sampleColormap(map: Colormap, t: number): Rgb {
  const clamped = Number.isNaN(t) ? 0.5 : Math.min(1, Math.max(0, t));
  const last = map.colors.length - 1;
  const position = clamped * last;
  const i = Math.min(last - 1, Math.floor(position));
  const f = position - i;
  const a = map.colors[i];
  const b = map.colors[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** A lookup table of `steps` evenly spaced colours of a map as RGB bytes, for per-pixel colouring. */
export function colormapTable(map: Colormap, steps = 1024): Uint8Array {
  const table = new Uint8Array(steps * 3);
  for (let k = 0; k < steps; k++) table.set(rgbToBytes(sampleColormap(map, k / (steps - 1))), 3 * k);
  return table;
}

/** The smallest and largest finite values (NaN and infinities ignored); {0, 0} when there are none. */
export function valueRange(values: ArrayLike<number>): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}

/** A range centred on zero that holds every finite value, for diverging maps of signed fields. */
export function symmetricRange(values: ArrayLike<number>): ValueRange {
  const { min, max } = valueRange(values);
  const bound = Math.max(Math.abs(min), Math.abs(max));
  return { min: -bound, max: bound };
}

/** Position of v in a range as t in [0, 1] (unclamped); 0.5 for an empty range. */
export function normalizeInRange(v: number, range: ValueRange): number {
  const span = range.max - range.min;
  return span > 0 ? (v - range.min) / span : 0.5;
}

/** An sRGB colour as 8-bit channels. */
export function rgbToBytes(rgb: Rgb): [number, number, number] {
  return [Math.round(rgb[0] * 255), Math.round(rgb[1] * 255), Math.round(rgb[2] * 255)];
}

/** How a field view is coloured: a sequential map over the values' range, or for signed errors a diverging map over a range symmetric about 0. */
export function viewColouring(
  view: FieldView,
  values: ArrayLike<number>,
  overrides: { colormap?: string; range?: ValueRange } = {},
): { map: Colormap; range: ValueRange } {
  const map = getColormap(overrides.colormap ?? (view === 'error' ? 'coolwarm' : 'viridis'));
  const range = overrides.range ?? (view === 'error' ? symmetricRange(values) : valueRange(values));
  return { map, range };
}
