import { createRequire } from 'node:module';
import { canonicalJson } from '../src/audit/core/canonical-json.js';
import { buildLogEntry, indexOf, type LogEntry } from '../src/audit/core/log-entry.js';
import { traceOf } from '../src/audit/disclosure-log.js';
import { insertStatement } from '../src/audit/store/log-appender.js';
import type { RequestContext } from '../src/context/request-context.js';
import { RequestDisclosure, type PresentedRecord } from '../src/context/request-disclosure.js';
import type { RedactionReason } from '../src/policies/compiled-policy.js';
import type { SubjectType } from '../src/policies/subjects.js';

/**
 * Micro-benchmark of writing one disclosure-log entry, in gateway CPU per request: merging the
 * request's presented records, the trace, the entry, its canonical text, its index columns and
 * what `pg` does with the INSERT's parameters (prepareValue) — everything but the round trip.
 * S1: a police analyst's 50 risk flags, each with its prisoner (100 presented records, ~9 KB);
 * S2: 200 presented records (~20 KB). `npm run build && node dist/bench/log-entry-micro.js [iterations]`.
 */

const require = createRequire(import.meta.url);
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

const ITERATIONS = Number(process.argv[2] ?? 20_000);

const uuid = (n: number, kind: number): string => {
  const hex = (n * 2654435761 % 0xffffffff).toString(16).padStart(8, '0');
  return `${hex}-${kind}000-4000-8000-${String(n).padStart(12, '0')}`;
};

const CLAUSES = ['c-flags-standard', 'c-flags-terror', 'c-identity', 'c-probation-notes'].map((id, i) => ({
  id, label: `label of ${id}`, mou: { reference: `MOU-PRISONS-POLICE-0${i + 1}`, version: 2, providerAgencyCode: 'PRISONS' },
}));

/** A presented record as the compiled read and the field resolver leave it. */
function presented(subject: SubjectType, id: string, prisonerId: string | null, clauseIds: string[], asked: string[], withheld: string[]): PresentedRecord {
  const withheldMap = new Map<string, RedactionReason>(withheld.map((f) => [f, 'NO_CLAUSE' as RedactionReason]));
  const record: PresentedRecord = {
    subject, id, prisonerId, ownerAgencyCode: 'PRISONS', clauseIds, withheld: withheldMap, returned: new Set(), redacted: new Set(), revealed: true,
  };
  for (const field of asked) (withheldMap.has(field) ? record.redacted : record.returned).add(field);
  return record;
}

/** `flags` risk flags over fewer prisoners, each with its prisoner's name, facility and release date; every 10th flag has its summary withheld. */
function scenario(flags: number): PresentedRecord[] {
  const records: PresentedRecord[] = [];
  for (let i = 0; i < flags; i += 1) {
    const prisoner = uuid(Math.floor(i * 0.8), 1);
    records.push(presented('RiskFlag', uuid(i, 2), prisoner, i % 7 === 0 ? ['c-flags-standard', 'c-flags-terror'] : ['c-flags-standard'],
      ['id', 'category', 'severity', 'summary', 'raisedAt', 'prisoner'], i % 10 === 0 ? ['summary'] : []));
    records.push(presented('Prisoner', prisoner, prisoner, ['c-identity'], ['fullName', 'facility', 'releaseDate', 'id'], []));
  }
  return records;
}

const ctx = {
  decisionId: '44444444-4444-4444-8444-444444444444',
  principal: { userId: 'analyst-1', agencyCode: 'POLICE', roles: ['OFFICER', 'ANALYST'], issuer: 'urn:liaison:dev:POLICE' },
  purpose: 'COUNTER_TERRORISM',
  caseReference: 'CASE-2026-0042',
  snapshot: { clauses: CLAUSES },
  policy: { reach: () => ({ clauses: CLAUSES.slice(0, 2) }) },
} as unknown as RequestContext;

/**
 * The search terms as searchTermsOf gives them: arguments in the schema's order (type-graphql
 * lists a field's arguments `after`, `first`, `filter`), which is not key order as soon as a
 * filter is given — as in S2 (`releasePlans(filter: …, first: 50)`).
 */
const summaryOf = (args: Record<string, unknown>) => ({
  operationName: 'Bench', documentHash: 'ab'.repeat(32), errorCodes: [],
  searchTerms: [{ arguments: args, field: 'riskFlags', subject: 'RiskFlag' }],
});
let summary = summaryOf({ first: 50 });
const recordedAt = new Date('2026-03-15T10:30:00.123Z');

function disclosureOf(records: readonly PresentedRecord[]): RequestDisclosure {
  const disclosed = new RequestDisclosure();
  disclosed.queried('RiskFlag');
  for (const record of records) disclosed.track(record);
  return disclosed;
}

/** The whole write up to the round trip: what `DisclosureLog.record` and the appender do per entry. */
function writeOnce(records: readonly PresentedRecord[]): string {
  const entry = buildLogEntry(traceOf(ctx, disclosureOf(records), summary, recordedAt))!;
  const text = canonicalJson(entry);
  const { values } = insertStatement([{ entry: text, index: indexOf(entry) }]);
  for (const value of values) prepareValue(value);
  return text;
}

const micros = (run: () => void, iterations: number): number => {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i += 1) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / iterations;
};

function measure(name: string, records: readonly PresentedRecord[]): void {
  const text = writeOnce(records);
  micros(() => writeOnce(records), Math.max(1, ITERATIONS / 4)); // warm-up
  const entry = buildLogEntry(traceOf(ctx, disclosureOf(records), summary, recordedAt))!;
  const index = indexOf(entry);
  const { values } = insertStatement([{ entry: text, index }]);
  const trace = traceOf(ctx, disclosureOf(records), summary, recordedAt);
  const stages: [string, () => unknown][] = [
    ['tracking only (not the log)', () => disclosureOf(records)],
    ['tracking + merge (entries)', () => disclosureOf(records).entries()],
    ['buildLogEntry', () => buildLogEntry(trace)],
    ['traceOf + buildLogEntry', () => buildLogEntry(traceOf(ctx, disclosureOf(records), summary, recordedAt))],
    ['canonicalJson', () => canonicalJson(entry)],
    ['indexOf', () => indexOf(entry as LogEntry)],
    ['insert params + prepareValue', () => {
      for (const value of insertStatement([{ entry: text, index }]).values) prepareValue(value);
    }],
  ];
  const total = micros(() => writeOnce(records), ITERATIONS);
  console.log(`${name}: ${records.length} presented records, entry ${text.length} bytes, ${values.length} params`);
  console.log(`  total per entry                 ${total.toFixed(1)} µs`);
  for (const [stage, run] of stages) console.log(`  ${stage.padEnd(32)}${micros(run, ITERATIONS).toFixed(1)} µs`);
}

measure('S1', scenario(50));
summary = summaryOf({ first: 50, filter: { releaseWithinDays: 90 } });
measure('S2', scenario(100));
