import type { Command } from 'commander';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('run the gateway (as `node dist/src/main.js`): configuration from the environment; SIGTERM or SIGINT drains in-flight requests, then stops the embedded database if it started one')
    .action(async () => {
      // The gateway's entry point starts on import and owns the process from here on
      // (its signal handlers, its exit code).
      await import('../../main.js');
    });
}
