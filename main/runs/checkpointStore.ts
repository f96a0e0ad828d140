/**
 * checkpoint.json in a run folder: written atomically (the previous checkpoint stays whole until
 * the new one has replaced it, so a full disk or a kill mid-write loses nothing), and read back
 * with everything a resume needs.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RunConfig } from '../../workers/config/schema';
import { resolveConfig } from '../../workers/config/validate';
import type { MetricsRow } from '../../workers/protocol/service';
import type { RunCheckpoint } from '../../workers/run/checkpoint';
import { decodeCheckpoint, encodeCheckpoint } from '../../workers/run/checkpointCodec';
import type { RunFolder } from './runFolder';
import { readManifest, readRows, removeTempFiles } from './runRecord';

export const CHECKPOINT_FILE = 'checkpoint.json';

export interface ResumePoint {
  checkpoint: RunCheckpoint;
  /** Metrics rows up to the checkpoint's iteration. */
  rows: MetricsRow[];
  startedAt: string;
  files: string[];
}

export function saveCheckpoint(folder: RunFolder, checkpoint: RunCheckpoint): Promise<void> {
  return folder.write(CHECKPOINT_FILE, encodeCheckpoint(checkpoint));
}

export async function loadCheckpoint(dir: string): Promise<RunCheckpoint> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, CHECKPOINT_FILE), 'utf8');
  } catch {
    throw new Error(`${dir} has no checkpoint to resume from (checkpoint.json)`);
  }
  try {
    return decodeCheckpoint(text);
  } catch (error) {
    throw new Error(`${path.join(dir, CHECKPOINT_FILE)}: ${(error as Error).message}`);
  }
}

/**
 * The manifest's config checked again as if the user had written it (a run folder is input
 * too): the resolved problem goes back through the custom-problem validation, keeping its id.
 */
function revalidate(config: RunConfig): RunConfig {
  const { id, ...problem } = config.problem;
  const resolved = resolveConfig({ ...config, problem });
  return { ...resolved, name: config.name, problem: { ...resolved.problem, id } };
}

/** Everything needed to go on with the run in `dir`; refuses a finished or still running run. */
export async function loadResumePoint(dir: string): Promise<{ config: RunConfig; resume: ResumePoint }> {
  const manifest = await readManifest(dir);
  if (manifest.status === 'completed') throw new Error(`${dir}: the run completed; there is nothing to resume`);
  if (!['interrupted', 'cancelled', 'failed'].includes(manifest.status)) {
    throw new Error(`${dir}: the run is still ${manifest.status} in process ${manifest.pid}`);
  }
  const checkpoint = await loadCheckpoint(dir);
  const config = revalidate(manifest.config);
  await removeTempFiles(dir);
  const rows = await readRows(dir, checkpoint.iteration);
  return { config, resume: { checkpoint, rows, startedAt: manifest.startedAt, files: manifest.files.filter((f) => f !== 'manifest.json') } };
}
