/** Command-line flags of `npm run serve`. */

export interface ServeArgs {
  port: number;
  /** Set only when the user passed --host; the server binds 127.0.0.1 otherwise. */
  host?: string;
  /** Set only when the user passed --runs; the workbench uses ./runs otherwise. */
  runs?: string;
  help: boolean;
}

export const DEFAULT_PORT = 5780;

export const SERVE_USAGE = `Usage: npm run serve -- [--port <p>] [--host <h>] [--runs <dir>]

  --port <p>    TCP port, 0 picks a free one (default ${DEFAULT_PORT})
  --host <h>    interface to bind (default 127.0.0.1; anything else exposes the workbench
                to other machines, protected only by the session token)
  --runs <dir>  folder of run folders (default ./runs)
  --help        this text`;

export class UsageError extends Error {
  override name = 'UsageError';
}

const VALUE_FLAGS = ['--port', '--host', '--runs'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`--port: expected an integer from 0 to 65535, got '${text}'`);
  }
  return Number(text);
}

/** Accepts `--flag value` and `--flag=value`; throws UsageError naming the offending flag. */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const values = new Map<ValueFlag, string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
      throw new UsageError(`unknown argument '${arg}' (known: ${VALUE_FLAGS.join(', ')}, --help)`);
    }
    const name = flag as ValueFlag;
    if (values.has(name)) throw new UsageError(`${name} given more than once`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      throw new UsageError(`${name} needs a value`);
    }
    values.set(name, value);
  }
  const port = values.has('--port') ? parsePort(values.get('--port')!) : DEFAULT_PORT;
  return { port, host: values.get('--host'), runs: values.get('--runs'), help };
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.includes(host) || host.startsWith('127.');
}
