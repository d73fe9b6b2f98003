import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { isRecordId } from '../domain/input.js';
import { conflict, forbidden, invalidRecord, LiaisonError, notFound } from '../errors.js';
import type { LiaisonAbility } from '../policies/ability.js';
import { text } from './field-types.js';
import type { RecordKind, RecordProblem, RecordState } from './record-kind.js';
import { nextState } from './record-state.js';
import { RecordMovedOn, writeRecords, type WritePlan, type WrittenChange, type Writer } from './record-writer.js';
import { existingKeys, lockById, readByExternalId, prisonersByExternalId, prisonersById } from './stored-records.js';
import { inTransaction } from './transaction.js';
import { keepsRecord, refusedFields } from './write-authorization.js';

/**
 * The owner's writes (issue 12): create, update or correct, withdraw, and upsert by external
 * id. Each use case validates the whole input (every problem reported), checks the caller's
 * `create`/`update` rules on the new state, and makes the change, its history, its feed
 * event and its disclosure-log entry in one transaction — or nothing at all.
 */

export interface PublishingContext {
  writer: Writer;
  ability: LiaisonAbility;
  dataSource: DataSource;
}

/** One record as given by a caller: its keys and its field values. */
export interface RecordInput {
  externalId?: string | null;
  prisonerId?: string | null;
  prisonerExternalId?: string | null;
  values: Readonly<Record<string, unknown>>;
}

export type UpsertOutcomeKind = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED';

export interface UpsertOutcome {
  /** Position in the batch, from 0. */
  index: number;
  externalId: string | null;
  outcome: UpsertOutcomeKind;
  id: string | null;
  revision: number | null;
  problems: RecordProblem[];
}

/** The most records one upsert takes (one transaction). */
export const MAX_UPSERT_BATCH = 500;

const EXTERNAL_ID = text(200);
const REASON = text(1_000);

function checkReason(reason: string | null | undefined, required: string | null): { reason: string | null; problems: RecordProblem[] } {
  if (reason === null || reason === undefined || reason.trim() === '') {
    return { reason: null, problems: required ? [{ path: 'reason', message: `is required ${required}` }] : [] };
  }
  const normalised = REASON.normalise(reason);
  return 'problem' in normalised ? { reason: null, problems: [{ path: 'reason', message: normalised.problem }] } : { reason: normalised.value as string, problems: [] };
}

/** PostgreSQL unique_violation: a value that must be unique was taken, by a concurrent writer or another record. */
const uniqueViolation = (error: unknown): string | null => {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' ? e.constraint ?? '' : null;
};

/** What a unique constraint of the shared tables means to the writer. */
const UNIQUE_MEANING: Readonly<Record<string, string>> = {
  prisoner_owner_agency_code_prison_number_key: 'the prisonNumber is already another prisoner\'s',
};

/**
 * Refuses at once a caller whose roles write no record of this kind at all (a police analyst
 * raising a prison's flag): before any lookup, so the answer says nothing about the records.
 */
function assertWrites(pc: PublishingContext, kind: RecordKind, actions: readonly ('create' | 'update')[]): void {
  if (actions.some((action) => pc.ability.can(action, kind.subject))) return;
  throw forbidden(`Your roles (${pc.writer.principal.roles.join(', ')}) at ${pc.writer.principal.agencyCode} do not write ${kind.subject} records: only the owning agency's staff whose roles allow it do`);
}

async function inWriteTransaction<T>(pc: PublishingContext, kind: RecordKind, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(pc.dataSource, work);
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint !== null) {
      const meaning = UNIQUE_MEANING[constraint]
        ?? (constraint.endsWith('_owner_external_idx') ? 'another write created a record with the same externalId at the same moment' : 'a value that must be unique is already used');
      throw new LiaisonError('CONFLICT', `${kind.subject}: ${meaning}; nothing was written`);
    }
    throw error;
  }
}

type KnownReferences = Map<string, Set<string>>;

/** For each reference field (a facility by code…), which of the given keys name the owner's rows. */
async function knownReferences(client: pg.ClientBase, kind: RecordKind, owner: string, values: readonly Readonly<Record<string, unknown>>[]): Promise<KnownReferences> {
  const known: KnownReferences = new Map();
  for (const [name, spec] of Object.entries(kind.fields)) {
    if (!spec.reference) continue;
    const keys = [...new Set(values.map((v) => v[name]).filter((v): v is string => typeof v === 'string'))];
    known.set(name, await existingKeys(client, spec.reference, owner, keys));
  }
  return known;
}

