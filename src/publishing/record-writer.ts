import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { canonicalJson } from '../audit/core/canonical-json.js';
import { indexOf } from '../audit/core/log-entry.js';
import { buildWriteEntries, type WriteChannel, type WriteKind, type WrittenRecord } from '../audit/core/write-entry.js';
import { insertEntries } from '../audit/store/log-appender.js';
import type { Principal } from '../context/request-context.js';
import { columnFields, type RecordKind, type RecordState, type WritableField } from './record-kind.js';
import { changesOf } from './record-state.js';
import { readPolicyImages, writePolicyImages } from '../alerts/feed-changes.js';

/** Who writes, and through which channel. */
export interface Writer {
  principal: Principal;
  channel: WriteChannel;
  /** The request's decision id (or the import run's id). */
  requestDecisionId: string | null;
  operationName: string | null;
}

export type RecordChange = 'CREATE' | 'UPDATE' | 'CORRECTION' | 'WITHDRAWAL';

interface PlanBase {
  externalId: string;
  prisonerId: string | null;
}

/** One change to make, already validated and authorised. */
export type WritePlan =
  | PlanBase & { op: 'create'; state: RecordState; changed: readonly string[] }
  | PlanBase & {
    /** `revision`: the one `before` was read at; the update applies only if the record is still there. */
    op: 'update'; id: string; revision: number; before: RecordState; state: RecordState; changed: readonly string[];
    change: 'UPDATE' | 'CORRECTION'; reason: string | null;
  }
  | PlanBase & { op: 'withdraw'; id: string; reason: string };

export interface WrittenChange {
  id: string;
  externalId: string;
  revision: number;
  change: RecordChange;
  fields: readonly string[];
}

/**
 * A record changed between being read and being written (the upsert path reads without
 * locking, so that re-sending unchanged records writes nothing): the transaction is rolled
 * back and the batch planned again.
 */
export class RecordMovedOn extends Error {}

const LOG_KIND: Readonly<Record<RecordChange, WriteKind>> = {
  CREATE: 'COLLECTION', UPDATE: 'ALTERATION', CORRECTION: 'ALTERATION', WITHDRAWAL: 'ERASURE',
};

/** `name type` pairs for jsonb_to_recordset, from the kind's own columns (a reference arrives as its key). */
function recordsetColumns(kind: RecordKind, extra: readonly string[]): string {
  return [...extra, ...columnFields(kind).map(([, f]) => `${f.column} ${f.reference ? 'text' : f.type.column}`)].join(', ');
}

/** The value written to a column: the recordset's, or for a reference the id of the owner's row with that key. */
const valueOf = (f: WritableField, ownerExpression: string): string => (f.reference
  ? `(SELECT r.id FROM ${f.reference.table} r WHERE r.${f.reference.key} = x.${f.column} AND r.owner_agency_code = ${ownerExpression})`
  : `x.${f.column}`);

const rowOf = (kind: RecordKind, state: RecordState): Record<string, unknown> =>
  Object.fromEntries(columnFields(kind).map(([name, f]) => [f.column, state[name] ?? null]));

const childFields = (kind: RecordKind): string[] => Object.entries(kind.fields).filter(([, f]) => f.children).map(([name]) => name);

/**
 * Makes the planned changes in the caller's open transaction, with everything that must be
 * true of them when they commit: the record rows (revision + 1), one history row per change,
 * one change-feed event per change (positions in commit order, see the OwnerWrites
 * migration) and the disclosure-log entries of collection, alteration and erasure. Multi-row
 * statements throughout, so a batch of 500 costs a handful of round trips. The feed and the
 * log come last: both serialise writers until commit, so they are held as briefly as possible.
 */
