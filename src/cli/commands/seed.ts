import type { Command } from 'commander';
import { migrate } from '../../db/migrate.js';
import { hasDemoData, refuseProductionDatabase, seedDemoData } from '../../seed/seed-demo.js';
import { progressReporter } from '../progress.js';
import { withDatabase } from '../with-database.js';

export function seedCommand(program: Command): void {
  program
    .command('seed')
    .description('load the demo data set (agencies, prisoners, MoUs); --prisoners N builds larger sets for benchmarks')
    .option('--prisoners <n>', 'number of prisoners', '240')
    .option('--reset', 'remove existing data first (development databases only; needs --yes)')
    .option('--yes', 'confirm --reset: every agency, record and MoU in the database is deleted')
    .option('--agencies <n>', 'total agencies: more than the demo\'s 4 adds benchmark agencies', '4')
    .option('--mous <n>', 'total MoUs: more than the demo\'s 3 adds benchmark MoUs of 5 clauses', '3')
    .option('--seed <n>', 'random seed: the same seed gives the same data (default: the demo\'s)')
    .action(async (options: { prisoners: string; reset?: boolean; yes?: boolean; seed?: string; agencies: string; mous: string }) => {
      if (options.reset && !options.yes) {
        throw new Error('--reset deletes every agency, prisoner, record and MoU in the database: add --yes to confirm');
      }
      const prisoners = Number(options.prisoners);
      const agencies = Number(options.agencies);
      const mous = Number(options.mous);
      if (!Number.isInteger(agencies) || agencies < 4 || agencies > 200) throw new Error('--agencies must be between 4 and 200');
      if (!Number.isInteger(mous) || mous < 3 || mous > 1000) throw new Error('--mous must be between 3 and 1000');
      if (!Number.isInteger(prisoners) || prisoners < 1 || prisoners > 1_000_000) {
        throw new Error('--prisoners must be a whole number between 1 and 1000000');
      }
      if (options.seed !== undefined && !/^\d{1,9}$/.test(options.seed)) {
        throw new Error('--seed must be a whole number');
      }
      await withDatabase(async (db) => {
        await migrate(db.dataSource);
        await refuseProductionDatabase(db.dataSource.manager);
        if (!options.reset && await hasDemoData(db.dataSource)) {
          throw new Error('the database already holds data; use --reset to replace it');
        }
        const progress = progressReporter();
        try {
          const summary = await seedDemoData(db.dataSource, {
            now: new Date(), prisoners, seed: options.seed === undefined ? undefined : Number(options.seed),
            onProgress: progress.update, replaceExisting: options.reset === true, agencies, mous,
          });
          progress.stop();
          process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        } finally {
          progress.stop();
        }
      });
    });
}
