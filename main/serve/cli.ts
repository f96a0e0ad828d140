/**
 * `npm run serve -- [--port <p>] [--host <h>] [--runs <dir>]`: the workbench UI in a browser,
 * compute in this Node process. Prints exactly one line to stdout, the page's address with its
 * session token; everything else (build output, warnings, errors) goes to stderr.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorkbench, type Workbench } from '../runs/workbench';
import { startServer, type RunningServer } from './server';
import { isLoopbackHost, parseServeArgs, SERVE_USAGE, UsageError, type ServeArgs } from './serveArgs';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Tests that need the server but not the UI (the kill test) point this at a folder of their own.
const RENDERER_DIR = process.env.PDE_WORKBENCH_RENDERER_DIR ? path.resolve(process.env.PDE_WORKBENCH_RENDERER_DIR) : path.join(PROJECT_ROOT, 'out', 'renderer');
const SHUTDOWN_TIMEOUT_MS = 10_000;

function fail(message: string, exitCode = 1): never {
  process.stderr.write(`serve: ${message}\n`);
  process.exit(exitCode);
}

/** A package's command-line script, run with this Node rather than through npx (no shell, any OS). */
function packageBin(name: string, bin: string): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve(`${name}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const relative = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin];
  if (!relative) throw new Error(`${name} has no '${bin}' command`);
  return path.join(path.dirname(manifestPath), relative);
}

/** Builds the renderer into out/renderer; its stdout goes to our stderr so stdout stays one line. */
async function buildRenderer(): Promise<void> {
  process.stderr.write('serve: out/renderer/index.html is missing, building the renderer first...\n');
  const child = spawn(process.execPath, [packageBin('vite', 'vite'), 'build', '--config', 'renderer/vite.config.ts'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 2, 'inherit'],
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`the renderer build failed (exit code ${code}); \`npm run build:renderer\` shows why`);
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('the renderer build finished but out/renderer/index.html is still missing');
  }
}

function parseOrExit(argv: string[]): ServeArgs {
  try {
    return parseServeArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) fail(`${error.message}\n\n${SERVE_USAGE}`, 2);
    throw error;
  }
}

function bindErrorMessage(error: unknown, host: string, port: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `port ${port} is already in use on ${host}; pass --port <p> for another, or --port 0 for any free one`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot bind ${host}: no such local address (check --host)`;
  if (code === 'EACCES') return `not allowed to bind ${host}:${port}; ports below 1024 need privileges, pick another --port`;
  return `cannot listen on ${host}:${port}: ${(error as Error).message}`;
}

function stopOnSignals(workbench: Workbench, server: RunningServer): void {
  let stopping = false;
  const stop = () => {
    // The terminal, npm and tsx may each deliver the same Ctrl-C: the first one counts.
    if (stopping) return;
    stopping = true;
    setTimeout(() => fail('shutdown took too long, exiting anyway'), SHUTDOWN_TIMEOUT_MS).unref();
    (async () => {
      let exitCode = 0;
      try {
        await workbench.dispose();
      } catch (error) {
        process.stderr.write(`serve: disposing the workbench failed: ${(error as Error).message}\n`);
        exitCode = 1;
      }
      await server.close();
      process.exit(exitCode);
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const args = parseOrExit(process.argv.slice(2));
  if (args.help) {
    process.stderr.write(`${SERVE_USAGE}\n`);
    return;
  }
  const host = args.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    process.stderr.write(
      `serve: warning: binding ${host}, not 127.0.0.1: other machines that can reach this address ` +
        'can open the workbench with the token, and the traffic is not encrypted.\n',
    );
  }
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) await buildRenderer();

  const workbench = await createWorkbench({ runsRoot: path.resolve(args.runs ?? 'runs'), shell: 'browser' });
  let server: RunningServer;
  try {
    server = await startServer({ host, port: args.port, staticDir: RENDERER_DIR, workbench });
  } catch (error) {
    await workbench.dispose().catch(() => undefined);
    fail(bindErrorMessage(error, host, args.port));
  }
  stopOnSignals(workbench, server);
  process.stdout.write(`Workbench UI: ${server.url}\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
