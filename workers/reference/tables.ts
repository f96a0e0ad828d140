/**
 * Published reference values at points, by name: a profile an unknown is checked against (the
 * Ghia, Ghia & Shin cavity centreline). Points are given in the problem's coordinates.
 */
import ghia100 from './data/ghia1982-re100.json';

export interface ReferenceTable {
  source: string;
  unknown: string;
  /** Row-major points (n × coordinates). */
  points: number[][];
  values: number[];
}

const TABLES: Record<string, () => ReferenceTable> = {
  'ghia1982-re100-u': () => ({ source: ghia100.source, unknown: 'u', points: ghia100.y.map((y) => [ghia100.x, y]), values: ghia100.u }),
};

export const REFERENCE_TABLE_IDS: readonly string[] = Object.freeze(Object.keys(TABLES));

export function referenceTable(id: string): ReferenceTable {
  const make = Object.hasOwn(TABLES, id) ? TABLES[id] : undefined;
  if (!make) throw new Error(`unknown reference table '${id}' (known: ${REFERENCE_TABLE_IDS.join(', ')})`);
  return make();
}
