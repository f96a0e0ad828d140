/**
 * Run folders named by the UI (serve mode: any web page that holds the token) are confined to the
 * runs root: a name is one plain folder name, never a path, and its real path (links followed)
 * must lie directly inside the root's real path. Nothing through the service reaches `../`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export async function runFolderIn(root: string, name: string): Promise<string> {
  if (typeof name !== 'string' || !FOLDER_NAME.test(name) || name.includes('..')) {
    throw new Error(`'${String(name).slice(0, 80)}' is not a run folder name (letters, digits, '.', '_' and '-' only)`);
  }
  const realRoot = await fs.realpath(root);
  let real: string;
  try {
    real = await fs.realpath(path.join(realRoot, name));
  } catch {
    throw new Error(`no run folder '${name}' in the runs folder`);
  }
  if (path.dirname(real) !== realRoot) throw new Error(`run folder '${name}' lies outside the runs folder`);
  return real;
}

/**
 * The folder of a new run: time stamp, the config's name made a safe folder name (no separators,
 * no '..', so runFolderIn finds it again to resume), and part of the run id.
 */
export function newRunFolderName(name: string, id: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const safe =
    name
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/\.{2,}/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 60) || 'run';
  return `${stamp}-${safe}-${id.slice(0, 6)}`;
}

/** The folder names directly inside the root (none when it does not exist yet). */
export async function runFolderNames(root: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(root, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && FOLDER_NAME.test(e.name)).map((e) => e.name);
  } catch {
    return [];
  }
}
