import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { LiaisonError } from '../../errors.js';
import { parseMouDocument } from '../../mou/rules/mou-document.js';
import { describeProblem, type MouProblem } from '../../mou/rules/mou-validation.js';
import { exportMouDocument, importMouDocument } from '../../mou/documents.js';
import type { MouView } from '../../mou/views.js';
import { cliContext, defaultCliUser } from '../cli-context.js';
import { withDatabase } from '../with-database.js';

/** `liaison mou export`: the YAML text of one version (the latest unless `version`). */
export async function runMouExport(dataSource: DataSource, options: { reference: string; version?: number; out?: string }): Promise<string> {
  const { text } = await exportMouDocument(dataSource.manager, options.reference, options.version);
  if (options.out) writeFileSync(options.out, text);
  return text;
}

export type ImportOutcome = { ok: true; mou: MouView } | { ok: false; message: string; problems: MouProblem[] };

/**
 * `liaison mou import`: a DRAFT from a YAML file, drafted by `as` (default: the operator's
 * login) as an MOU_ADMIN of the document's provider. Refused files come back with every problem.
 */
export async function runMouImport(dataSource: DataSource, options: { file: string; as?: string }): Promise<ImportOutcome> {
  const text = readFileSync(options.file, 'utf8');
  // The provider is read first, to act for it; a file without one is refused by the import itself.
  const provider = parseMouDocument(text).document?.provider ?? 'UNKNOWN';
  const ctx = await cliContext(dataSource, pino({ level: process.env.LOG_LEVEL ?? 'warn' }), { agencyCode: provider, userId: options.as ?? defaultCliUser() });
  try {
    return { ok: true, mou: await importMouDocument(ctx, text) };
  } catch (error) {
    if (!(error instanceof LiaisonError)) throw error;
    const problems = (error.extensions.problems as MouProblem[] | undefined) ?? [];
    return { ok: false, message: error.message, problems };
  }
}

export function mouCommand(program: Command): void {
  const mou = program.command('mou').description('MoUs as YAML documents (format: README, "MoUs as documents")');

  mou.command('export <reference>')
    .description('write an MoU version as YAML (the latest version unless --version)')
    .option('--version <n>', 'version number')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (reference: string, options: { version?: string; out?: string }) => {
      const version = options.version === undefined ? undefined : Number(options.version);
      if (version !== undefined && (!Number.isInteger(version) || version < 1)) throw new Error('--version must be a whole number from 1');
      const text = await withDatabase((db) => runMouExport(db.dataSource, { reference, version, out: options.out }));
      if (options.out) process.stdout.write(`wrote ${options.out}\n`);
      else process.stdout.write(text);
    });

  mou.command('import <file>')
    .description('create a DRAFT from a YAML document: version 1 of a new reference, or the next version of the MoU in force')
    .option('--as <user>', 'the drafting MOU_ADMIN of the provider (default: cli:<login>); recorded as author, so this user cannot approve it')
    .action(async (file: string, options: { as?: string }) => {
      const outcome = await withDatabase((db) => runMouImport(db.dataSource, { file, as: options.as }));
      if (outcome.ok) {
        const { mou: draft } = outcome;
        process.stdout.write(`created ${draft.reference} v${draft.version} as ${draft.status} (id ${draft.id}); next: submitMou, then approveMou by each party\n`);
        return;
      }
      process.stderr.write(`liaison: ${file} refused${outcome.problems.length ? ` — ${outcome.problems.length} problem(s):` : `: ${outcome.message}`}\n`);
      for (const problem of outcome.problems) process.stderr.write(`  ${describeProblem(problem)}\n`);
      process.exitCode = 1;
    });
}
