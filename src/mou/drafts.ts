import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import type { Purpose } from '../domain/enums.js';
import type { MouAdminAction } from './rules/mou-admin-actions.js';
import { MouClauseEntity, MouEntity } from '../entities/index.js';
import { invalidMou, notFound } from '../errors.js';
import {
  actorKey, commandRefusal, describeMou, draftRefusal, statusAfterEdit, type MouActor, type MouCommand,
} from './rules/mou-lifecycle.js';
import {
  clauseProblems, describeProblem, MOU_LIMITS, mouProblems, sameLabel, type ClauseDraft, type MouProblem, type MouTermsDraft,
} from './rules/mou-validation.js';
import { recordId } from '../domain/input.js';
import { administer, lockForCommand, refuse, subjectOf, type ActionScope } from './administration.js';
import type { AdminJournal } from './admin-log.js';
import {
  auditSnapshotOf, clauseAuditSnapshot, clauseDraftOf, clauseRow, currentApprovals, insertMouVersion, loadAgencyRoles,
  lifecycleStateOf, loadMouRecord, mouActorOf, termsOf, type MouRecord,
} from './records.js';
import type { ClauseInput, ClausePatch } from './rules/mou-validation.js';
import { mouView, type MouView } from './views.js';

/**
 * Drafting (issue 3, item 1): the provider's MOU_ADMINs create a draft and edit its terms and
 * clauses while it is DRAFT or PENDING_APPROVAL. Every write is validated in full (item 2)
 * and logged (item 7). An edit after any approval voids the approvals and returns the MoU to
 * DRAFT: the parties approve the text they saw, not a later one.
 */

export type { ClauseInput, ClausePatch };

export interface MouDraftInput {
  reference: string;
  title: string;
  recipient: string;
  legalBasis: string;
  purposes: string[];
  validFrom: Date;
  validUntil?: Date | null;
  clauses?: ClauseInput[] | null;
}

/** A change to a draft's terms: absent parts stay; `validUntil: null` makes it open-ended. */
export interface MouTermsPatch {
  title?: string | null;
  legalBasis?: string | null;
  purposes?: string[] | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
}

export const clauseDraftFromInput = (input: ClauseInput): ClauseDraft => ({
  label: input.label,
  subjectType: input.subject,
  fields: input.fields,
  conditions: input.conditions ?? null,
  purposes: input.purposes,
  recipientRoles: input.recipientRoles,
  maxTlp: input.maxTlp,
  onwardDisclosure: input.onwardDisclosure ?? 'NONE',
  retentionDays: input.retentionDays,
  caseReferenceRequired: input.caseReferenceRequired ?? false,
  dailyRecordQuota: input.dailyRecordQuota ?? null,
});

function applyClausePatch(current: ClauseDraft, patch: ClausePatch): ClauseDraft {
  return {
    label: patch.label ?? current.label,
    subjectType: patch.subject ?? current.subjectType,
    fields: patch.fields ?? current.fields,
    conditions: patch.conditions === undefined ? current.conditions : patch.conditions,
    purposes: patch.purposes ?? current.purposes,
    recipientRoles: patch.recipientRoles ?? current.recipientRoles,
    maxTlp: patch.maxTlp ?? current.maxTlp,
    onwardDisclosure: patch.onwardDisclosure ?? current.onwardDisclosure,
    retentionDays: patch.retentionDays ?? current.retentionDays,
    caseReferenceRequired: patch.caseReferenceRequired ?? current.caseReferenceRequired,
    // null removes the quota; absent keeps it.
    dailyRecordQuota: patch.dailyRecordQuota === undefined ? current.dailyRecordQuota : patch.dailyRecordQuota,
  };
}

export function assertValid(problems: readonly MouProblem[]): void {
  if (problems.length > 0) throw invalidMou(problems, describeProblem);
}

/** Problems of one clause written at `position`, including a label clash with the MoU's other clauses. */
function writtenClauseProblems(record: MouRecord, clause: ClauseDraft, position: number, agencies: Awaited<ReturnType<typeof loadAgencyRoles>>, now: Date): MouProblem[] {
  const problems = clauseProblems(clause, position, termsOf(record.mou), agencies, now);
  const clash = record.clauses.find((other) => other.position !== position && sameLabel(other.label, clause.label));
  if (clash) {
    problems.push({ position, clause: clause.label, path: 'label', message: `the same label as clause ${clash.position + 1}; labels must be unique within an MoU` });
  }
  return problems;
}


/**
 * What every edit does before it changes the text: voids current approvals (logged), returns
 * a PENDING_APPROVAL MoU to DRAFT, and records the editor as an author (who may then not
 * approve this version).
 */
