import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';

export interface GatewayProcess {
  url: string;
  /** SIGTERM, then the exit code once it has drained and stopped. */
  stop(): Promise<number | null>;
}

/**
 * A real gateway process (`node dist/src/main.js`, built by the global setup) on the given
 * database, on a free port; resolves once it listens.
 */
export function startGatewayProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<GatewayProcess> {
  const child: ChildProcess = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'dist', 'src', 'main.js')], {
    cwd: PACKAGE_ROOT,
    env: {
      ...process.env, LIAISON_MODE: 'development', DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1',
      LIAISON_SEED_ON_START: 'false', LOG_LEVEL: 'warn', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gateway process did not start:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /on (http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`gateway process exited (${code}) before listening:\n${output}`));
    });
  });
}