function referenceProblems(kind: RecordKind, owner: string, changed: readonly string[], state: RecordState, known: KnownReferences): RecordProblem[] {
  return changed.filter((name) => kind.fields[name]?.reference && typeof state[name] === 'string' && !known.get(name)?.has(state[name] as string))
    .map((name) => ({ path: name, message: `no ${kind.fields[name]!.reference!.table} of ${owner} has ${kind.fields[name]!.reference!.key} ${JSON.stringify(state[name])}` }));
}

/**
 * Plans creations and updates by external id, recording each record's problems instead of
 * throwing: the shared core of `createRecord` (where an existing external id is a problem)
 * and of upserts (where it is an update; sending the same record again changes nothing).
 */
async function planByExternalId(
  client: pg.ClientBase, pc: PublishingContext, kind: RecordKind, inputs: readonly RecordInput[], mode: 'create' | 'upsert',
): Promise<{ plans: (WritePlan | null)[]; outcomes: UpsertOutcome[] }> {
  const owner = pc.writer.principal.agencyCode;
  const outcomes: UpsertOutcome[] = inputs.map((input, index) => ({
    index, externalId: typeof input.externalId === 'string' ? input.externalId : null, outcome: 'REJECTED', id: null, revision: null, problems: [],
  }));
  const externalIds: (string | null)[] = inputs.map((input, i) => {
    if (input.externalId === null || input.externalId === undefined) {
      if (mode === 'create') return randomUUID();
      outcomes[i]!.problems.push({ path: 'externalId', message: 'is required: the record\'s key in your system of record' });
      return null;
    }
    const normalised = EXTERNAL_ID.normalise(input.externalId);
    if ('problem' in normalised) {
      outcomes[i]!.problems.push({ path: 'externalId', message: normalised.problem });
      return null;
    }
    return normalised.value as string;
  });
  const firstWith = new Map<string, number>();
  externalIds.forEach((id, i) => {
    if (id === null) return;
    const first = firstWith.get(id);
    if (first === undefined) firstWith.set(id, i);
    else outcomes[i]!.problems.push({ path: 'externalId', message: `repeats record ${first + 1} of this batch` });
  });

  const existing = await readByExternalId(client, kind, owner, [...firstWith.keys()]);
  const prisonerExternalIds = inputs.map((input) => input.prisonerExternalId).filter((v): v is string => typeof v === 'string');
  const prisonerIds = inputs.map((input) => input.prisonerId).filter((v): v is string => typeof v === 'string' && isRecordId(v)).map((v) => v.toLowerCase());
  const [byExternal, byId] = kind.linkedToPrisoner
    ? await Promise.all([prisonersByExternalId(client, owner, prisonerExternalIds), prisonersById(client, owner, prisonerIds)])
    : [new Map<string, string>(), new Set<string>()];

  const known = await knownReferences(client, kind, owner, inputs.map((input) => input.values));

  const plans = inputs.map((input, i): WritePlan | null => {
    const outcome = outcomes[i]!;
    const externalId = externalIds[i] ?? null;
    const current = externalId === null ? undefined : existing.get(externalId);
    let prisonerId: string | null = null;
    if (kind.linkedToPrisoner) {
      const given = [input.prisonerId, input.prisonerExternalId].filter((v) => v !== null && v !== undefined).length;
      if (given !== 1 && !current) {
        outcome.problems.push({ path: 'prisonerExternalId', message: 'name the prisoner by exactly one of prisonerId and prisonerExternalId' });
      } else if (typeof input.prisonerExternalId === 'string') {
        prisonerId = byExternal.get(input.prisonerExternalId) ?? null;
        if (!prisonerId) outcome.problems.push({ path: 'prisonerExternalId', message: `no prisoner of ${owner} has external id ${JSON.stringify(input.prisonerExternalId)}` });
      } else if (typeof input.prisonerId === 'string') {
        prisonerId = isRecordId(input.prisonerId) && byId.has(input.prisonerId.toLowerCase()) ? input.prisonerId.toLowerCase() : null;
        if (!prisonerId) outcome.problems.push({ path: 'prisonerId', message: `no prisoner of ${owner} has id ${JSON.stringify(input.prisonerId)}` });
      }
      if (current && prisonerId && prisonerId !== current.prisonerId) {
        outcome.problems.push({ path: 'prisonerExternalId', message: 'a record cannot move to another prisoner: withdraw it and create a new one' });
      }
      if (current) prisonerId = current.prisonerId;
    }
    if (current && mode === 'create') {
      outcome.problems.push({ path: 'externalId', message: `${JSON.stringify(externalId)} is already a ${kind.subject} of ${owner}: update it, or upsert` });
    }
    if (current?.withdrawn) {
      outcome.problems.push({ path: 'externalId', message: `${JSON.stringify(externalId)} names a withdrawn ${kind.subject}; a withdrawn record is not written again` });
    }
    const next = nextState(kind, input.values, current && !current.withdrawn ? current.state : null);
    outcome.problems.push(...next.problems, ...referenceProblems(kind, owner, next.changed, next.state, known));
    if (outcome.problems.length > 0 || externalId === null) return null;

    const refused = refusedFields(pc.ability, current ? 'update' : 'create', kind, owner, next.state, next.changed, current?.state ?? null);
    if (refused.length > 0) {
      outcome.problems.push(refused.includes('record')
        ? { path: 'record', message: `your roles (${pc.writer.principal.roles.join(', ')}) may not ${current ? 'update' : 'create'} this ${kind.subject}` }
        : { path: refused.join(', '), message: `your roles (${pc.writer.principal.roles.join(', ')}) may not write ${refused.length === 1 ? 'this field' : 'these fields'}` });
      return null;
    }
    if (current) {
      outcome.id = current.id;
      outcome.revision = current.revision;
      if (next.changed.length === 0) {
        outcome.outcome = 'UNCHANGED';
        return null;
      }
      outcome.outcome = 'UPDATED';
      return {
        op: 'update', id: current.id, revision: current.revision, externalId, prisonerId, before: current.state, state: next.state, changed: next.changed,
        change: 'UPDATE', reason: null,
      };
    }
    outcome.outcome = 'CREATED';
    return { op: 'create', externalId, prisonerId, state: next.state, changed: next.changed };
  });
  if (kind.checkReferences) {
    const planned = plans.map((plan, i) => ({ plan, i })).filter((p): p is { plan: Exclude<WritePlan, { op: 'withdraw' }>; i: number } => p.plan !== null && p.plan.op !== 'withdraw');
    const problems = await kind.checkReferences(client, owner, planned.map((p) => p.plan.state));
    planned.forEach(({ i }, k) => {
      if (problems[k]!.length === 0) return;
      Object.assign(outcomes[i]!, { outcome: 'REJECTED', problems: problems[k] });
      plans[i] = null;
    });
  }
  return { plans, outcomes };
}

