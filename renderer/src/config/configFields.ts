/**
 * The settings form's view of a run config: read a field for display, write one back into a copy.
 * The config stays the user's JSON (unknown keys kept, nothing normalised); a value the form
 * cannot express as a number is written as typed, so the service's validation names it
 * (`network.hidden[1]: must be a positive integer`) instead of the form guessing.
 */

export type ConfigObject = Record<string, unknown>;

export interface OptimizerEntry {
  name: string;
  lr?: unknown;
  iterations?: unknown;
  [key: string]: unknown;
}

/** The chain the service uses when a config names no optimizers (see workers/config/schema). */
export const DEFAULT_OPTIMIZERS: readonly OptimizerEntry[] = [
  { name: 'adam', lr: 1e-3, iterations: 2000 },
  { name: 'lbfgs', iterations: 500 },
];

export const ACTIVATION_NAMES = ['tanh', 'sin', 'sigmoid', 'softplus'] as const;

export function isConfigObject(value: unknown): value is ConfigObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getIn(config: unknown, path: readonly string[]): unknown {
  let node: unknown = config;
  for (const key of path) {
    if (!isConfigObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** A copy of `config` with `path` set to `value` (intermediate objects created); `undefined` deletes the key. */
export function setIn(config: ConfigObject, path: readonly string[], value: unknown): ConfigObject {
  const copy = structuredClone(config);
  let node: ConfigObject = copy;
  for (const key of path.slice(0, -1)) {
    if (!isConfigObject(node[key])) node[key] = {};
    node = node[key] as ConfigObject;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

// ------------------------------------------------------------------ numbers as text

export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/** '' gives null (the validator then says what is missing); a number its value; anything else the text. */
export function parseNumber(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

// ------------------------------------------------------------------ network.hidden

export function formatHidden(value: unknown): string {
  return Array.isArray(value) ? value.map(formatValue).join(',') : formatValue(value);
}

/** "32, 32,32" → [32, 32, 32]; empty pieces (a comma being typed) are skipped, other text kept. */
export function parseHidden(text: string): (number | string)[] {
  return text
    .split(',')
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '')
    .map((piece) => {
      const value = Number(piece);
      return Number.isFinite(value) ? value : piece;
    });
}

// ------------------------------------------------------------------ method.optimizers

export function optimizers(config: unknown): OptimizerEntry[] | undefined {
  const list = getIn(config, ['method', 'optimizers']);
  return Array.isArray(list) ? (list as OptimizerEntry[]) : undefined;
}

export function optimizerIndex(config: unknown, name: string): number {
  return optimizers(config)?.findIndex((entry) => isConfigObject(entry) && entry.name === name) ?? -1;
}

export function optimizerField(config: unknown, name: string, field: string): unknown {
  const list = optimizers(config);
  const index = optimizerIndex(config, name);
  if (list) return index >= 0 ? list[index][field] : undefined;
  return DEFAULT_OPTIMIZERS.find((entry) => entry.name === name)?.[field];
}

function withOptimizers(config: ConfigObject, update: (list: OptimizerEntry[]) => OptimizerEntry[]): ConfigObject {
  const current = optimizers(config) ?? structuredClone(DEFAULT_OPTIMIZERS as OptimizerEntry[]);
  const method = isConfigObject(config.method) ? config.method : { name: 'pinn' };
  return setIn(config, ['method'], { ...method, optimizers: update(structuredClone(current)) });
}

/** Sets a field of the Adam entry, adding Adam at the head of the chain when it is missing. */
export function setAdamField(config: ConfigObject, field: 'lr' | 'iterations', value: unknown): ConfigObject {
  return withOptimizers(config, (list) => {
    const index = list.findIndex((entry) => entry.name === 'adam');
    if (index >= 0) list[index] = { ...list[index], [field]: value };
    else list.unshift({ ...DEFAULT_OPTIMIZERS[0], [field]: value });
    return list;
  });
}

/**
 * L-BFGS iterations: 0 (or empty) removes L-BFGS from the chain, a positive count adds it at the
 * end or updates it. `restore` is a previously removed entry whose other settings come back.
 */
export function setLbfgsIterations(config: ConfigObject, value: number | string | null, restore?: OptimizerEntry): ConfigObject {
  const remove = value === null || value === 0;
  return withOptimizers(config, (list) => {
    const index = list.findIndex((entry) => entry.name === 'lbfgs');
    if (remove) return list.filter((entry) => entry.name !== 'lbfgs');
    if (index >= 0) list[index] = { ...list[index], iterations: value };
    else list.push({ ...(restore ?? DEFAULT_OPTIMIZERS[1]), name: 'lbfgs', iterations: value });
    return list;
  });
}

/** The config paths a form field edits, for marking it when the validator names them. */
export function optimizerPath(config: unknown, name: string, field: string): string {
  const index = optimizerIndex(config, name);
  return index >= 0 ? `method.optimizers[${index}].${field}` : `method.optimizers`;
}
