/**
 * What the analysis needs from a run folder: the config (from manifest.json), the final
 * parameters (parameters.json, once the run has ended), the newest checkpoint when asked, and the recorded trajectory (trajectory.json + trajectory.f64),
 * with errors that name the missing or broken file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decodeTrajectory, TRAJECTORY_HEADER, TRAJECTORY_VALUES } from '../../workers/analysis/trajectoryFile';
import type { TrajectoryData } from '../../workers/analysis/thinnedTrajectory';
import type { RunConfig } from '../../workers/config/schema';
import type { SavedParameters } from '../../workers/methods/method';
import type { RunCheckpoint } from '../../workers/run/checkpoint';
import { loadCheckpoint } from './checkpointStore';

export interface AnalysisInputs {
  config: RunConfig;
  /** Absent while a run has not ended (no parameters.json). */
  parameters?: SavedParameters;
  trajectory?: TrajectoryData;
  checkpoint?: RunCheckpoint;
}

async function readJson(dir: string, name: string): Promise<unknown> {
  const file = path.join(dir, name);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${file} not found: is ${dir} a finished run folder?` : `cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

const exists = (file: string) => fs.access(file).then(() => true, () => false);

/** With `checkpoint`, also the newest checkpoint (an error when there is none). */
export async function readAnalysisInputs(dir: string, { checkpoint = false } = {}): Promise<AnalysisInputs> {
  const manifest = (await readJson(dir, 'manifest.json')) as { config?: RunConfig };
  if (!manifest.config?.problem) throw new Error(`${path.join(dir, 'manifest.json')} has no config`);
  let parameters: SavedParameters | undefined;
  if (await exists(path.join(dir, 'parameters.json'))) {
    parameters = (await readJson(dir, 'parameters.json')) as SavedParameters;
    if (!Array.isArray(parameters.shapes) || !Array.isArray(parameters.values) || parameters.shapes.length !== parameters.values.length) {
      throw new Error(`${path.join(dir, 'parameters.json')}: needs 'shapes' and 'values' of the same length`);
    }
  }
  let trajectory: TrajectoryData | undefined;
  const header = await readJson(dir, TRAJECTORY_HEADER).catch(() => undefined);
  if (header !== undefined) trajectory = decodeTrajectory(header, new Uint8Array(await fs.readFile(path.join(dir, TRAJECTORY_VALUES))));
  return { config: manifest.config, parameters, trajectory, checkpoint: checkpoint ? await loadCheckpoint(dir) : undefined };
}
