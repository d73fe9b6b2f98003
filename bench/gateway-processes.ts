import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TRUSTED_ISSUERS_FILE } from './issuer.js';

export interface GatewayProcess {
  url: string;
  pid: number;
  /** Peak resident set size so far (VmHWM), MiB. */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL('./gateway-process.js', import.meta.url));

/** Starts a gateway in its own process on `databaseUrl` (`policy` or `baseline` mode). */
export async function startGatewayProcess(databaseUrl: string, mode: 'policy' | 'baseline'): Promise<GatewayProcess> {
  const child: ChildProcess = spawn(process.execPath, [entry, '--mode', mode], {
    // Production mode, as deployed (NODE_ENV=production also selects graphql-js's fast paths).
    env: {
      ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', LIAISON_MODE: 'production', NODE_ENV: 'production',
      LIAISON_TRUSTED_ISSUERS: TRUSTED_ISSUERS_FILE,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`gateway process (${mode}) exited with ${code}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    pid: child.pid!,
    peakRssMiB: () => {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return match ? Math.round(Number(match[1]) / 1024) : 0;
    },
    stop: () => new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
