import { execFile } from 'node:child_process';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `liaison` CLI (bin/liaison.js → dist/, built by the global setup) in a child
 * process, as an operator would, against the given database.
 */
export function runLiaison(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(PACKAGE_ROOT, 'bin', 'liaison.js'), ...args], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', LIAISON_MODE: 'development', ...env },
      timeout: 60_000,
    }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}