async function beginEdit(tx: EntityManager, journal: AdminJournal, record: MouRecord, actor: MouActor): Promise<void> {
  const { mou } = record;
  const editor = actorKey(actor.agencyCode, actor.userId);
  const approvals = currentApprovals(record);
  if (approvals.length > 0) {
    const reason = `${describeMou(mou)} was edited by ${editor} after approval`;
    await tx.query(`UPDATE mou_approval SET voided_at = now(), void_reason = $2 WHERE mou_id = $1 AND voided_at IS NULL`, [mou.id, reason]);
    await journal.record({
      action: 'VOID_APPROVALS', mou: subjectOf(record), reason,
      before: { status: mou.status, approvals: approvals.map((a) => ({ agency: a.agencyCode, user: a.userId, at: a.approvedAt.toISOString() })) },
      after: { status: statusAfterEdit(mou.status), approvals: [] },
    });
  }
  const status = statusAfterEdit(mou.status);
  await tx.getRepository(MouEntity).update({ id: mou.id }, {
    status,
    authors: mou.authors.includes(editor) ? mou.authors : [...mou.authors, editor],
    ...(status !== mou.status ? { statusChangedAt: new Date(), statusReason: 'returned to DRAFT by an edit' } : {}),
  });
}

/** Logs a successful edit with the MoU's text before and after, and returns the MoU as now stored. */
async function finishEdit(
  tx: EntityManager, journal: AdminJournal, ctx: RequestContext, action: MouAdminAction, before: MouRecord,
  request: Record<string, unknown>, clauseId: string | null = null,
): Promise<MouView> {
  const after = (await loadMouRecord(tx, before.mou.id))!;
  await journal.record({
    action, mou: subjectOf(after), clauseId, request, before: auditSnapshotOf(before), after: auditSnapshotOf(after),
  });
  return mouView(ctx, after);
}

/** `createMouDraft`: a new MoU (version 1) from the caller's agency, as provider. */
export function createMouDraft(ctx: RequestContext, input: MouDraftInput): Promise<MouView> {
  return createDraft(ctx, 'CREATE_DRAFT', {
    reference: input.reference,
    title: input.title,
    providerAgencyCode: ctx.principal.agencyCode,
    recipientAgencyCode: input.recipient,
    legalBasis: input.legalBasis,
    purposes: input.purposes,
    validFrom: input.validFrom,
    validUntil: input.validUntil ?? null,
  }, (input.clauses ?? []).map(clauseDraftFromInput), { ...input });
}

/**
 * A new draft: version 1 of a new reference. (A new version of an existing reference is an
 * amendment: `amendMou`, or `importMouDocument` with an existing reference.)
 */
export function createDraft(
  ctx: RequestContext, action: MouAdminAction, terms: MouTermsDraft, clauses: readonly ClauseDraft[], request: Record<string, unknown>,
): Promise<MouView> {
  return administer(ctx, action, request, (tx, journal) => insertDraft(ctx, tx, journal, action, terms, clauses, request));
}

/** `createDraft` within a running action. */
export async function insertDraft(
  ctx: RequestContext, tx: EntityManager, journal: AdminJournal, action: MouAdminAction,
  terms: MouTermsDraft, clauses: readonly ClauseDraft[], request: Record<string, unknown>,
): Promise<MouView> {
  const actor = mouActorOf(ctx);
  refuse(draftRefusal(actor));
  const agencies = await loadAgencyRoles(tx);
  assertValid(mouProblems(terms, clauses, agencies, ctx.now));
  const [taken] = (await tx.query('SELECT max(version)::int AS version FROM mou WHERE reference = $1', [terms.reference])) as { version: number | null }[];
  if (taken?.version) {
    refuse({
      code: 'BAD_USER_INPUT', rule: 'REFERENCE_TAKEN',
      message: `Refused (REFERENCE_TAKEN): ${terms.reference} already exists (version ${taken.version}); amend it (amendMou) to make a new version`,
    });
  }
  const record = await insertMouVersion(tx, {
    terms, version: 1, clauses, createdBy: actor.userId, authors: [actorKey(actor.agencyCode, actor.userId)],
  });
  await journal.record({ action, mou: subjectOf(record), request, after: auditSnapshotOf(record) });
  return mouView(ctx, record);
}

/** `updateMouDraft`: changes the terms; every clause is re-checked against them (e.g. narrower purposes). */
export function updateMouDraft(ctx: RequestContext, id: string, patch: MouTermsPatch): Promise<MouView> {
  const actor = mouActorOf(ctx);
  const request = { id, ...patch };
  return administer(ctx, 'UPDATE_DRAFT', request, async (tx, journal, scope) => {
    const record = await lockForCommand(tx, scope, actor, 'UPDATE_DRAFT', recordId(id), ctx.now);
    const current = termsOf(record.mou);
    const terms: MouTermsDraft = {
      ...current,
      title: patch.title ?? current.title,
      legalBasis: patch.legalBasis ?? current.legalBasis,
      purposes: patch.purposes ?? current.purposes,
      validFrom: patch.validFrom ?? current.validFrom,
      validUntil: patch.validUntil === undefined ? current.validUntil : patch.validUntil,
    };
    const agencies = await loadAgencyRoles(tx);
    assertValid(mouProblems(terms, record.clauses.map(clauseDraftOf), agencies, ctx.now));
    await beginEdit(tx, journal, record, actor);
    await tx.getRepository(MouEntity).update({ id: record.mou.id }, {
      title: terms.title.trim(),
      legalBasis: terms.legalBasis.trim(),
      purposes: [...terms.purposes] as Purpose[],
      validFrom: terms.validFrom,
      validUntil: terms.validUntil,
    });
    return finishEdit(tx, journal, ctx, 'UPDATE_DRAFT', record, request);
  });
}

