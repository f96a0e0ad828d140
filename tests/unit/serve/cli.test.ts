import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');

function serve(...args: string[]) {
  return spawnSync(process.execPath, [TSX, 'main/serve/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
}

describe('serve CLI argument errors', () => {
  it('exits 2 with a clear message on an unknown flag, printing nothing to stdout', () => {
    const result = serve('--bogus');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("serve: unknown argument '--bogus'");
    expect(result.stderr).toContain('Usage: npm run serve');
  }, 30_000);

  it('exits 2 on a bad port', () => {
    const result = serve('--port', '99999');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--port: expected an integer from 0 to 65535, got '99999'");
  }, 30_000);
});
