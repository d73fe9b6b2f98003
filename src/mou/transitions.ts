import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import type { MouStatus } from '../domain/enums.js';
import { MouApprovalEntity, MouEntity } from '../entities/index.js';
import { invalidMou } from '../errors.js';
import {
  actorKey, canTransition, describeMou, statusesAfterApproval, SUPERSEDABLE_STATUSES, type MouActor,
} from './rules/mou-lifecycle.js';
import { describeProblem, mouProblems } from './rules/mou-validation.js';
import { recordId } from '../domain/input.js';
import { administer, lockForCommand, refuse, subjectOf } from './administration.js';
import type { AdminJournal } from './admin-log.js';
import {
  auditSnapshotOf, clauseDraftOf, insertMouVersion, lifecycleStateOf, loadAgencyRoles, loadMouRecord, mouActorOf,
  termsOf, type MouRecord,
} from './records.js';
import { mouView, type MouView } from './views.js';

/**
 * The lifecycle after drafting (issue 3, item 1): submit, approve (both parties, four eyes),
 * activation, suspension and resumption, termination and amendment. Each status change is a
 * row update on `mou`, which bumps the policy revision and NOTIFYs every gateway process
 * (GatewayCore trigger), so a suspension reaches every process within a second.
 */

type StatusAction = 'SUBMIT' | 'APPROVE' | 'ACTIVATE' | 'SUSPEND' | 'RESUME' | 'TERMINATE' | 'EXPIRE' | 'SUPERSEDE';

/**
 * Moves an MoU to `to` (the caller holds its row lock); the update names the old status, so
 * a concurrent change is caught rather than overwritten. Logged unless `silent` (when the
 * caller logs the step itself, e.g. an approval that completes the signatures).
 */
export async function changeStatus(
  tx: EntityManager, journal: AdminJournal, record: MouRecord, to: MouStatus,
  details: { action: StatusAction; reason?: string | null; request?: unknown; suspendedBy?: string; silent?: boolean },
): Promise<MouRecord> {
  const from = record.mou.status;
  if (!canTransition(from, to)) throw new Error(`lifecycle: ${describeMou(record.mou)} cannot go from ${from} to ${to}`);
  const result = await tx.getRepository(MouEntity).update({ id: record.mou.id, status: from }, {
    status: to,
    statusChangedAt: new Date(),
    suspendedByAgencyCode: to === 'SUSPENDED' ? details.suspendedBy ?? null : null,
    ...(details.reason !== undefined ? { statusReason: details.reason?.trim() || null } : {}),
  });
  if (result.affected !== 1) throw new Error(`lifecycle: ${describeMou(record.mou)} is no longer ${from}`);
  const after = (await loadMouRecord(tx, record.mou.id))!;
  if (!details.silent) {
    await journal.record({
      action: details.action, mou: subjectOf(after), reason: details.reason ?? null, request: details.request,
      before: { status: from }, after: { status: to },
    });
  }
  return after;
}

/**
 * Brings an APPROVED version into force: first its predecessors still approved, in force or
 * suspended become SUPERSEDED (one version of a reference in force at a time), then it
 * becomes ACTIVE.
 */
export async function activate(tx: EntityManager, journal: AdminJournal, record: MouRecord): Promise<MouRecord> {
  const predecessors = await tx.getRepository(MouEntity).createQueryBuilder('m')
    .where('m.reference = :reference AND m.version < :version AND m.status IN (:...statuses)', {
      reference: record.mou.reference, version: record.mou.version, statuses: SUPERSEDABLE_STATUSES,
    })
    .orderBy('m.version').setLock('pessimistic_write').getMany();
  for (const predecessor of predecessors) {
    const old = (await loadMouRecord(tx, predecessor.id))!;
    await changeStatus(tx, journal, old, 'SUPERSEDED', {
      action: 'SUPERSEDE', reason: `superseded by ${describeMou(record.mou)}`,
    });
  }
  return changeStatus(tx, journal, record, 'ACTIVE', { action: 'ACTIVATE', reason: `in force from ${record.mou.validFrom.toISOString()}` });
}

/** A reason as recorded: trimmed (the rules have bounded its length). */
const reasonText = (reason: string): string => reason.trim();
/** An optional reason as recorded: trimmed, or none when blank. */
const optionalReason = (reason: string | null): string | null => reason?.trim() || null;

/** `submitMou`: offers the text for approval; it must be complete and valid as it stands now. */
export function submitMou(ctx: RequestContext, id: string, reason: string | null = null): Promise<MouView> {
  const actor = mouActorOf(ctx);
  return administer(ctx, 'SUBMIT', { id, reason }, async (tx, journal, scope) => {
    const record = await lockForCommand(tx, scope, actor, 'SUBMIT', recordId(id), ctx.now, reason);
    const agencies = await loadAgencyRoles(tx);
    const problems = mouProblems(termsOf(record.mou), record.clauses.map(clauseDraftOf), agencies, ctx.now, { forSubmission: true });
    if (problems.length > 0) throw invalidMou(problems, describeProblem);
    return mouView(ctx, await changeStatus(tx, journal, record, 'PENDING_APPROVAL', { action: 'SUBMIT', reason: optionalReason(reason), request: { id } }));
  });
}

/**
 * `approveMou`: the caller's agency signs. When both parties have, the MoU is APPROVED, and
 * ACTIVE at once if its validity has begun (otherwise the lifecycle scheduler activates it at
 * `validFrom`).
 */
