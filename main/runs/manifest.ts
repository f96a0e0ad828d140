/** The manifest.json of a run folder: what ran, on what, how it ended, how accurate it is. */
import { createRequire } from 'node:module';
import os from 'node:os';
import type { RunConfig } from '../../workers/config/schema';
import type { ErrorAtTime } from '../../workers/protocol/service';
import type { RunStatus } from '../../workers/protocol/service';

export interface Manifest {
  format: 'pde-workbench-run/1';
  id: string;
  name: string;
  status: RunStatus;
  message?: string;
  problem: string;
  method: string;
  seed: number;
  backend: string;
  versions: Record<string, string>;
  startedAt: string;
  endedAt?: string;
  iterations: number;
  totalIterations: number;
  seconds: number;
  /** Errors against the exact solution on the dense evaluation grid (relL2, relL2_u, ...). */
  metrics: Record<string, number>;
  /** A space–time run of a time-dependent problem: the final error at evenly spaced times. */
  errorInTime?: ErrorAtTime[];
  files: string[];
  /** The process writing the run; a run not finished whose process is gone was interrupted (runRecord.ts). */
  pid?: number;
  heartbeatAt?: string;
  /** The iteration of checkpoint.json, when the run has one. */
  checkpoint?: number;
  config: RunConfig;
}

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function softwareVersions(): Record<string, string> {
  return {
    workbench: (require('../../package.json') as { version: string }).version,
    '@tensorflow/tfjs-core': packageVersion('@tensorflow/tfjs-core'),
    '@tensorflow/tfjs-backend-wasm': packageVersion('@tensorflow/tfjs-backend-wasm'),
    node: process.versions.node,
    platform: `${os.platform()}-${os.arch()}`,
  };
}
