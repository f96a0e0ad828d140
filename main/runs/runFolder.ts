/** A run's folder on disk: created once, every file written atomically. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describeWriteError, writeFileAtomic } from './atomicWrite';

export class RunFolder {
  private constructor(readonly dir: string) {}

  /** Creates the folder; refuses a folder that already holds a run, and checks it is writable. */
  static async create(dir: string): Promise<RunFolder> {
    const resolved = path.resolve(dir);
    const manifest = path.join(resolved, 'manifest.json');
    if (await exists(manifest)) throw new Error(`${resolved} already holds a run (manifest.json exists); choose another --out folder`);
    try {
      await fs.mkdir(resolved, { recursive: true });
    } catch (error) {
      throw describeWriteError(error, resolved);
    }
    return RunFolder.probe(resolved);
  }

  /** An existing run folder, to resume the run in it. */
  static async open(dir: string): Promise<RunFolder> {
    return RunFolder.probe(path.resolve(dir));
  }

  /** Fails before training when the folder cannot be written or its disk is (nearly) full. */
  private static async probe(dir: string, statfs: StatFs = fs.statfs): Promise<RunFolder> {
    const folder = new RunFolder(dir);
    await folder.write('.write-check', '');
    await fs.rm(path.join(dir, '.write-check'), { force: true });
    await checkFreeSpace(dir, statfs);
    return folder;
  }

  file(name: string): string {
    const target = path.resolve(this.dir, name);
    if (path.dirname(target) !== this.dir) throw new Error(`internal: '${name}' is not a plain file name`);
    return target;
  }

  write(name: string, data: string | Uint8Array): Promise<void> {
    return writeFileAtomic(this.file(name), data);
  }

  writeJson(name: string, value: unknown): Promise<void> {
    return this.write(name, JSON.stringify(value, null, 2) + '\n');
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

type StatFs = (dir: string) => Promise<{ bavail: number; bsize: number }>;

/** Room for a run's metrics, checkpoints and exports; a folder with less is refused up front. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;

export async function checkFreeSpace(dir: string, statfs: StatFs = fs.statfs): Promise<void> {
  let free: number;
  try {
    const stats = await statfs(dir);
    free = stats.bavail * stats.bsize;
  } catch {
    return; // no statfs here: the write probe has to do
  }
  if (free < MIN_FREE_BYTES) {
    throw new Error(`cannot write ${dir}: only ${(free / 1048576).toFixed(1)} MiB free, a run needs at least ${MIN_FREE_BYTES / 1048576} MiB (ENOSPC)`);
  }
}
