import 'reflect-metadata';
import { Command } from 'commander';

type Registration = (program: Command) => void;

/**
 * Each command's module is imported only when that command runs (or for help): `liaison
 * token` must not load the database layer, the schema and the MoU services to print a token.
 */
const COMMANDS: Record<string, () => Promise<Registration>> = {
  migrate: async () => (await import('./commands/migrate.js')).migrateCommand,
  seed: async () => (await import('./commands/seed.js')).seedCommand,
  token: async () => (await import('./commands/token.js')).tokenCommand,
  schema: async () => (await import('./commands/schema.js')).schemaCommand,
  mou: async () => (await import('./commands/mou.js')).mouCommand,
  audit: async () => (await import('./commands/audit.js')).auditCommand,
  setup: async () => (await import('./commands/setup.js')).setupCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  names: async () => (await import('./commands/names.js')).namesCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
  webhooks: async () => (await import('./commands/webhooks.js')).webhooksCommand,
};

const program = new Command()
  .name('liaison')
  .description('Liaison gateway administration. The database is DATABASE_URL, else the embedded PostgreSQL in LIAISON_DATA_DIR (default ./.liaison).')
  .showHelpAfterError();

const requested = process.argv[2];
const needed = requested !== undefined && Object.hasOwn(COMMANDS, requested) ? [requested] : Object.keys(COMMANDS);
for (const register of await Promise.all(needed.map((name) => COMMANDS[name]!()))) register(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`liaison: ${(error as Error).message}\n`);
  process.exit(1);
});
