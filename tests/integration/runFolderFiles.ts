/** What a reader of a run folder opens after a kill: every file complete, or absent. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decodeCheckpoint } from '../../workers/run/checkpointCodec';

/** Every file a reader would open is complete: JSON parses, each metrics line parses, the checkpoint decodes. Returns the names. */
export async function expectEveryFileWhole(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir);
  for (const name of names.filter((n) => !n.endsWith('.tmp'))) {
    const text = await fs.readFile(path.join(dir, name), 'utf8');
    try {
      if (name === 'checkpoint.json') decodeCheckpoint(text);
      else if (name.endsWith('.json')) JSON.parse(text);
      else if (name.endsWith('.jsonl')) text.split('\n').filter(Boolean).forEach((line) => JSON.parse(line));
    } catch (error) {
      throw new Error(`${name} is not whole: ${(error as Error).message}`);
    }
  }
  return names;
}

/** Polls `probe` (a throw counts as not yet) until it gives a value, for at most `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
