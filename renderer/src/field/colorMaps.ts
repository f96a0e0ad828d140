/**
 * Colour maps for the field view and its legend, read from assets/colormaps.json: an object keyed
 * by map name whose entries are either `{ kind, colors: [[r, g, b], …] }` or a bare list of sRGB
 * control points in [0, 1]. Malformed entries are skipped; a small viridis and coolwarm are built
 * in so the view always has a sequential and a diverging map.
 */
import colormapData from '../../../assets/colormaps.json';

export type ColorMapKind = 'sequential' | 'diverging';
export type Rgb = readonly [number, number, number];

export interface ColorMap {
  name: string;
  kind: ColorMapKind;
  colors: readonly Rgb[];
}

const FALLBACK_VIRIDIS: ColorMap = {
  name: 'viridis',
  kind: 'sequential',
  colors: [
    [0.267, 0.005, 0.329],
    [0.283, 0.141, 0.458],
    [0.254, 0.265, 0.53],
    [0.207, 0.372, 0.553],
    [0.164, 0.471, 0.558],
    [0.128, 0.567, 0.551],
    [0.135, 0.659, 0.518],
    [0.267, 0.749, 0.441],
    [0.478, 0.821, 0.318],
    [0.741, 0.873, 0.15],
    [0.993, 0.906, 0.144],
  ],
};

const FALLBACK_COOLWARM: ColorMap = {
  name: 'coolwarm',
  kind: 'diverging',
  colors: [
    [0.23, 0.299, 0.754],
    [0.552, 0.69, 0.996],
    [0.865, 0.865, 0.865],
    [0.958, 0.603, 0.482],
    [0.706, 0.016, 0.15],
  ],
};

const DIVERGING_NAME = /coolwarm|rdbu|bwr|seismic|diverg|spectral|piyg|prgn|puor/i;

function isRgb(value: unknown): value is Rgb {
  return Array.isArray(value) && value.length === 3 && value.every((c) => typeof c === 'number' && c >= 0 && c <= 1);
}

/** The usable maps in `data`, in file order, plus the fallbacks where their names are missing. */
export function readColorMaps(data: unknown): ColorMap[] {
  const maps: ColorMap[] = [];
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    for (const [name, entry] of Object.entries(data as Record<string, unknown>)) {
      const colors = Array.isArray(entry) ? entry : (entry as { colors?: unknown } | null)?.colors;
      if (!Array.isArray(colors) || colors.length < 2 || !colors.every(isRgb)) continue;
      const declared = Array.isArray(entry) ? undefined : (entry as { kind?: unknown }).kind;
      const kind: ColorMapKind =
        declared === 'diverging' || declared === 'sequential' ? declared : DIVERGING_NAME.test(name) ? 'diverging' : 'sequential';
      maps.push({ name, kind, colors });
    }
  }
  if (!maps.some((m) => m.name === FALLBACK_VIRIDIS.name)) maps.unshift(FALLBACK_VIRIDIS);
  if (!maps.some((m) => m.kind === 'diverging')) maps.push(FALLBACK_COOLWARM);
  return maps;
}

export const COLOR_MAPS: readonly ColorMap[] = readColorMaps(colormapData as unknown);

export function colorMapsOfKind(kind: ColorMapKind): ColorMap[] {
  return COLOR_MAPS.filter((m) => m.kind === kind);
}

/** The map called `name`, or the first map of `kind` when there is none by that name. */
export function findColorMap(name: string, kind: ColorMapKind): ColorMap {
  return COLOR_MAPS.find((m) => m.name === name) ?? colorMapsOfKind(kind)[0] ?? FALLBACK_VIRIDIS;
}

/** sRGB colour at t ∈ [0, 1] (clamped), linear between evenly spaced control points. */
export function sampleColorMap(map: ColorMap, t: number): Rgb {
  const n = map.colors.length;
  const s = (Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0.5) * (n - 1);
  const i = Math.min(n - 2, Math.floor(s));
  const f = s - i;
  const a = map.colors[i];
  const b = map.colors[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/** `size` colours of the map as linear RGB triples, for vertex colours (three.js works in linear). */
export function linearLut(map: ColorMap, size = 256): Float32Array {
  const lut = new Float32Array(size * 3);
  for (let k = 0; k < size; k++) {
    const [r, g, b] = sampleColorMap(map, k / (size - 1));
    lut[3 * k] = srgbToLinear(r);
    lut[3 * k + 1] = srgbToLinear(g);
    lut[3 * k + 2] = srgbToLinear(b);
  }
  return lut;
}

export function cssColor([r, g, b]: Rgb): string {
  return `rgb(${Math.round(r * 255)}, ${Math.round(g * 255)}, ${Math.round(b * 255)})`;
}
