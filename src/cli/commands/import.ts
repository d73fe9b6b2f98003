import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { DataSource } from 'typeorm';
import { importRecords, type ImportSummary } from '../../publishing/import/import-run.js';
import { countLines, formatOf, recordLines } from '../../publishing/import/record-lines.js';
import { RECORD_KINDS, recordKindByImportName } from '../../publishing/record-kinds.js';
import { defaultCliUser } from '../cli-context.js';
import { withDatabase } from '../with-database.js';

export interface ImportCommandOptions {
  agency: string;
  kind: string;
  file: string;
  format?: string;
  as?: string;
  /** Show a progress bar on stderr (default: when stderr is a terminal, else a line every 2 s). */
  progress?: boolean;
}

/** `liaison import`: the file's records upserted by external id, as the agency's system of record. */
export async function runImport(dataSource: DataSource, options: ImportCommandOptions): Promise<ImportSummary> {
  const kind = recordKindByImportName(options.kind);
  if (!kind) throw new Error(`--kind must be one of ${RECORD_KINDS.map((k) => k.importName).join(', ')} (got ${options.kind})`);
  const format = formatOf(options.file, options.format);
  const total = await countLines(options.file, format);
  const bar = options.progress === false ? null : new cliProgress.SingleBar({
    format: `import ${kind.importName} [{bar}] {percentage}% | {value}/{total} lines | {rate} lines/s`,
    stream: process.stderr,
    noTTYOutput: !process.stderr.isTTY,
    notTTYSchedule: 2_000,
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  const started = Date.now();
  bar?.start(total, 0, { rate: 0 });
  try {
    return await importRecords({
      dataSource, agencyCode: options.agency, kind, userId: options.as ?? defaultCliUser(), lines: recordLines(options.file, format),
      onProgress: (handled) => bar?.update(handled, { rate: Math.round(handled / Math.max((Date.now() - started) / 1000, 0.001)) }),
    });
  } finally {
    bar?.stop();
  }
}

/** The report: every rejected line with its problems (stderr), then the counts (stdout). */
export function describeImport(summary: ImportSummary, seconds: number): { report: string[]; totals: string } {
  const report = summary.rejected.map((r) => `line ${r.line}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const totals = `${summary.lines} lines: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected.length} rejected`
    + ` in ${seconds.toFixed(1)} s (run ${summary.runId})`;
  return { report, totals };
}

export function importCommand(program: Command): void {
  program.command('import <file>')
    .description('upsert an agency\'s records by externalId from JSON lines or CSV with a header; re-runnable: unchanged records are left alone')
    .requiredOption('--agency <code>', 'the owning agency (the records are written as its own)')
    .requiredOption('--kind <kind>', `kind of record: ${RECORD_KINDS.map((k) => k.importName).join(', ')}`)
    .option('--format <format>', 'csv or jsonl (default: from the file name)')
    .option('--as <user>', 'who runs the import, recorded in history and the disclosure log (default: cli:<login>)')
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, options: { agency: string; kind: string; format?: string; as?: string; progress: boolean }) => {
      const started = Date.now();
      const summary = await withDatabase((db) => runImport(db.dataSource, { ...options, file }));
      const { report, totals } = describeImport(summary, (Date.now() - started) / 1000);
      for (const line of report) process.stderr.write(`${line}\n`);
      process.stdout.write(`${totals}\n`);
      if (summary.rejected.length > 0) process.exitCode = 1;
    });
}
