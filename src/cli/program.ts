import 'reflect-metadata';
import { Command } from 'commander';
import { auditCommand } from './commands/audit.js';
import { migrateCommand } from './commands/migrate.js';
import { mouCommand } from './commands/mou.js';
import { schemaCommand } from './commands/schema.js';
import { seedCommand } from './commands/seed.js';
import { setupCommand } from './commands/setup.js';
import { tokenCommand } from './commands/token.js';

const program = new Command()
  .name('liaison')
  .description('Liaison gateway administration. The database is DATABASE_URL, else the embedded PostgreSQL in LIAISON_DATA_DIR (default ./.liaison).')
  .showHelpAfterError();

for (const register of [migrateCommand, seedCommand, tokenCommand, schemaCommand, mouCommand, auditCommand, setupCommand]) register(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`liaison: ${(error as Error).message}\n`);
  process.exit(1);
});
