import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../main/runs/atomicWrite';
import { RunFolder } from '../../../main/runs/runFolder';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atomic-'));
});
afterEach(async () => {
  await fs.chmod(dir, 0o755).catch(() => undefined);
  await fs.rm(dir, { recursive: true, force: true });
});

describe('atomic writes', () => {
  it('replaces a file whole and leaves no temp file behind', async () => {
    const file = path.join(dir, 'manifest.json');
    await writeFileAtomic(file, '{"v":1}');
    await writeFileAtomic(file, '{"v":2}');
    expect(await fs.readFile(file, 'utf8')).toBe('{"v":2}');
    expect(await fs.readdir(dir)).toEqual(['manifest.json']);
  });

  it('keeps the old file complete when a concurrent reader looks during many rewrites', async () => {
    const file = path.join(dir, 'metrics.json');
    const big = (n: number) => JSON.stringify({ n, rows: Array.from({ length: 20000 }, (_, i) => i * n) });
    await writeFileAtomic(file, big(0));
    let reads = 0;
    const writer = (async () => {
      for (let n = 1; n <= 15; n++) await writeFileAtomic(file, big(n));
    })();
    let writing = true;
    void writer.then(() => (writing = false));
    while (writing) {
      const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as { n: number; rows: number[] };
      expect(parsed.rows).toHaveLength(20000);
      reads++;
    }
    await writer;
    expect(reads).toBeGreaterThan(0);
  });

  it('says the folder is unwritable, naming the file, and leaves the old file intact', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions; simulate with a path whose parent is a file instead.
      const blocker = path.join(dir, 'blocker');
      await fs.writeFile(blocker, 'x');
      await expect(writeFileAtomic(path.join(blocker, 'manifest.json'), '{}')).rejects.toThrow(/blocker\/manifest\.json|ENOTDIR/);
      return;
    }
    const file = path.join(dir, 'manifest.json');
    await writeFileAtomic(file, 'old');
    await fs.chmod(dir, 0o555);
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow(`cannot write ${file}: permission denied (EACCES)`);
    expect(await fs.readFile(file, 'utf8')).toBe('old');
  });

  it('refuses to create a run in a folder that already holds one', async () => {
    const folder = await RunFolder.create(path.join(dir, 'run'));
    await folder.writeJson('manifest.json', { status: 'completed' });
    await expect(RunFolder.create(path.join(dir, 'run'))).rejects.toThrow('already holds a run (manifest.json exists)');
  });
});