export function approveMou(ctx: RequestContext, id: string, reason: string | null = null): Promise<MouView> {
  const actor = mouActorOf(ctx);
  return administer(ctx, 'APPROVE', { id, reason }, async (tx, journal, scope) => {
    const before = await lockForCommand(tx, scope, actor, 'APPROVE', recordId(id), ctx.now, reason);
    await tx.getRepository(MouApprovalEntity).insert({ mouId: before.mou.id, agencyCode: actor.agencyCode, userId: actor.userId, issuer: actor.issuer });
    let record = (await loadMouRecord(tx, before.mou.id))!;
    const path = statusesAfterApproval(lifecycleStateOf(record), ctx.now);
    if (path[0] === 'APPROVED') {
      record = await changeStatus(tx, journal, record, 'APPROVED', { action: 'APPROVE', silent: true });
    }
    // One event for the signature, showing the status it led to.
    await journal.record({
      action: 'APPROVE', mou: subjectOf(record), reason: optionalReason(reason), request: { id }, before: auditSnapshotOf(before), after: auditSnapshotOf(record),
    });
    for (const status of path.slice(1)) {
      record = status === 'ACTIVE'
        ? await activate(tx, journal, record)
        : await changeStatus(tx, journal, record, status, { action: 'EXPIRE' });
    }
    return mouView(ctx, record);
  });
}


/** `suspendMou`: either party stops all access under the MoU at once, with a reason. */
export function suspendMou(ctx: RequestContext, id: string, reason: string): Promise<MouView> {
  const actor = mouActorOf(ctx);
  return administer(ctx, 'SUSPEND', { id, reason }, async (tx, journal, scope) => {
    const record = await lockForCommand(tx, scope, actor, 'SUSPEND', recordId(id), ctx.now, reason);
    return mouView(ctx, await changeStatus(tx, journal, record, 'SUSPENDED', {
      action: 'SUSPEND', reason: reasonText(reason), request: { id }, suspendedBy: actor.agencyCode,
    }));
  });
}

/** `resumeMou`: the suspending party lifts its suspension (within the validity window). */
export function resumeMou(ctx: RequestContext, id: string, reason: string | null): Promise<MouView> {
  const actor = mouActorOf(ctx);
  return administer(ctx, 'RESUME', { id, reason }, async (tx, journal, scope) => {
    const record = await lockForCommand(tx, scope, actor, 'RESUME', recordId(id), ctx.now, reason);
    return mouView(ctx, await changeStatus(tx, journal, record, 'ACTIVE', { action: 'RESUME', reason: optionalReason(reason), request: { id } }));
  });
}

/** `terminateMou`: either party ends the MoU for good, with a reason (any status but the final ones). */
export function terminateMou(ctx: RequestContext, id: string, reason: string): Promise<MouView> {
  const actor = mouActorOf(ctx);
  return administer(ctx, 'TERMINATE', { id, reason }, async (tx, journal, scope) => {
    const record = await lockForCommand(tx, scope, actor, 'TERMINATE', recordId(id), ctx.now, reason);
    return mouView(ctx, await changeStatus(tx, journal, record, 'TERMINATED', { action: 'TERMINATE', reason: reasonText(reason), request: { id } }));
  });
}

/**
 * `amendMou`: a new version n+1 of an MoU in force (or suspended), as a DRAFT copy of n for
 * the provider to edit. Version n stays in force until n+1 is activated, then is SUPERSEDED.
 */
export function amendMou(ctx: RequestContext, id: string, reason: string | null = null): Promise<MouView> {
  const actor = mouActorOf(ctx);
  return administer(ctx, 'AMEND', { id, reason }, async (tx, journal, scope) => {
    const record = await lockForCommand(tx, scope, actor, 'AMEND', recordId(id), ctx.now, reason);
    const draft = await startAmendment(tx, record, actor, record.clauses.map(clauseDraftOf), termsOf(record.mou));
    await journal.record({
      action: 'AMEND', mou: subjectOf(draft), reason: optionalReason(reason), request: { id, amends: describeMou(record.mou) },
      before: { amends: { id: record.mou.id, reference: record.mou.reference, version: record.mou.version, status: record.mou.status } },
      after: auditSnapshotOf(draft),
    });
    return mouView(ctx, draft);
  });
}

/** Creates version max+1 of `record`'s reference as a draft, refusing while another version is in preparation. */
export async function startAmendment(
  tx: EntityManager, record: MouRecord, actor: MouActor,
  clauses: Parameters<typeof insertMouVersion>[1]['clauses'], terms: Parameters<typeof insertMouVersion>[1]['terms'],
): Promise<MouRecord> {
  const versions = (await tx.query(
    'SELECT version, status FROM mou WHERE reference = $1 ORDER BY version', [record.mou.reference],
  )) as { version: number; status: MouStatus }[];
  const open = versions.find((v) => v.status === 'DRAFT' || v.status === 'PENDING_APPROVAL' || v.status === 'APPROVED');
  if (open) {
    refuse({
      code: 'BAD_USER_INPUT', rule: 'AMENDMENT_IN_PROGRESS',
      message: `Refused (AMENDMENT_IN_PROGRESS): ${record.mou.reference} v${open.version} is already ${open.status}; finish or terminate it first`,
    });
  }
  const latest = versions.at(-1)?.version ?? record.mou.version;
  return insertMouVersion(tx, {
    terms, version: latest + 1, clauses, createdBy: actor.userId, authors: [actorKey(actor.agencyCode, actor.userId)],
  });
}
