/** The serve CLI as a child process, the way a user starts it, for the end-to-end tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const URL_LINE = /^Workbench UI: (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64})$/;

export interface ServeProcess {
  url: string;
  /** The CLI's process id, also its process group's (the kill test SIGKILLs the group). */
  pid: number;
  /** Every stdout line so far: the URL line must be the only one. */
  stdoutLines: string[];
  stderr(): string;
  /** SIGTERM to the whole process group; resolves with the exit code (SIGKILL after a grace period). */
  stop(): Promise<number | null>;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export async function startServe(args: string[], startTimeoutMs: number): Promise<ServeProcess> {
  // `node --import tsx` as `npm start` runs it: one process, so a signal reaches the CLI itself
  // (the tsx command would relay it, and SIGKILL a child that answers slowly). Its own process
  // group, so a SIGKILL after the grace period reaches everything it started.
  const child = spawn(process.execPath, ['--import', TSX_LOADER, 'main/serve/cli.ts', ...args], {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdoutLines: string[] = [];
  let stderr = '';
  let pending = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  const stop = async () => {
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), 15_000);
    const code = await exited(child);
    clearTimeout(timer);
    return code;
  };

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL line within ${startTimeoutMs} ms; stderr:\n${stderr}`)), startTimeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        stdoutLines.push(line);
        const match = URL_LINE.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with code ${code} before printing its URL; stderr:\n${stderr}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  return { url, pid: child.pid!, stdoutLines, stderr: () => stderr, stop };
}
