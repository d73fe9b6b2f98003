import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PolicyStore } from '../../enforcement/policy-store.js';
import { CLI_ISSUER } from '../../mou/admin-log.js';
import { MAX_UPSERT_BATCH, upsertRecords, type PublishingContext, type RecordInput } from '../publish.js';
import type { RecordKind, RecordProblem } from '../record-kind.js';
import type { RecordLine } from './record-lines.js';

/** Keys of an import line that are not field values. */
const KEYS = ['externalId', 'prisonerId', 'prisonerExternalId'] as const;

export interface RejectedLine {
  line: number;
  problems: RecordProblem[];
}

export interface ImportSummary {
  runId: string;
  lines: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedLine[];
}

export interface ImportOptions {
  dataSource: DataSource;
  agencyCode: string;
  kind: RecordKind;
  /** Who runs the import (recorded in history and the disclosure log). */
  userId: string;
  lines: AsyncIterable<RecordLine>;
  batchSize?: number;
  /** Batches written at once (default 2). */
  concurrency?: number;
  /** Told after each batch how many lines were handled. */
  onProgress?: (handled: number) => void;
}

/**
 * The writer of an import run: the agency's own system of record, acting with every role the
 * agency defines (whoever runs the CLI holds the database itself), through the same use cases,
 * checks and logs as the API, channel CLI_IMPORT. The owner is the agency given, never a
 * column of the file.
 */
async function importContext(dataSource: DataSource, agencyCode: string, userId: string, runId: string): Promise<PublishingContext> {
  const store = new PolicyStore(dataSource, { watch: false });
  const snapshot = await store.current();
  const agency = snapshot.agencies.get(agencyCode);
  if (!agency) throw new Error(`no agency ${agencyCode}`);
  const roles = [...agency.roles].sort();
  const policy = await store.policyFor({ agencyCode, roles, purpose: null, hasCaseReference: false });
  return {
    writer: { principal: { userId, agencyCode, roles, issuer: CLI_ISSUER }, channel: 'CLI_IMPORT', requestDecisionId: runId, operationName: 'liaison import' },
    ability: policy.ability,
    dataSource,
  };
}

function inputOf(fields: Record<string, unknown>): RecordInput {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (!(KEYS as readonly string[]).includes(key)) values[key] = value;
  const text = (key: (typeof KEYS)[number]): string | null => (typeof fields[key] === 'string' ? fields[key] as string : fields[key] === undefined ? null : String(fields[key]));
  return { externalId: text('externalId'), prisonerId: text('prisonerId'), prisonerExternalId: text('prisonerExternalId'), values };
}

/** Which worker takes a record: by its external id, so every line of one record goes, in file order, to one worker. */
function workerOf(externalId: string | null, workers: number): number {
  if (externalId === null) return 0;
  let hash = 0;
  for (let i = 0; i < externalId.length; i++) hash = (hash * 31 + externalId.charCodeAt(i)) | 0;
  return Math.abs(hash) % workers;
}

/**
 * Imports a file's records by external id, a batch (one transaction) at a time: good lines
 * are committed, each rejected line is reported with its number and every problem. Re-running
 * the same file changes nothing (every line UNCHANGED). Memory stays flat: lines stream in
 * and only rejected lines are kept. `concurrency` batches are written at once (default 2, one
 * per core of a small server); lines are routed to a writer by external id, so two lines of
 * the same record are still applied in file order and concurrent batches never touch one record.
 */
export async function importRecords(options: ImportOptions): Promise<ImportSummary> {
  const runId = randomUUID();
  const pc = await importContext(options.dataSource, options.agencyCode, options.userId, runId);
  const batchSize = Math.min(options.batchSize ?? MAX_UPSERT_BATCH, MAX_UPSERT_BATCH);
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const summary: ImportSummary = { runId, lines: 0, created: 0, updated: 0, unchanged: 0, rejected: [] };
  const batches: { line: number; input: RecordInput }[][] = Array.from({ length: concurrency }, () => []);
  const batchKeys: Set<string>[] = Array.from({ length: concurrency }, () => new Set());
  const writing: Promise<void>[] = Array.from({ length: concurrency }, () => Promise.resolve());
  let handled = 0;

  const write = async (batch: { line: number; input: RecordInput }[]): Promise<void> => {
    const outcomes = await upsertRecords(pc, options.kind, batch.map((b) => b.input));
    for (const outcome of outcomes) {
      const line = batch[outcome.index]!.line;
      if (outcome.outcome === 'CREATED') summary.created++;
      else if (outcome.outcome === 'UPDATED') summary.updated++;
      else if (outcome.outcome === 'UNCHANGED') summary.unchanged++;
      else summary.rejected.push({ line, problems: outcome.problems });
    }
    handled += batch.length;
    options.onProgress?.(handled);
  };
  /** Hands a worker's batch to it once its previous batch is written (at most one batch in flight per worker). */
  const flush = async (worker: number): Promise<void> => {
    const batch = batches[worker]!;
    if (batch.length === 0) return;
    batches[worker] = [];
    batchKeys[worker] = new Set();
    await writing[worker];
    const written = write(batch);
    written.catch(() => undefined); // observed below (allSettled): not an unhandled rejection meanwhile
    writing[worker] = written;
  };

  try {
    for await (const record of options.lines) {
      summary.lines++;
      if ('problem' in record) {
        summary.rejected.push({ line: record.line, problems: [{ path: 'line', message: record.problem }] });
        handled++;
        continue;
      }
      const input = inputOf(record.fields);
      const worker = workerOf(input.externalId ?? null, concurrency);
      // A record named again later in the file updates what the earlier line wrote: its batch is
      // written first, so the lines apply in file order (one batch may not hold a record twice).
      if (input.externalId && batchKeys[worker]!.has(input.externalId)) await flush(worker);
      batches[worker]!.push({ line: record.line, input });
      if (input.externalId) batchKeys[worker]!.add(input.externalId);
      if (batches[worker]!.length >= batchSize) await flush(worker);
    }
    for (let worker = 0; worker < concurrency; worker++) await flush(worker);
  } finally {
    // Every batch handed out is finished (or failed) before the import returns or throws.
    const settled = await Promise.allSettled(writing);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  }
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}
