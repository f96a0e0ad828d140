/** The built-in problems: each a JSON file in builtin/, keyed by its id. */
import poisson2d from './builtin/poisson2d.json';
import poisson2dSincos from './builtin/poisson2d-sincos.json';
import heat1d from './builtin/heat1d.json';
import helmholtz2d from './builtin/helmholtz2d.json';
import poisson3d from './builtin/poisson3d.json';
import heat2d from './builtin/heat2d.json';
import heat2dPeriodic from './builtin/heat2d-periodic.json';
import advection1d from './builtin/advection1d.json';
import wave1d from './builtin/wave1d.json';
import burgers1d from './builtin/burgers1d.json';
import allenCahn1d from './builtin/allen-cahn1d.json';
import schrodinger1d from './builtin/schrodinger1d.json';
import cavityRe100 from './builtin/cavity-re100.json';
import cavityRe400 from './builtin/cavity-re400.json';
import cavityRe1000 from './builtin/cavity-re1000.json';
import cavityRe100Stream from './builtin/cavity-re100-streamfunction.json';
import kovasznayRe40 from './builtin/kovasznay-re40.json';
import cylinder2d1 from './builtin/cylinder-2d1.json';
import taylorGreen from './builtin/taylor-green.json';
import heat2dTeng from './builtin/heat2d-teng.json';
import allenCahn2d from './builtin/allen-cahn2d.json';
import burgers2d from './builtin/burgers2d.json';

export interface BuiltinProblem {
  id: string;
  title: string;
  description: string;
  /** A custom problem definition, validated like one written in a config. */
  problem: unknown;
}

const LIBRARY: readonly BuiltinProblem[] = [
  poisson2d,
  poisson2dSincos,
  poisson3d,
  helmholtz2d,
  heat1d,
  heat2d,
  heat2dPeriodic,
  advection1d,
  wave1d,
  burgers1d,
  allenCahn1d,
  schrodinger1d,
  cavityRe100,
  cavityRe100Stream,
  cavityRe400,
  cavityRe1000,
  kovasznayRe40,
  cylinder2d1,
  taylorGreen,
  heat2dTeng,
  allenCahn2d,
  burgers2d,
];

const BY_ID = new Map<string, BuiltinProblem>();
for (const entry of LIBRARY) {
  if (BY_ID.has(entry.id)) throw new Error(`duplicate built-in problem id '${entry.id}'`);
  BY_ID.set(entry.id, entry);
}

export const BUILTIN_PROBLEM_IDS: readonly string[] = [...BY_ID.keys()];

export function builtinProblem(id: string): BuiltinProblem | undefined {
  return BY_ID.get(id);
}

export function builtinProblems(): readonly BuiltinProblem[] {
  return LIBRARY;
}