/** `addMouClause`: appends a clause, validated against the MoU's terms. */
export function addMouClause(ctx: RequestContext, mouId: string, input: ClauseInput): Promise<MouView> {
  const actor = mouActorOf(ctx);
  const request = { mouId, clause: input };
  return administer(ctx, 'ADD_CLAUSE', request, async (tx, journal, scope) => {
    const record = await lockForCommand(tx, scope, actor, 'ADD_CLAUSE', recordId(mouId, 'mouId'), ctx.now);
    const clause = clauseDraftFromInput(input);
    const position = record.clauses.length === 0 ? 0 : Math.max(...record.clauses.map((c) => c.position)) + 1;
    const agencies = await loadAgencyRoles(tx);
    const problems = writtenClauseProblems(record, clause, position, agencies, ctx.now);
    if (record.clauses.length >= MOU_LIMITS.clauses) {
      problems.push({ position, clause: clause.label, path: 'clauses', message: `an MoU has at most ${MOU_LIMITS.clauses} clauses` });
    }
    assertValid(problems);
    await beginEdit(tx, journal, record, actor);
    const inserted = await tx.getRepository(MouClauseEntity).insert(clauseRow(record.mou.id, position, clause));
    scope.clauseId = inserted.identifiers[0]!.id as string;
    return finishEdit(tx, journal, ctx, 'ADD_CLAUSE', record, request, scope.clauseId);
  });
}

/** The clause and its MoU, locked; an unknown clause and one of an MoU the caller may not see answer alike. */
async function lockClause(
  tx: EntityManager, scope: ActionScope, actor: MouActor, command: MouCommand, clauseId: string, now: Date,
): Promise<{ record: MouRecord; clause: MouClauseEntity }> {
  scope.clauseId = clauseId;
  const found = await tx.getRepository(MouClauseEntity).findOne({ where: { id: clauseId } });
  if (!found) throw notFound('MoU clause');
  scope.mouId = found.mouId;
  const record = (await loadMouRecord(tx, found.mouId, { lock: true }))!;
  scope.record = record;
  const refusal = commandRefusal(command, actor, lifecycleStateOf(record), now);
  if (refusal?.code === 'NOT_FOUND') throw notFound('MoU clause');
  refuse(refusal);
  return { record, clause: record.clauses.find((c) => c.id === clauseId)! };
}

/** `updateMouClause`: changes parts of a clause; the result is validated as a whole. */
export function updateMouClause(ctx: RequestContext, clauseId: string, patch: ClausePatch): Promise<MouView> {
  const actor = mouActorOf(ctx);
  const request = { clauseId, patch };
  return administer(ctx, 'UPDATE_CLAUSE', request, async (tx, journal, scope) => {
    const { record, clause } = await lockClause(tx, scope, actor, 'UPDATE_CLAUSE', recordId(clauseId, 'clauseId'), ctx.now);
    const updated = applyClausePatch(clauseDraftOf(clause), patch);
    const agencies = await loadAgencyRoles(tx);
    assertValid(writtenClauseProblems(record, updated, clause.position, agencies, ctx.now));
    await beginEdit(tx, journal, record, actor);
    const { mouId: _mouId, position: _position, ...columns } = clauseRow(record.mou.id, clause.position, updated);
    await tx.getRepository(MouClauseEntity).update({ id: clause.id }, columns);
    return finishEdit(tx, journal, ctx, 'UPDATE_CLAUSE', record, { ...request, before: clauseAuditSnapshot(clause) }, clause.id);
  });
}

/**
 * `removeMouClause`: removes a clause from a draft and renumbers the rest (a draft is not
 * yet signed; the removed text stays in the admin audit log's `before`).
 */
export function removeMouClause(ctx: RequestContext, clauseId: string): Promise<MouView> {
  const actor = mouActorOf(ctx);
  const request = { clauseId };
  return administer(ctx, 'REMOVE_CLAUSE', request, async (tx, journal, scope) => {
    const { record, clause } = await lockClause(tx, scope, actor, 'REMOVE_CLAUSE', recordId(clauseId, 'clauseId'), ctx.now);
    await beginEdit(tx, journal, record, actor);
    await tx.getRepository(MouClauseEntity).delete({ id: clause.id });
    // Two steps: (mou_id, position) is unique and checked row by row.
    await tx.query('UPDATE mou_clause SET position = -position - 1 WHERE mou_id = $1 AND position > $2', [record.mou.id, clause.position]);
    await tx.query('UPDATE mou_clause SET position = -position - 2 WHERE mou_id = $1 AND position < 0', [record.mou.id]);
    return finishEdit(tx, journal, ctx, 'REMOVE_CLAUSE', record, request, clause.id);
  });
}