function applyWritten(outcomes: UpsertOutcome[], plans: readonly (WritePlan | null)[], written: readonly WrittenChange[]): void {
  const byExternalId = new Map(written.map((w) => [w.externalId, w]));
  plans.forEach((plan, i) => {
    if (!plan) return;
    const change = byExternalId.get(plan.externalId)!;
    outcomes[i]!.id = change.id;
    outcomes[i]!.revision = change.revision;
  });
}

/**
 * Creates or updates up to MAX_UPSERT_BATCH records by external id, in one transaction:
 * every good record is written, every bad one comes back with all its problems. Sending the
 * same batch again writes nothing and adds no revision (UNCHANGED).
 */
export async function upsertRecords(pc: PublishingContext, kind: RecordKind, inputs: readonly RecordInput[]): Promise<UpsertOutcome[]> {
  if (inputs.length > MAX_UPSERT_BATCH) {
    throw invalidRecord(kind.subject, [{ path: 'records', message: `at most ${MAX_UPSERT_BATCH} records per call (got ${inputs.length})` }]);
  }
  assertWrites(pc, kind, ['create', 'update']);
  // Planned on an unlocked read: when another writer changed or created one of the records
  // meanwhile, nothing was written and the batch is planned again on what is there now.
  for (let attempt = 1; ; attempt++) {
    try {
      return await inWriteTransaction(pc, kind, async (client) => {
        const { plans, outcomes } = await planByExternalId(client, pc, kind, inputs, 'upsert');
        const written = await writeRecords(client, pc.writer, kind, plans.filter((p): p is WritePlan => p !== null));
        applyWritten(outcomes, plans, written);
        return outcomes;
      });
    } catch (error) {
      const raced = error instanceof RecordMovedOn || (error instanceof LiaisonError && error.code === 'CONFLICT');
      if (!raced || attempt >= MAX_ATTEMPTS) throw error instanceof RecordMovedOn ? new LiaisonError('CONFLICT', `${kind.subject}: records kept changing while this batch was written; nothing was written: send it again`) : error;
    }
  }
}

/** Tries of an upsert batch that raced with other writers of the same records. */
const MAX_ATTEMPTS = 3;

