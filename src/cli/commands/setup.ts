import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { applyReferenceData } from '../../reference-data/apply-reference-data.js';
import { describeReferenceProblem, type ReferenceProblem } from '../../reference-data/rules/reference-data.js';
import { describeChange, summariseChanges } from '../../reference-data/rules/reference-diff.js';
import { keyFingerprint, parseReferenceDocument } from '../../reference-data/rules/reference-document.js';
import { formatReferenceDocument } from '../../reference-data/rules/reference-export.js';
import { readReferenceData } from '../../reference-data/reference-store.js';
import { defaultCliUser } from '../cli-context.js';
import { setupRolesCommand } from './setup-roles.js';
import { withDatabase } from '../with-database.js';

/** Prints every problem of a refused file, one a line, to stderr; exit code 1. */
function refuse(file: string, problems: readonly ReferenceProblem[]): void {
  process.stderr.write(`liaison: ${file} refused — ${problems.length} problem(s):\n`);
  for (const problem of problems) process.stderr.write(`  ${describeReferenceProblem(problem)}\n`);
  process.exitCode = 1;
}

export function setupCommand(program: Command): void {
  const setup = program.command('setup').description('the exchange\'s reference data: agencies, roles, facilities, trusted issuers (format: README, "Going live"); the runtime database role');
  setupRolesCommand(setup);

  setup.command('apply <file>')
    .description('make the database\'s reference data what the YAML file says: prints the difference, then applies it (the first apply marks the database as production)')
    .option('--dry-run', 'print the difference and change nothing')
    .option('--as <user>', 'who applies, as the admin log records it (default: cli:<login>)')
    .option('--reason <text>', 'why, as the admin log records it')
    .action(async (file: string, options: { dryRun?: boolean; as?: string; reason?: string }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      const base = path.dirname(path.resolve(file));
      const { data, problems } = parseReferenceDocument(text, { readKeyFile: (relative) => readFileSync(path.resolve(base, relative), 'utf8') });
      if (!data) {
        refuse(file, problems);
        return;
      }
      const dryRun = options.dryRun === true;
      const outcome = await withDatabase((db) => applyReferenceData(db.dataSource, data, {
        actor: { userId: options.as ?? defaultCliUser(), agencyCode: null, roles: [], channel: 'CLI', decisionId: `setup-${randomUUID()}` },
        dryRun,
        reason: options.reason ?? null,
        request: { command: 'setup apply', file: path.basename(file), sha256: createHash('sha256').update(text).digest('hex'), dryRun },
      }));
      if (outcome.problems.length > 0) {
        refuse(file, outcome.problems);
        return;
      }
      const lines = outcome.changes.map((change) => `  ${describeChange(change, keyFingerprint)}`);
      if (outcome.marksProduction) lines.push('  * the database becomes a production exchange: `liaison seed` refuses it, and gateways start on it only in production mode');
      if (lines.length === 0) {
        process.stdout.write(`${file}: no changes\n`);
        return;
      }
      process.stdout.write(`${file}: ${summariseChanges(outcome.changes)}${outcome.marksProduction ? ' (and the production mark)' : ''}\n${lines.join('\n')}\n`);
      if (dryRun) {
        process.stdout.write('dry run: nothing changed\n');
        return;
      }
      process.stdout.write('applied\n');
      const issuers = outcome.changes.filter((change) => change.entity === 'ISSUER');
      if (issuers.some((change) => change.action !== 'ADD')) {
        process.stdout.write('withdrawn issuers and keys are refused by every running gateway at once\n');
      }
      if (issuers.some((change) => change.action !== 'REMOVE')) {
        process.stdout.write('new and changed issuers are trusted from the next start of each gateway process: restart them\n');
      }
    });

  setup.command('export')
    .description('write the database\'s reference data as a YAML file that setup apply reads (edit it, apply it again)')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (options: { out?: string }) => {
      const text = formatReferenceDocument(await withDatabase((db) => readReferenceData(db.dataSource.manager)));
      if (!options.out) {
        process.stdout.write(text);
        return;
      }
      writeFileSync(options.out, text);
      process.stdout.write(`wrote ${options.out}\n`);
    });
}
