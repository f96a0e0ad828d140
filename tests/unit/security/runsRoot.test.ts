import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRunFolderName, runFolderIn } from '../../../main/runs/runsRoot';
import { createWorkbench } from '../../../main/runs/workbench';
import { tokensMatch } from '../../../main/serve/sessionToken';

async function layout() {
  const base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'confine-')));
  const root = path.join(base, 'runs');
  await fs.mkdir(path.join(root, 'run-1'), { recursive: true });
  await fs.mkdir(path.join(base, 'secret'));
  await fs.writeFile(path.join(base, 'secret', 'manifest.json'), '{}');
  await fs.symlink(path.join(base, 'secret'), path.join(root, 'link-out'));
  return { base, root };
}

describe('run folders named through the service stay inside the runs root', () => {
  it('resolves a plain folder name, and refuses every way out', async () => {
    const { root } = await layout();
    expect(await runFolderIn(root, 'run-1')).toBe(path.join(root, 'run-1'));
    for (const name of ['..', '../secret', 'run-1/../../secret', '/etc', 'run-1/x', '..\\secret', '%2e%2e', '.hidden', '', 'a\0b', 'x'.repeat(300)]) {
      await expect(runFolderIn(root, name), name).rejects.toThrow(/is not a run folder name/);
    }
    await expect(runFolderIn(root, 'link-out')).rejects.toThrow("run folder 'link-out' lies outside the runs folder");
    await expect(runFolderIn(root, 'absent')).rejects.toThrow("no run folder 'absent' in the runs folder");
    await expect(runFolderIn(root, 42 as unknown as string)).rejects.toThrow('is not a run folder name');
  });

  it('makes resumeRun and poll refuse paths that escape, before touching the file system outside', async () => {
    const { root } = await layout();
    const workbench = await createWorkbench({ runsRoot: root, shell: 'browser' });
    await expect(workbench.resumeRun('../secret')).rejects.toThrow("'../secret' is not a run folder name");
    await expect(workbench.resumeRun('link-out')).rejects.toThrow('lies outside the runs folder');
    await expect(workbench.poll('../secret', 0, 0)).rejects.toThrow("no run with id '../secret'");
    await expect(workbench.exportRun('../secret', 'metrics.csv')).rejects.toThrow("no run with id '../secret'");
    expect((await workbench.runs()).map((r) => r.id)).toEqual([]);
  });

  it('refuses an escaping id through every other id-taking method, analysis included', async () => {
    const { root } = await layout();
    const workbench = await createWorkbench({ runsRoot: root, shell: 'browser' });
    for (const id of ['../secret', 'link-out', '/etc', 'run-1']) {
      const calls: [string, () => Promise<unknown>][] = [
        ['pause', () => workbench.pause(id)],
        ['resume', () => workbench.resume(id)],
        ['cancel', () => workbench.cancel(id)],
        ['trajectory', () => workbench.trajectory(id)],
        ['startAnalysis', () => workbench.startAnalysis(id, { kind: 'roughness' } as never)],
        ['analysisState', () => workbench.analysisState(id)],
        ['cancelAnalysis', () => workbench.cancelAnalysis(id)],
      ];
      for (const [name, call] of calls) await expect(call(), `${name}('${id}')`).rejects.toThrow(`no run with id '${id}'`);
    }
  });

  it("names a new run's folder inside the root, resumable by that name, whatever the config's name says", async () => {
    const { root } = await layout();
    const now = new Date('2026-01-02T03:04:05.678Z');
    for (const [name, expected] of [
      ['../../escape/../..', '20260102-030405-escape-abcdef'],
      ['..', '20260102-030405-run-abcdef'],
      ['a..b/c\\d e', '20260102-030405-a-b-c-d-e-abcdef'],
      ['Poisson 2D (tanh)', '20260102-030405-Poisson-2D-tanh-abcdef'],
    ]) {
      const folder = newRunFolderName(name, 'abcdef0123', now);
      expect(folder, name).toBe(expected);
      await fs.mkdir(path.join(root, folder));
      expect(await runFolderIn(root, folder)).toBe(path.join(root, folder));
    }
  });
});

describe('session token comparison', () => {
  it('matches only the exact token, for candidates of any length', () => {
    const token = 'a'.repeat(64);
    expect(tokensMatch(token, token)).toBe(true);
    for (const candidate of [undefined, '', 'a', 'a'.repeat(63), 'a'.repeat(65), 'b' + 'a'.repeat(63), 'ä'.repeat(32)]) expect(tokensMatch(token, candidate)).toBe(false);
  });
});
