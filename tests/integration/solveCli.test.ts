import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
function solve(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'main/cli/solve.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
}

describe('npm run solve', () => {
  it('trains a small Poisson run and writes a complete run folder with relL2 against the exact solution', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'solve-'));
    const out = path.join(dir, 'run');
    const config = path.join(dir, 'small.json');
    await fs.writeFile(config, JSON.stringify({
      name: 'small-poisson',
      problem: { kind: 'poisson2d' },
      method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.005, iterations: 150 }, { name: 'lbfgs', iterations: 40 }] },
      network: { hidden: [16, 16] },
      sampling: { interior: 300, boundary: 80 },
      evaluation: { grid: 64, every: 50 },
    }));
    const result = solve([config, '--out', out]);
    expect(result.stderr).toMatch(/completed: \d+ iterations in [\d.]+ s on jet-wasm-f32, relL2 [\d.e+-]+ vs exact/);
    expect(result.status).toBe(0);
    const manifest = JSON.parse(await fs.readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('completed');
    expect(manifest.backend).toBe('jet-wasm-f32'); // the float32 PINN's fused jet engine, where tfjs would run on wasm
    expect(manifest.iterations).toBeGreaterThan(150);
    expect(manifest.metrics.relL2).toBeLessThan(0.5);
    expect(manifest.config.seed).toBe(1);
    const files = await fs.readdir(out);
    for (const name of ['metrics.jsonl', 'parameters.json', 'field.vtu', 'surface.gltf', 'surface.stl', 'loss.svg', 'loss.png', 'field.png', 'field.svg', 'metrics.csv', 'trajectory.json', 'trajectory.f64']) {
      expect(files).toContain(name);
    }
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const rows = (await fs.readFile(path.join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.at(-1).relL2).toBeCloseTo(manifest.metrics.relL2, 10);
  }, 120_000);

  it('refuses a bad config with the field path, exit code 2, and no run folder', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'solve-bad-'));
    const config = path.join(dir, 'bad.json');
    await fs.writeFile(config, JSON.stringify({ problem: { kind: 'poisson2d' }, network: { hidden: [32, -4] } }));
    const result = solve([config, '--out', path.join(dir, 'run')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('network.hidden[1]: width must be a positive integer');
    expect(await fs.readdir(dir)).toEqual(['bad.json']);
  });

  it('says which file is missing and which is not JSON', async () => {
    const missing = solve(['/nonexistent/config.json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe('config file not found: /nonexistent/config.json');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'solve-json-'));
    const broken = path.join(dir, 'broken.json');
    await fs.writeFile(broken, '{ "problem": ');
    const result = solve([broken]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${broken} is not valid JSON`);
  });
});
