import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { AUDIT_SIGNING_KEY_FILE, TRUSTED_ISSUERS_FILE } from './issuer.js';

export interface GatewayProcess {
  url: string;
  pid: number;
  /** Peak resident set size so far (VmHWM), MiB. */
  peakRssMiB(): number;
  /** Resident set size now (VmRSS), MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL('./gateway-process.js', import.meta.url));

/** Starts a gateway in its own process on `databaseUrl` (`policy` or `baseline` mode). */
export type GatewayMode = 'policy' | 'policy-without-log' | 'policy-with-bare-log' | 'baseline';

/** What a benchmark may add to a gateway process: Node options, and a reader of its output lines (e.g. `--trace-gc-nvp`'s). */
export interface GatewayProcessOptions {
  nodeArgs?: readonly string[];
  onLine?: (line: string) => void;
}

/** `gatewayEntry` runs another build's gateway-process.js (an A/B comparison of two builds). */
export async function startGatewayProcess(databaseUrl: string, mode: GatewayMode, gatewayEntry = entry, options: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  // As `npm start` runs it: a 64 MiB young generation (fewer scavenges for a request-heavy server).
  const nodeArgs = ['--max-semi-space-size=64', ...(process.env.LIAISON_BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean), ...(options.nodeArgs ?? [])];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, gatewayEntry, '--mode', mode], {
    // Production mode, as deployed (NODE_ENV=production also selects graphql-js's fast paths).
    env: {
      ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', LIAISON_MODE: 'production', NODE_ENV: 'production',
      LIAISON_TRUSTED_ISSUERS: TRUSTED_ISSUERS_FILE, LIAISON_AUDIT_SIGNING_KEY: AUDIT_SIGNING_KEY_FILE,
      // Load comes from one client: the per-user rate limit would measure itself.
      LIAISON_RATE_LIMIT_PER_USER: '10000000', LIAISON_RATE_LIMIT_PER_AGENCY: '100000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    // The gateway's own log shares stdout: the line that names the port is the one to wait for.
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (text) => {
      if (text.includes('"port"')) resolve(text);
      options.onLine?.(text);
    });
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
    rssMiB: () => {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : 0;
    },
    stop: () => new Promise((resolve) => {
      // A benchmark must never leave a gateway behind to skew the next measurement.
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    }),
  };
}
