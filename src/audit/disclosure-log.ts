import type { KeyObject } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { RequestContext } from '../context/request-context.js';
import type { RequestDisclosure } from '../context/request-disclosure.js';
import type { AuditKeys } from './audit-keys.js';
import type { AuditSink, RequestSummary } from './audit-sink.js';
import { canonicalJson } from './core/canonical-json.js';
import { checkpointNote, type Checkpoint } from './core/checkpoint.js';
import type { Receipt } from './core/receipt.js';
import { formatNote } from './core/signed-note.js';
import { checkpointConsistency, entryReceipt, numberedCheckpoint, type ConsistencyProofView } from './store/log-proofs.js';
import { LogAppender } from './store/log-appender.js';
import { buildLogEntry, indexOf, type LoggedClause, type RequestTrace } from './core/log-entry.js';
import { exportDisclosureLog, type ExportSummary } from './store/log-export.js';
import { LogSealer } from './store/log-sealer.js';
import { verifyDisclosureLog, type IntegrityReport } from './log-verification.js';
import { isSubjectType } from '../policies/subjects.js';
import { ANSWER_GRACE_MS, clientWithAnswerDeadline } from '../db/answer-deadline.js';

export interface DisclosureLogOptions {
  databaseUrl: string;
  keys: AuditKeys;
  settings: Config['audit'];
  log: Logger;
  applicationName?: string;
}

/** What the request did: its inputs, and what it disclosed once the response is final. */
export function traceOf(ctx: RequestContext, disclosed: RequestDisclosure, summary: RequestSummary, recordedAt: Date): RequestTrace {
  const clauses = ctx.snapshot.clauses;
  return {
    decisionId: ctx.decisionId,
    recordedAt,
    principal: ctx.principal,
    purpose: ctx.purpose,
    caseReference: ctx.caseReference,
    operationName: summary.operationName,
    documentHash: summary.documentHash,
    queried: disclosed.searchedSubjects,
    // Each search with the providers of the clauses it ran under: whose data an answer, even a count, was about.
    searchTerms: (summary.searchTerms ?? []).map((term) => ({
      ...term,
      agencyCodes: term.subject && isSubjectType(term.subject) && disclosed.searchedSubjects.includes(term.subject)
        ? ctx.policy.reach(term.subject).clauses.map((c) => c.mou.providerAgencyCode)
        : [],
    })),
    records: disclosed.entries(),
    denials: disclosed.denials,
    logAccess: disclosed.logAccesses,
    searchCandidates: disclosed.searchCandidates,
    clause: (id): LoggedClause | undefined => {
      const clause = clauses.find((c) => c.id === id);
      return clause && {
        id, mouReference: clause.mou.reference, mouVersion: clause.mou.version, label: clause.label, providerAgencyCode: clause.mou.providerAgencyCode,
      };
    },
  };
}

/**
 * The disclosure log of one gateway process: the audit sink that writes each request's entry
 * before its response leaves (fail closed), the sealer that signs checkpoints, verification
 * and export. It has its own small connection pool, so that entries are never queued behind
 * the requests' own queries, and a bounded write time (LIAISON_AUDIT_WRITE_TIMEOUT_MS): an
 * entry that cannot be written in time fails its request rather than holding it.
 */
export class DisclosureLog implements AuditSink {
  readonly pool: pg.Pool;
  readonly keys: AuditKeys;
  private readonly appender: LogAppender;
  private readonly sealer: LogSealer;
  private readonly settings: Config['audit'];

