import type { Command } from 'commander';
import pg from 'pg';
import { setUpRuntimeRole } from '../../db/runtime-role.js';
import { withDatabase } from '../with-database.js';

/** `liaison setup roles`: the least-privilege database role gateway processes log in as (docs/deploy.md). */
export function setupRolesCommand(setup: Command): void {
  setup
    .command('roles')
    .description('create or update the runtime role gateways log in as: least privilege, INSERT and SELECT only on the disclosure log; run as the role that owns the schema, after every `liaison migrate`')
    .requiredOption('--runtime-role <name>', 'the role gateway processes use in their DATABASE_URL, e.g. liaison_runtime')
    .option('--password-env <variable>', 'set the role\'s password from this environment variable (never on the command line)')
    .action(async (options: { runtimeRole: string; passwordEnv?: string }) => {
      const password = options.passwordEnv === undefined ? undefined : process.env[options.passwordEnv];
      if (options.passwordEnv !== undefined && !password) throw new Error(`${options.passwordEnv} is not set`);
      await withDatabase(async (db) => {
        const client = new pg.Client({ connectionString: db.url, application_name: 'liaison-cli' });
        await client.connect();
        try {
          const report = await setUpRuntimeRole(client, { role: options.runtimeRole, password });
          process.stdout.write(`${report.created ? 'created' : 'updated'} role ${options.runtimeRole}: privileges on ${report.tables} tables (the disclosure log and its checkpoints: INSERT, SELECT)\n`);
        } finally {
          await client.end();
        }
      });
    });
}