/** Creates one record; refused whole with every problem (INVALID_RECORD) or FORBIDDEN. */
export async function createRecord(pc: PublishingContext, kind: RecordKind, input: RecordInput): Promise<WrittenChange> {
  assertWrites(pc, kind, ['create']);
  return inWriteTransaction(pc, kind, async (client) => {
    const { plans: [plan], outcomes: [outcome] } = await planByExternalId(client, pc, kind, [input], 'create');
    if (!plan) {
      const problems = outcome!.problems;
      if (problems.length === 1 && problems[0]!.message.startsWith('your roles')) throw forbidden(`${kind.subject}: ${problems[0]!.path}: ${problems[0]!.message}`);
      throw invalidRecord(kind.subject, problems);
    }
    const [written] = await writeRecords(client, pc.writer, kind, [plan]);
    return written!;
  });
}

export interface UpdateOptions {
  /** The earlier value was wrong (LED Art. 16); needs a reason. */
  correction?: boolean | null;
  reason?: string | null;
}

/** What an update that changed nothing answers: the record as it is. */
export type UpdateResult = WrittenChange | { id: string; externalId: string; revision: number; change: 'UNCHANGED'; fields: readonly string[] };

/**
 * Updates (or corrects) one record at `expectedRevision`: CONFLICT with the current revision
 * when it has moved on, INVALID_RECORD with every problem, FORBIDDEN when the caller's roles
 * may not make the change, NOT_FOUND when it is not the caller's agency's (or is withdrawn).
 */
export async function updateRecord(
  pc: PublishingContext, kind: RecordKind, id: string, expectedRevision: number, values: Readonly<Record<string, unknown>>, options: UpdateOptions = {},
): Promise<UpdateResult> {
  assertWrites(pc, kind, ['update']);
  const owner = pc.writer.principal.agencyCode;
  return inWriteTransaction(pc, kind, async (client) => {
    const current = isRecordId(id) ? await lockById(client, kind, owner, id.toLowerCase()) : null;
    if (!current || current.withdrawn) throw notFound(kind.subject);
    if (current.revision !== expectedRevision) throw conflict(kind.subject, expectedRevision, current.revision);
    const next = nextState(kind, values, current.state);
    const reason = checkReason(options.reason, options.correction ? 'for a correction: why the earlier value was wrong' : null);
    const known = await knownReferences(client, kind, owner, [values]);
    const problems = [...next.problems, ...referenceProblems(kind, owner, next.changed, next.state, known), ...reason.problems];
    if (kind.checkReferences && next.problems.length === 0) problems.push(...(await kind.checkReferences(client, owner, [next.state]))[0]!);
    if (problems.length > 0) throw invalidRecord(kind.subject, problems);
    const refused = refusedFields(pc.ability, 'update', kind, owner, next.state, next.changed, current.state);
    if (refused.length > 0) {
      throw forbidden(`Your roles (${pc.writer.principal.roles.join(', ')}) may not ${refused.includes('record') ? `make this change to this ${kind.subject}` : `write ${refused.join(', ')} of this ${kind.subject}`}`);
    }
    if (next.changed.length === 0) return { id: current.id, externalId: current.externalId, revision: current.revision, change: 'UNCHANGED', fields: [] };
    const [written] = await writeRecords(client, pc.writer, kind, [{
      op: 'update', id: current.id, revision: current.revision, externalId: current.externalId, prisonerId: current.prisonerId, before: current.state, state: next.state,
      changed: next.changed, change: options.correction ? 'CORRECTION' : 'UPDATE', reason: reason.reason,
    }]);
    return written!;
  });
}

/**
 * Withdraws one record (raised in error, court order, retention ended): from the commit on,
 * no read returns it; the owner's keepers and auditors see its tombstone in its history.
 * Only a keeper of the record (who may update all of it) withdraws it.
 */
export async function withdrawRecord(pc: PublishingContext, kind: RecordKind, id: string, expectedRevision: number, reasonText: string): Promise<WrittenChange> {
  assertWrites(pc, kind, ['update']);
  const owner = pc.writer.principal.agencyCode;
  return inWriteTransaction(pc, kind, async (client) => {
    const current = isRecordId(id) ? await lockById(client, kind, owner, id.toLowerCase()) : null;
    if (!current || current.withdrawn) throw notFound(kind.subject);
    if (current.revision !== expectedRevision) throw conflict(kind.subject, expectedRevision, current.revision);
    const reason = checkReason(reasonText, 'for a withdrawal (e.g. raised in error, court order, retention ended)');
    if (reason.problems.length > 0) throw invalidRecord(kind.subject, reason.problems);
    if (!keepsRecord(pc.ability, kind, owner, current.state)) {
      throw forbidden(`Your roles (${pc.writer.principal.roles.join(', ')}) may not withdraw this ${kind.subject}`);
    }
    const [written] = await writeRecords(client, pc.writer, kind, [{
      op: 'withdraw', id: current.id, externalId: current.externalId, prisonerId: current.prisonerId, reason: reason.reason!,
    }]);
    return written!;
  });
}
