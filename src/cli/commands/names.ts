import os from 'node:os';
import type { Command } from 'commander';
import { migrate } from '../../db/migrate.js';
import { addGivenNameEquivalent, listGivenNameEquivalents } from '../../names/store/given-name-equivalents.js';
import { rekeyAllNames } from '../../names/store/name-key-store.js';
import { withDatabase } from '../with-database.js';

/**
 * `liaison names …`: the person search's data. Administrators extend the given-name
 * equivalence table (effective on the next search); `rekey` recomputes every name's
 * matching keys after the key computation changed.
 */
export function namesCommand(program: Command): void {
  const names = program.command('names').description('person search: given-name equivalences and name keys');
  const equivalents = names.command('equivalents').description('the given-name equivalence table');

  equivalents
    .command('add <name> <equivalentTo>')
    .description('record <name> as a spelling of the same given name as <equivalentTo> (e.g. Mehmet Mohammed)')
    .option('--as <user>', 'who adds it (recorded)', `cli:${os.userInfo().username}`)
    .action(async (name: string, equivalentTo: string, options: { as: string }) => {
      await withDatabase(async (db) => {
        await migrate(db.dataSource);
        const group = await db.dataSource.transaction((manager) => addGivenNameEquivalent(manager, name, equivalentTo, 'ADMINISTRATOR', options.as));
        process.stdout.write(`${name} is now in the group of ${group}\n`);
      });
    });

  equivalents
    .command('list')
    .description('every group of equivalent given names')
    .action(async () => {
      await withDatabase(async (db) => {
        for (const group of await listGivenNameEquivalents(db.dataSource)) process.stdout.write(`${group.canonical}: ${group.names.join(', ')}\n`);
      });
    });

  names
    .command('rekey')
    .description('recompute the matching keys of every prisoner\'s names')
    .action(async () => {
      await withDatabase(async (db) => {
        await migrate(db.dataSource);
        const rows = await db.dataSource.transaction((manager) => rekeyAllNames(manager));
        process.stdout.write(`${rows} name variants keyed\n`);
      });
    });
}
