/**
 * A mesh mover's field from a saved run (`method.field: { "run": "<folder>" }`): the folder is
 * found in the runs root like any run the UI names (runsRoot.ts: a plain folder name, links
 * followed, nothing outside the root), and its saved fields read back: the final field
 * (field.vtu, on the run's 128² or finer snapshot grid) or, with `series`, the fields a
 * time-stepping run saved at each evaluation (field-series.pvd and its VTU files). Rebuilding the
 * run's network from its checkpoint would need the run's engine and its exact config handling;
 * the saved fields are what the run itself showed and exported, so they are the robust source.
 * Problems surface as ConfigErrors on method.field.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RunConfig } from '../../workers/config/schema';
import { ConfigError } from '../../workers/config/validate';
import { readVtu, vtuGrid, type VtuArrays } from '../../workers/export/vtuReader';
import type { RunFieldFrame, RunInputs } from '../../workers/mesh/runFieldData';
import { runFolderIn } from './runsRoot';
import { FIELD_SERIES_INDEX, readPvd } from './fieldSeries';

const fail = (message: string, where = 'method.field.run'): never => {
  throw new ConfigError([{ path: where, message }]);
};

async function readText(file: string, what: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return fail(what);
  }
}

/** One quantity of a snapshot VTU: an unknown (field_<name>), 'speed' = |(u, v)|, or the snapshot's prediction. */
function quantityOf(arrays: VtuArrays, unknown: string | undefined, run: string): Float64Array {
  const data = arrays.pointData;
  const unknowns = [...data.keys()].filter((name) => name.startsWith('field_')).map((name) => name.slice('field_'.length));
  if (unknown === undefined) {
    const prediction = data.get('prediction');
    return prediction ?? fail(`run '${run}': its field.vtu has no 'prediction' array`);
  }
  if (unknown === 'speed') {
    const [u, v] = [data.get('field_u'), data.get('field_v')];
    if (!u || !v) return fail(`run '${run}' has no velocity (u, v) for 'speed'; its unknowns: ${unknowns.join(', ') || 'one, the prediction'}`, 'method.field.unknown');
    return Float64Array.from(u, (ui, k) => Math.hypot(ui, v[k]));
  }
  const values = data.get(`field_${unknown}`);
  if (values) return values;
  if (unknowns.length === 0 && data.has('prediction')) return data.get('prediction')!;
  return fail(`run '${run}' has no unknown '${unknown}'; it has ${unknowns.length ? unknowns.map((u) => `'${u}'`).join(', ') + " and 'speed'" : 'one unknown (leave unknown out)'}`, 'method.field.unknown');
}

function parseVtu(text: string, file: string): VtuArrays {
  try {
    return readVtu(text);
  } catch (error) {
    return fail(`${file}: ${(error as Error).message}`);
  }
}

/** The saved run's field(s) a mesh-mover config names, or nothing for other configs. */
export async function loadRunInputs(config: RunConfig, runsRoot: string): Promise<RunInputs> {
  const method = config.method;
  if (method.name !== 'mesh-mover' || typeof method.field !== 'object') return {};
  const { run, unknown, series } = method.field;
  let dir: string;
  try {
    dir = await runFolderIn(runsRoot, run);
  } catch (error) {
    return fail((error as Error).message);
  }
  const manifest = JSON.parse(await readText(path.join(dir, 'manifest.json'), `run folder '${run}' has no manifest.json: is it a run folder?`)) as { config?: RunConfig };
  const domain = manifest.config?.problem.domain;
  const frames: RunFieldFrame[] = [];
  const addFrame = (text: string, file: string, t?: number) => {
    const arrays = parseVtu(text, `${run}/${file}`);
    let axes: RunFieldFrame['axes'];
    try {
      axes = vtuGrid(arrays.points);
    } catch (error) {
      return fail(`${run}/${file}: ${(error as Error).message}`);
    }
    frames.push({ t, axes, values: quantityOf(arrays, unknown, run) });
  };
  if (series) {
    const index = await readText(path.join(dir, FIELD_SERIES_INDEX), `run '${run}' has no saved time series (${FIELD_SERIES_INDEX}): time-stepping runs (TENG) write one`);
    const entries = readPvd(index);
    if (entries.length === 0) fail(`run '${run}': ${FIELD_SERIES_INDEX} lists no fields`);
    for (const entry of entries) {
      if (entry.file.includes('/') || entry.file.includes('\\') || entry.file.startsWith('.')) fail(`run '${run}': ${FIELD_SERIES_INDEX} names '${entry.file}', not a file in the run folder`);
      addFrame(await readText(path.join(dir, entry.file), `run '${run}': ${entry.file} (listed in ${FIELD_SERIES_INDEX}) is missing`), entry.file, entry.t);
    }
  } else {
    addFrame(await readText(path.join(dir, 'field.vtu'), `run '${run}' has no saved field (field.vtu): has it finished?`), 'field.vtu');
  }
  const [ax, ay] = frames[0].axes;
  const box = config.problem.domain;
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (!(close(box.min[0], ax.min) && close(box.max[0], ax.max) && close(box.min[1], ay.min) && close(box.max[1], ay.max))) {
    fail(`must be the box of run '${run}''s field, min [${ax.min}, ${ay.min}] and max [${ax.max}, ${ay.max}]`, 'problem.domain');
  }
  const [mine, theirs] = [box.holes ?? [], domain?.holes ?? []];
  const sameHoles = mine.length === theirs.length && mine.every((h, i) => close(h.radius, theirs[i].radius) && close(h.center[0], theirs[i].center[0]) && close(h.center[1], theirs[i].center[1]));
  if (!sameHoles) fail(`must be the disks of run '${run}''s domain: ${JSON.stringify(theirs)}`, 'problem.domain.holes');
  return { meshField: { run, quantity: unknown ?? 'prediction', frames, holes: domain?.holes ?? [] } };
}