  constructor(options: DisclosureLogOptions) {
    this.keys = options.keys;
    this.pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 4,
      statement_timeout: options.settings.writeTimeoutMs,
      connectionTimeoutMillis: options.settings.writeTimeoutMs,
      keepAlive: true,
      // Bounded even when the database stops answering: the request then fails closed (503).
      Client: clientWithAnswerDeadline(options.settings.writeTimeoutMs + ANSWER_GRACE_MS),
      idleTimeoutMillis: 30_000,
      application_name: options.applicationName ?? 'liaison-disclosure-log',
    });
    this.pool.on('error', (error) => options.log.warn({ err: error.message }, 'disclosure log: idle database connection lost'));
    this.appender = new LogAppender(this.pool);
    this.settings = options.settings;
    this.sealer = new LogSealer(this.pool, options.keys.signer, {
      intervalSeconds: options.settings.checkpointIntervalSeconds,
      everyEntries: options.settings.checkpointEveryEntries,
      publicationDir: options.settings.checkpointDir,
    }, options.log, undefined, options.keys.trusted);
  }

  /**
   * Writes the request's entry, if it read or was refused anything; resolves once committed.
   * The entry is built and queued synchronously and only its text and index columns wait for
   * the commit (not the entry's objects: see RequestDisclosure.close for why a waiting request
   * should hold little).
   */
  record(request: RequestContext, disclosed: RequestDisclosure, summary: RequestSummary): Promise<void> {
    let appended: Promise<number>;
    try {
      const entry = buildLogEntry(traceOf(request, disclosed, summary, new Date()));
      if (!entry) return Promise.resolve();
      appended = this.appender.append({ entry: canonicalJson(entry), index: indexOf(entry) });
    } catch (error) {
      return Promise.reject(error);
    }
    return appended.then(() => undefined);
  }

  /** Seals the chain head now (or returns the checkpoint already sealing it); null when the log is empty. `late`: see SealOptions. */
  async seal(options: { late?: boolean } = {}): Promise<{ checkpoint: Checkpoint; created: boolean } | null> {
    return this.sealer.seal({ force: true, late: options.late });
  }

  get canSeal(): boolean {
    return this.sealer.canSign;
  }

  /**
   * Verifies the whole log against the configured keys (and `moreKeys`, e.g. given on the
   * command line), the checkpoints held outside the database (the publication directory and
   * `checkpointDirs`, e.g. the inspectorate's copies) and the sealing schedule.
   */
  verify(moreKeys: ReadonlyMap<string, KeyObject> = new Map(), checkpointDirs: readonly string[] = []): Promise<IntegrityReport> {
    return verifyDisclosureLog(this.pool, new Map([...this.keys.trusted, ...moreKeys]), {
      checkpointDirs: [...(this.settings.checkpointDir ? [this.settings.checkpointDir] : []), ...checkpointDirs],
      intervalSeconds: this.settings.checkpointIntervalSeconds,
    });
  }

  /** Numbered checkpoint `number` (or the latest) as a signed note, for whoever keeps copies; null if there is none. */
  async checkpointNote(number: number | 'latest'): Promise<string | null> {
    const checkpoint = await numberedCheckpoint(this.pool, number);
    const key = checkpoint && this.keys.trusted.get(checkpoint.keyId);
    return checkpoint && key ? formatNote(checkpointNote(checkpoint, key)) : null;
  }

  /** The RFC 9162 proof that checkpoint `to` extends checkpoint `from`. */
  consistency(from: number, to: number): Promise<ConsistencyProofView | null> {
    return checkpointConsistency(this.pool, from, to);
  }

  /** A receipt proving entry `seq` against the latest numbered checkpoint (null if not yet sealed by one). */
  receipt(seq: number): Promise<Receipt | null> {
    return entryReceipt(this.pool, seq, (keyId) => this.keys.trusted.get(keyId));
  }

  export(period: { from: Date | null; to: Date | null }, write: (line: string) => Promise<void> | void): Promise<ExportSummary> {
    return exportDisclosureLog(this.pool, period, write);
  }

  /** Starts sealing on schedule (LIAISON_AUDIT_CHECKPOINT_INTERVAL / _ENTRIES). */
  startSealing(): void {
    this.sealer.start();
  }

  /** Stops: every queued entry written, then (a process sealing on schedule) the head sealed, then the pool closed. */
  async close(): Promise<void> {
    await this.appender.drain();
    await this.sealer.stop();
    await this.pool.end();
  }
}
