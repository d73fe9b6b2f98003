import type { SubjectType } from '../policies/subjects.js';
import type { RecordKind } from './record-kind.js';
import type { RecordInput, UpdateResult, UpsertOutcome } from './publish.js';
import type { WrittenChange } from './record-writer.js';

/** What the API answers for a write. */
export interface WriteReceiptView {
  subject: SubjectType;
  id: string;
  externalId: string;
  revision: number;
  outcome: 'CREATED' | 'UPDATED' | 'CORRECTED' | 'WITHDRAWN' | 'UNCHANGED';
  changedFields: string[];
}

const OUTCOME = { CREATE: 'CREATED', UPDATE: 'UPDATED', CORRECTION: 'CORRECTED', WITHDRAWAL: 'WITHDRAWN', UNCHANGED: 'UNCHANGED' } as const;

export const receiptOf = (kind: RecordKind, change: WrittenChange | UpdateResult): WriteReceiptView => ({
  subject: kind.subject, id: change.id, externalId: change.externalId, revision: change.revision,
  outcome: OUTCOME[change.change], changedFields: [...change.fields],
});

export function upsertSummary(outcomes: readonly UpsertOutcome[]) {
  const count = (outcome: UpsertOutcome['outcome']) => outcomes.filter((o) => o.outcome === outcome).length;
  return { created: count('CREATED'), updated: count('UPDATED'), unchanged: count('UNCHANGED'), rejected: count('REJECTED'), records: outcomes };
}

/** A GraphQL input value as plain data: nested input objects (names, licence conditions) become plain objects. */
const plain = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(plain)
    : value !== null && typeof value === 'object' && !(value instanceof Date)
      ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]))
      : value;

/** The field values of a GraphQL input object (absent fields stay absent; null clears). */
export function plainValues(kind: RecordKind, input: object): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(kind.fields)) {
    const value = (input as Record<string, unknown>)[name];
    if (value !== undefined) values[name] = plain(value);
  }
  return values;
}

/** A GraphQL record input (keys and fields) as the use cases take it. */
export const recordInputOf = (kind: RecordKind, input: { externalId?: string | null; prisonerId?: string | null; prisonerExternalId?: string | null }): RecordInput => ({
  externalId: input.externalId, prisonerId: input.prisonerId, prisonerExternalId: input.prisonerExternalId, values: plainValues(kind, input),
});
