import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeTrajectory, TRAJECTORY_HEADER, TRAJECTORY_VALUES } from '../../workers/analysis/trajectoryFile';
import { ThinnedTrajectory } from '../../workers/analysis/thinnedTrajectory';
import { resolveConfig } from '../../workers/config/validate';
import { parameterShapes } from '../../workers/engine/taylorMlp';
import { Rng } from '../../workers/engine/rng';

const root = path.resolve(import.meta.dirname, '../..');
function analyse(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'main/cli/analyse.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
}

/** A run folder as a finished run leaves it (manifest, parameters, trajectory), without training. */
async function tinyRunFolder(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'analyse-'));
  const config = resolveConfig({ name: 'tiny', problem: { kind: 'poisson2d' }, precision: 'float64', network: { hidden: [5] }, sampling: { interior: 40, boundary: 16 } });
  const shapes = parameterShapes({ inputs: 2, hidden: [5], outputs: 1, activation: 'tanh' });
  const count = shapes.reduce((n, [r, c]) => n + r * c, 0);
  const rng = new Rng(7);
  const recorder = new ThinnedTrajectory(count, { every: 1, max: 50 });
  const theta = Float64Array.from({ length: count }, () => rng.normal());
  for (let it = 0; it < 6; it++) {
    recorder.record(it, theta);
    for (let j = 0; j < count; j++) theta[j] += 0.05 * rng.normal() + (it % 2 ? 0.02 : -0.01) * (j % 3);
  }
  const data = recorder.data();
  const final = data.values.subarray((data.iterations.length - 1) * count);
  let offset = 0;
  const values = shapes.map(([r, c]) => Array.from(final.subarray(offset, (offset += r * c))));
  const { header, bytes } = encodeTrajectory(data, shapes);
  await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ format: 'pde-workbench-run/1', config }));
  await fs.writeFile(path.join(dir, 'parameters.json'), JSON.stringify({ format: 'mlp-parameters/1', shapes, values }));
  await fs.writeFile(path.join(dir, TRAJECTORY_HEADER), JSON.stringify(header));
  await fs.writeFile(path.join(dir, TRAJECTORY_VALUES), bytes);
  return dir;
}

describe('npm run analyse', () => {
  it('writes the landscape (centre = loss at θ), the roughness index and their figures into the run folder', async () => {
    const dir = await tinyRunFolder();
    const result = analyse([dir, '--landscape', '--roughness', '--directions', 'pca', '--grid', '5', '--range', '0.5', '--rough-directions', '3', '--samples', '7', '--points', '2']);
    expect(result.stderr).toMatch(/landscape: 5×5 grid in [\d.]+ s/);
    expect(result.status).toBe(0);
    const files = await fs.readdir(dir);
    for (const name of ['landscape.json', 'landscape.png', 'landscape.svg', 'landscape.vtu', 'roughness.json', 'roughness.svg', 'roughness.png']) expect(files).toContain(name);
    const landscape = JSON.parse(await fs.readFile(path.join(dir, 'landscape.json'), 'utf8'));
    expect(landscape.alpha).toEqual([-0.5, -0.25, 0, 0.25, 0.5]);
    expect(landscape.losses).toHaveLength(25);
    expect(landscape.losses[12]).toBe(landscape.lossAtCentre);
    expect(landscape.directions.kind).toBe('pca');
    expect(landscape.trajectory.iterations).toEqual([0, 1, 2, 3, 4, 5]);
    const roughness = JSON.parse(await fs.readFile(path.join(dir, 'roughness.json'), 'utf8'));
    expect(roughness.roughnessIndex).toBeGreaterThanOrEqual(0);
    expect(roughness.perDirection).toHaveLength(3);
    expect(roughness.variance).toBeGreaterThanOrEqual(0);
    expect(roughness.history.iterations).toEqual([0, 5]);
  }, 120_000);

  it('centres on a trajectory snapshot with --at <iteration>, and names the recorded ones when asked for another', async () => {
    const dir = await tinyRunFolder();
    const result = analyse([dir, '--landscape', '--roughness', '--at', '3', '--grid', '3', '--rough-directions', '2', '--samples', '5', '--points', '1']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^centred on the trajectory snapshot of iteration 3: /m);
    const landscape = JSON.parse(await fs.readFile(path.join(dir, 'landscape.json'), 'utf8'));
    expect(landscape.centre).toEqual({ kind: 'trajectory', iteration: 3, label: 'the trajectory snapshot of iteration 3' });
    expect(landscape.losses[4]).toBe(landscape.lossAtCentre);
    const roughness = JSON.parse(await fs.readFile(path.join(dir, 'roughness.json'), 'utf8'));
    expect(roughness.centre.iteration).toBe(3);
    const missing = analyse([dir, '--landscape', '--at', '9']);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('error: iteration 9 is not a recorded trajectory snapshot; recorded: 0, 1, 2, 3, 4, 5');
    expect(analyse([dir, '--at', 'last']).stderr.trim()).toBe("--at must be 'final', 'checkpoint' or an iteration (a non-negative integer), got 'last'");
  }, 120_000);

  it('names the missing file of a folder that holds no run', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'analyse-empty-'));
    const result = analyse([dir]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`error: ${path.join(dir, 'manifest.json')} not found: is ${dir} a finished run folder?`);
  }, 60_000);
});
