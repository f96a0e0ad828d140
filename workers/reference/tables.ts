/**
 * Published reference values at points, by name: a profile an unknown is checked against (the
 * Ghia, Ghia & Shin cavity centreline). Points are given in the problem's coordinates.
 */
import ghia100 from './data/ghia1982-re100.json';
import ghia400 from './data/ghia1982-re400.json';
import ghia1000 from './data/ghia1982-re1000.json';

export interface ReferenceTable {
  source: string;
  unknown: string;
  /** Row-major points (n × coordinates). */
  points: number[][];
  values: number[];
}

interface CentrelineData {
  source: string;
  x: number;
  y: number[];
  u: number[];
}

const centrelineU = (data: CentrelineData) => (): ReferenceTable => ({ source: data.source, unknown: 'u', points: data.y.map((y) => [data.x, y]), values: data.u });

const TABLES: Record<string, () => ReferenceTable> = {
  'ghia1982-re100-u': centrelineU(ghia100),
  'ghia1982-re400-u': centrelineU(ghia400),
  'ghia1982-re1000-u': centrelineU(ghia1000),
};

export const REFERENCE_TABLE_IDS: readonly string[] = Object.freeze(Object.keys(TABLES));

export function referenceTable(id: string): ReferenceTable {
  const make = Object.hasOwn(TABLES, id) ? TABLES[id] : undefined;
  if (!make) throw new Error(`unknown reference table '${id}' (known: ${REFERENCE_TABLE_IDS.join(', ')})`);
  return make();
}