export async function writeRecords(client: pg.ClientBase, writer: Writer, kind: RecordKind, plans: readonly WritePlan[], now = new Date()): Promise<WrittenChange[]> {
  if (plans.length === 0) return [];
  const owner = writer.principal.agencyCode;
  const at = now.toISOString();
  const written: (WrittenChange & { prisonerId: string | null; reason: string | null; changes: unknown })[] = [];

  const creates = plans.filter((p) => p.op === 'create');
  if (creates.length > 0) {
    const fields = columnFields(kind).map(([, f]) => f);
    const linked = kind.linkedToPrisoner ? ['prisoner_id'] : [];
    const { rows } = await client.query<{ id: string; external_id: string }>(
      `INSERT INTO ${kind.table} (owner_agency_code, external_id, ${[...linked, ...fields.map((f) => f.column)].join(', ')}, revision, created_at, updated_at)
       SELECT $1, x.external_id, ${[...linked.map((c) => `x.${c}`), ...fields.map((f) => valueOf(f, '$1'))].join(', ')}, 1, $2, $2
         FROM jsonb_to_recordset($3::jsonb) AS x(${recordsetColumns(kind, ['external_id text', ...(kind.linkedToPrisoner ? ['prisoner_id uuid'] : [])])})
       RETURNING id, external_id`,
      [owner, at, JSON.stringify(creates.map((p) => ({ external_id: p.externalId, prisoner_id: p.prisonerId, ...rowOf(kind, p.state) })))],
    );
    const ids = new Map(rows.map((r) => [r.external_id, r.id]));
    for (const plan of creates) {
      written.push({
        id: ids.get(plan.externalId)!, externalId: plan.externalId, prisonerId: plan.prisonerId, revision: 1, change: 'CREATE',
        fields: plan.changed, reason: null, changes: changesOf(plan.changed, null, plan.state),
      });
    }
  }

  const updates = plans.filter((p) => p.op === 'update');
  const withdrawals = plans.filter((p) => p.op === 'withdraw');
  // The records as the policy sees them before the change (rows locked until commit): alerts
  // decide "could the recipient see it before?" from them (src/alerts/feed-changes.ts).
  const beforeImages = await readPolicyImages(client, kind.subject, [...updates, ...withdrawals].map((p) => p.id));
  if (updates.length > 0) {
    const fields = columnFields(kind).map(([, f]) => f);
    const { rows } = await client.query<{ id: string; revision: number }>(
      `UPDATE ${kind.table} AS t SET ${fields.map((f) => `${f.column} = ${valueOf(f, 't.owner_agency_code')}`).join(', ')}, revision = t.revision + 1, updated_at = $1
         FROM jsonb_to_recordset($2::jsonb) AS x(${recordsetColumns(kind, ['id uuid', 'expected_revision integer'])})
        WHERE t.id = x.id AND t.revision = x.expected_revision AND t.withdrawn_at IS NULL
       RETURNING t.id, t.revision`,
      [at, JSON.stringify(updates.map((p) => ({ id: p.id, expected_revision: p.revision, ...rowOf(kind, p.state) })))],
    );
    if (rows.length !== updates.length) throw new RecordMovedOn(`${kind.subject}: ${updates.length - rows.length} record(s) changed while being written`);
    const revisions = new Map(rows.map((r) => [r.id, r.revision]));
    for (const plan of updates) {
      written.push({
        id: plan.id, externalId: plan.externalId, prisonerId: plan.prisonerId, revision: revisions.get(plan.id)!, change: plan.change,
        fields: plan.changed, reason: plan.reason, changes: changesOf(plan.changed, plan.before, plan.state),
      });
    }
  }

  if (withdrawals.length > 0) {
    const { rows } = await client.query<{ id: string; revision: number }>(
      `UPDATE ${kind.table} AS t SET withdrawn_at = $1, withdrawal_reason = x.reason, revision = t.revision + 1, updated_at = $1
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, reason text)
        WHERE t.id = x.id AND t.withdrawn_at IS NULL
       RETURNING t.id, t.revision`,
      [at, JSON.stringify(withdrawals.map((p) => ({ id: p.id, reason: p.reason })))],
    );
    const revisions = new Map(rows.map((r) => [r.id, r.revision]));
    for (const plan of withdrawals) {
      written.push({
        id: plan.id, externalId: plan.externalId, prisonerId: plan.prisonerId, revision: revisions.get(plan.id)!, change: 'WITHDRAWAL',
        fields: [], reason: plan.reason, changes: {},
      });
    }
  }

  if (written.some((w) => w.id === undefined || w.revision === undefined)) {
    throw new Error(`${kind.subject}: a planned write did not reach its row`);
  }

  const children = childFields(kind);
  if (children.length > 0 && kind.writeChildren) {
    const states = new Map(plans.flatMap((p) => (p.op === 'withdraw' ? [] : [[p.externalId, p.state] as const])));
    const rewrite = written.filter((w) => (w.change === 'CREATE' || w.change === 'UPDATE' || w.change === 'CORRECTION') && w.fields.some((f) => children.includes(f)));
    if (rewrite.length > 0) await kind.writeChildren(client, rewrite.map((w) => ({ id: w.id, state: states.get(w.externalId)! })));
  }
  if (kind.afterWrite) await kind.afterWrite(client, written.filter((w) => w.change !== 'WITHDRAWAL').map(({ id, fields }) => ({ id, fields })));

  await client.query(
    `INSERT INTO record_revision (subject, record_id, owner_agency_code, revision, change, channel, user_id, agency_code, changed_at, reason, changes)
     SELECT $1, x.record_id, $2, x.revision, x.change, $3, $4, $2, $5, x.reason, x.changes
       FROM jsonb_to_recordset($6::jsonb) AS x(record_id uuid, revision integer, change text, reason text, changes jsonb)`,
    [kind.subject, owner, writer.channel, writer.principal.userId, at,
      JSON.stringify(written.map((w) => ({ record_id: w.id, revision: w.revision, change: w.change, reason: w.reason, changes: w.changes })))],
  );

  const { rows: events } = await client.query<{ position: string; record_id: string }>(
    `INSERT INTO change_event (position, subject, record_id, owner_agency_code, prisoner_id, change, fields, revision, occurred_at)
     SELECT 0, $1, x.record_id, $2, x.prisoner_id, x.change, x.fields, x.revision, $3
       FROM jsonb_to_recordset($4::jsonb) AS x(record_id uuid, prisoner_id uuid, change text, fields text[], revision integer)
     RETURNING position, record_id`,
    [kind.subject, owner, at,
      JSON.stringify(written.map((w) => ({ record_id: w.id, prisoner_id: w.prisonerId, change: w.change, fields: w.fields, revision: w.revision })))],
  );
  await writePolicyImages(client, kind.subject, events.map((e) => ({
    position: Number(e.position), recordId: e.record_id, before: beforeImages.get(e.record_id) ?? null,
  })));

  const records: WrittenRecord[] = written.map((w) => ({
    kind: LOG_KIND[w.change], subject: kind.subject, id: w.id, prisonerId: kind.subject === 'Prisoner' ? w.id : w.prisonerId,
    ownerAgencyCode: owner, fields: w.fields,
  }));
  const entries = buildWriteEntries({
    recordedAt: now, principal: writer.principal, channel: writer.channel, requestDecisionId: writer.requestDecisionId,
    operationName: writer.operationName, records,
  }, randomUUID);
  await insertEntries(client, entries.map((entry) => ({ entry: canonicalJson(entry), index: indexOf(entry) })));

  return written.map(({ id, externalId, revision, change, fields }) => ({ id, externalId, revision, change, fields }));
}
