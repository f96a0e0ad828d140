/**
 * A run folder as found on disk, possibly left by a process that was killed: its manifest with
 * the status a reader should believe (a run written as starting / running / paused whose process
 * is gone was interrupted), its metrics rows, and the clean-up of temp files a kill can leave.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FINISHED_STATUSES, type MetricsRow, type RunStatus } from '../../workers/protocol/service';
import type { Manifest } from './manifest';

/** Whether a process with this id exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function effectiveStatus(manifest: Pick<Manifest, 'status' | 'pid'>, alive: (pid: number) => boolean = processAlive): RunStatus {
  if (FINISHED_STATUSES.includes(manifest.status)) return manifest.status;
  return manifest.pid !== undefined && alive(manifest.pid) ? manifest.status : 'interrupted';
}

export async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, 'manifest.json'), 'utf8');
  } catch {
    throw new Error(`${dir} is not a run folder (no manifest.json)`);
  }
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.format !== 'pde-workbench-run/1') throw new Error(`${dir}/manifest.json is not a workbench run manifest`);
  return { ...manifest, status: effectiveStatus(manifest) };
}

/** The rows of metrics.jsonl up to an iteration (rows written after a checkpoint are redone on resume). */
export async function readRows(dir: string, upTo: number): Promise<MetricsRow[]> {
  let text = '';
  try {
    text = await fs.readFile(path.join(dir, 'metrics.jsonl'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as MetricsRow)
    .filter((row) => row.iteration <= upTo);
}

/** Removes the `.name.pid.hex.tmp` files of atomic writes that a kill cut short. */
export async function removeTempFiles(dir: string): Promise<string[]> {
  const stale = (await fs.readdir(dir)).filter((name) => /^\..+\.\d+\.[0-9a-f]+\.tmp$/.test(name));
  await Promise.all(stale.map((name) => fs.rm(path.join(dir, name), { force: true })));
  return stale;
}
