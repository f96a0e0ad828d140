// `npm start`: the desktop app when Electron is installed, otherwise the same UI in a browser
// (serve mode). Plain JavaScript so it runs before anything is built. Arguments after `--` go
// to Electron, or to the serve CLI (`npm start -- --port 0`).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(path.join(root, 'package.json'));
const forwarded = process.argv.slice(2);

/** The Electron executable, or why there is none: no package, or a package without its binary. */
function findElectron() {
  try {
    require.resolve('electron/package.json');
  } catch {
    return { missing: 'no electron package in node_modules' };
  }
  try {
    const binary = require('electron');
    if (typeof binary === 'string' && existsSync(binary)) return { binary };
  } catch {
    // The package throws when its install step could not download the binary.
  }
  return { missing: 'no binary in node_modules/electron' };
}

function packageBin(name, bin) {
  const manifestPath = require.resolve(`${name}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const relative = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[bin];
  return path.join(path.dirname(manifestPath), relative);
}

/** Runs a child with our stdio, passes our SIGINT/SIGTERM on, and resolves with its exit code. */
function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`start: cannot run ${command}: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
}

async function main() {
  const electron = findElectron();
  if (electron.binary) {
    const built = await run(process.execPath, [packageBin('electron-vite', 'electron-vite'), 'build']);
    if (built !== 0) return built;
    return run(electron.binary, [root, ...forwarded]);
  }
  process.stderr.write(
    `Electron is not installed on this machine (${electron.missing}); serving the same UI in your browser instead.\n`,
  );
  const hasPort = forwarded.some((arg) => arg === '--port' || arg.startsWith('--port='));
  const port = hasPort ? [] : ['--port', process.env.PORT || '5780'];
  // Node with tsx's loader rather than the tsx command: one process, so a Ctrl-C reaches the
  // serve CLI directly and its shutdown is not cut short by tsx's signal relay.
  const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
  return run(process.execPath, ['--import', tsxLoader, 'main/serve/cli.ts', ...port, ...forwarded]);
}

process.exitCode = await main();
