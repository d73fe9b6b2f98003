import type pg from 'pg';
import type { RecordKind, RecordState } from './record-kind.js';

/** A record as the write side reads it, locked for the transaction. */
export interface StoredRecord {
  id: string;
  externalId: string;
  revision: number;
  prisonerId: string | null;
  withdrawn: boolean;
  state: RecordState;
}

function stateOf(kind: RecordKind, row: Record<string, unknown>): RecordState {
  const state: RecordState = {};
  for (const [name, spec] of Object.entries(kind.fields)) {
    const value = row[spec.column];
    if (value === null || value === undefined) {
      state[name] = null;
    } else if (spec.children || spec.type.column === 'jsonb') {
      // Child rows come back as JSON; their canonical form (and order) is the field type's.
      const normalised = spec.type.normalise(value);
      state[name] = 'problem' in normalised || (Array.isArray(normalised.value) && normalised.value.length === 0) ? null : normalised.value;
    } else {
      state[name] = value instanceof Date ? value.toISOString() : Array.isArray(value) ? [...(value as string[])].sort() : String(value);
    }
  }
  return state;
}

const selectList = (kind: RecordKind): string => [
  't.id', 't.external_id', 't.revision', 't.withdrawn_at', ...(kind.linkedToPrisoner ? ['t.prisoner_id'] : []),
  ...Object.values(kind.fields).map((f) => (f.children
    ? `(${f.children.read}) AS ${f.column}`
    : f.reference
      ? `(SELECT r.${f.reference.key} FROM ${f.reference.table} r WHERE r.id = t.${f.column}) AS ${f.column}`
      : `t.${f.column}`)),
].join(', ');

const toStored = (kind: RecordKind, row: Record<string, unknown>): StoredRecord => ({
  id: row.id as string,
  externalId: row.external_id as string,
  revision: row.revision as number,
  prisonerId: kind.subject === 'Prisoner' ? (row.id as string) : ((row.prisoner_id as string | undefined) ?? null),
  withdrawn: row.withdrawn_at !== null,
  state: stateOf(kind, row),
});

/**
 * The owner's records with these external ids, read without locking: an upsert that changes
 * nothing writes nothing (not even a row lock); the records it does change are updated only
 * at the revision read here (RecordMovedOn otherwise).
 */
export async function readByExternalId(client: pg.ClientBase, kind: RecordKind, owner: string, externalIds: readonly string[]): Promise<Map<string, StoredRecord>> {
  if (externalIds.length === 0) return new Map();
  const { rows } = await client.query(
    `SELECT ${selectList(kind)} FROM ${kind.table} t WHERE t.owner_agency_code = $1 AND t.external_id = ANY($2::text[])`,
    [owner, externalIds],
  );
  return new Map(rows.map((row: Record<string, unknown>) => [row.external_id as string, toStored(kind, row)]));
}

/** One of the owner's records by id, locked; null when there is none (or it is another agency's). */
export async function lockById(client: pg.ClientBase, kind: RecordKind, owner: string, id: string): Promise<StoredRecord | null> {
  const { rows: [row] } = await client.query(
    `SELECT ${selectList(kind)} FROM ${kind.table} t WHERE t.owner_agency_code = $1 AND t.id = $2 FOR UPDATE OF t`,
    [owner, id],
  );
  return row ? toStored(kind, row as Record<string, unknown>) : null;
}

/**
 * The owner's live prisoners with these external ids (record references name prisoners this
 * way). Not locked: the foreign key keeps the prisoner row, and a prisoner withdrawn in the
 * same instant is an ordering of two writes, not a loss.
 */
export async function prisonersByExternalId(client: pg.ClientBase, owner: string, externalIds: readonly string[]): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const { rows } = await client.query<{ id: string; external_id: string }>(
    `SELECT id, external_id FROM prisoner WHERE owner_agency_code = $1 AND external_id = ANY($2::text[]) AND withdrawn_at IS NULL`,
    [owner, externalIds],
  );
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

/** The owner's live prisoners with these ids. */
export async function prisonersById(client: pg.ClientBase, owner: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM prisoner WHERE owner_agency_code = $1 AND id = ANY($2::uuid[]) AND withdrawn_at IS NULL`,
    [owner, ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** Which of these keys name rows of the owner's in `table` (e.g. facility codes). */
export async function existingKeys(client: pg.ClientBase, reference: { table: string; key: string }, owner: string, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { rows } = await client.query<{ key: string }>(
    `SELECT ${reference.key} AS key FROM ${reference.table} WHERE owner_agency_code = $1 AND ${reference.key} = ANY($2::text[])`,
    [owner, keys],
  );
  return new Set(rows.map((r) => r.key));
}
