import type { Command } from 'commander';
import { migrate } from '../../db/migrate.js';
import { withDatabase } from '../with-database.js';

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const applied = await withDatabase((db) => migrate(db.dataSource));
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database schema is up to date\n');
    });
}
