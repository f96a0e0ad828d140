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
    const folder = new RunFolder(resolved);
    await folder.write('.write-check', '');
    await fs.rm(path.join(resolved, '.write-check'), { force: true });
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
