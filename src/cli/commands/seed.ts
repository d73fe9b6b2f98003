import type { Command } from 'commander';
import { migrate } from '../../db/migrate.js';
import { clearData, hasDemoData, seedDemoData } from '../../seed/seed-demo.js';
import { progressReporter } from '../progress.js';
import { withDatabase } from '../with-database.js';

export function seedCommand(program: Command): void {
  program
    .command('seed')
    .description('load the demo data set (agencies, prisoners, MoUs); --prisoners N builds larger sets for benchmarks')
    .option('--prisoners <n>', 'number of prisoners', '240')
    .option('--reset', 'remove existing data first (asks nothing: development databases only)')
    .option('--seed <n>', 'random seed (same seed, same data)', '1')
    .action(async (options: { prisoners: string; reset?: boolean; seed: string }) => {
      const prisoners = Number(options.prisoners);
      if (!Number.isInteger(prisoners) || prisoners < 1 || prisoners > 1_000_000) {
        throw new Error('--prisoners must be a whole number between 1 and 1000000');
      }
      await withDatabase(async (db) => {
        await migrate(db.dataSource);
        if (await hasDemoData(db.dataSource)) {
          if (!options.reset) throw new Error('the database already holds data; use --reset to replace it');
          await clearData(db.dataSource);
        }
        const progress = progressReporter();
        try {
          const summary = await seedDemoData(db.dataSource, {
            now: new Date(), prisoners, seed: Number(options.seed), onProgress: progress.update,
          });
          progress.stop();
          process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        } finally {
          progress.stop();
        }
      });
    });
}
